// Docker panel: lists containers and images, starts and stops containers, follows a container's logs and
// pulls an image with live output, shows the docker version. With Keep fresh, the panel's backend watches
// docker events and sends the container list here whenever it changes.
(() => {
  'use strict';
  const sdk = window.GatehouseSDK;
  const { el, replace, withBusy, showError, showProblem, showSuccess, showInfo, watchHost } = window.PluginUi;
  const docker = window.Docker;

  const executableInput = document.getElementById('executable');
  const refreshButton = document.getElementById('refresh');
  const versionButton = document.getElementById('version');
  const notice = document.getElementById('notice');
  const containersBox = document.getElementById('containers');
  const imagesBox = document.getElementById('images');
  const containersCount = document.getElementById('containers-count');
  const imagesCount = document.getElementById('images-count');
  const versionCard = document.getElementById('version-card');
  const versionInfo = document.getElementById('version-info');
  const imageRefInput = document.getElementById('image-ref');
  const pullButton = document.getElementById('pull');
  const outputCard = document.getElementById('output-card');
  const outputTitle = document.getElementById('output-title');
  const outputStatus = document.getElementById('output-status');
  const stopOutputButton = document.getElementById('stop-output');
  const liveBadge = document.getElementById('live-badge');
  const liveToggle = document.getElementById('live-toggle');
  const liveStatus = document.getElementById('live-status');
  const outputLog = window.LogView.createLogView(document.getElementById('output-log'), { label: 'Live output' });
  /** Who ended a run in Gatehouse (`details.stoppedBy` of the answer), when it was not this page's Stop. */
  const STOPPED_WORDS = {
    user: 'Stopped in Gatehouse by you',
    'host-shutdown': 'Stopped because Gatehouse quit',
    paused: 'Stopped because plugins were paused',
    'rights-withdrawn': 'Stopped because Gatehouse withdrew this panel’s rights',
  };
  /** The one command whose output streams into the Output card: `{ controller }`, or null. */
  let live = null;
  /** What the backend last said about its watch: off, starting, watching, retrying, paused. */
  let watchState = 'off';
  /** Fires when the backend has not answered a watch request (it is not running). */
  let watchAnswerTimer = null;

  /** Runs one fixed docker command in `scope`; resolves with the envelope. */
  function run(scope, args, reason) {
    return sdk.requestScopedProcessExec(scope, { command: executableInput.value, args, reason });
  }

  /**
   * Runs a command whose output streams into the Output card as it is written; `stopLabel` names the Stop
   * button, which aborts the request (Gatehouse ends the process). A new run stops the one before it.
   */
  async function runLive({ title, stopLabel, scope, args, reason }) {
    live?.controller.abort();
    const run = { controller: new AbortController() };
    live = run;
    outputCard.hidden = false;
    outputTitle.textContent = title;
    outputLog.clear();
    stopOutputButton.textContent = stopLabel;
    stopOutputButton.hidden = false;
    outputStatus.textContent = 'Waiting for your confirmation in Gatehouse…';
    outputCard.scrollIntoView({ block: 'nearest' });
    const response = await sdk.requestScopedProcessExec(
      scope,
      { command: executableInput.value, args, reason },
      {
        signal: run.controller.signal,
        // Any stream callback asks Gatehouse for live output (`stream: true`).
        onEvent: (event) => {
          if (live === run && event.type === 'started') outputStatus.textContent = 'Running: output shows as it is written.';
        },
        onOutput: (data, stream) => {
          if (live === run) outputLog.append(stream, data);
        },
        onSkipped: (bytes, stream) => {
          if (live === run) outputLog.skipped(stream, bytes);
        },
      },
    );
    if (live === run) {
      live = null;
      stopOutputButton.hidden = true;
    }
    const lines = outputLog.lineCount();
    const counted = `${lines} line${lines === 1 ? '' : 's'}`;
    const stoppedBy = response.ok ? null : response.details?.stoppedBy;
    if (run.controller.signal.aborted) outputStatus.textContent = `Stopped by you after ${counted}.`;
    else if (stoppedBy) outputStatus.textContent = `${STOPPED_WORDS[stoppedBy] ?? 'Stopped in Gatehouse'} after ${counted}.`;
    else if (response.ok) outputStatus.textContent = `Finished with exit code ${response.result.exitCode} after ${counted}.`;
    else {
      outputStatus.textContent = `Ended (${response.code}) after ${counted}.`;
      showDockerError(response, scope, `docker ${args[0]} failed`);
    }
    return response;
  }

  function followLogs(container) {
    let args;
    try {
      args = docker.commands.followLogs(container.id);
    } catch (error) {
      return showProblem(notice, `Follow logs of ${container.name}: ${error.message}`);
    }
    replace(notice);
    return runLive({
      title: `Logs of ${container.name}`,
      stopLabel: 'Stop following',
      scope: docker.READ_SCOPE,
      args,
      reason: `Follow the logs of container ${container.name}`,
    });
  }

  async function pullImage() {
    let args;
    try {
      args = docker.commands.pull(imageRefInput.value);
      imageRefInput.removeAttribute('aria-invalid');
    } catch (error) {
      imageRefInput.setAttribute('aria-invalid', 'true');
      return showProblem(notice, `Pull: ${error.message}`);
    }
    replace(notice);
    const response = await runLive({
      title: `Pulling ${args[1]}`,
      stopLabel: 'Stop pull',
      scope: docker.MANAGE_SCOPE,
      args,
      reason: `Pull the image ${args[1]}`,
    });
    if (response.ok) showSuccess(notice, `Pulled ${args[1]}`);
  }

  function showDockerError(response, scope, context) {
    showError(notice, response, { title: docker.describeDockerProblem(response, scope) ?? undefined, context });
  }

  function setCount(node, count, noun) {
    node.textContent = count === null ? 'not loaded' : `${count} ${noun}${count === 1 ? '' : 's'}`;
  }

  function stateBadge(state) {
    const tone = state === 'running' ? 'ok' : state === 'exited' || state === 'dead' ? 'error' : 'warn';
    return el('span', { class: 'badge', 'data-tone': tone, text: state });
  }

  function renderContainers(containers) {
    setCount(containersCount, containers.length, 'container');
    if (containers.length === 0) return showInfo(containersBox, 'No containers on this machine.');
    replace(
      containersBox,
      el(
        'table',
        { 'aria-labelledby': 'containers-title' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ['Name', 'Image', 'State', 'Status'].map((h) => el('th', { scope: 'col', text: h })),
            el('th', { scope: 'col' }, el('span', { class: 'visually-hidden', text: 'Actions' })),
          ),
        ),
        el(
          'tbody',
          {},
          containers.map((c) => {
            const running = c.state === 'running';
            const action = running ? 'stop' : 'start';
            const label = running ? 'Stop' : 'Start';
            return el(
              'tr',
              {},
              el('td', {}, el('strong', { text: c.name }), el('div', { class: 'muted mono', text: c.id })),
              el('td', { class: 'mono', text: c.image }),
              el('td', {}, stateBadge(c.state)),
              el('td', { text: c.status }),
              el(
                'td',
                { class: 'row-actions' },
                el('button', {
                  type: 'button',
                  text: 'Follow logs',
                  'aria-label': `Follow logs of ${c.name}`,
                  on: { click: () => followLogs(c) },
                }),
                ' ',
                el('button', {
                  type: 'button',
                  text: label,
                  'aria-label': `${label} ${c.name}`,
                  on: { click: (event) => changeState(event.currentTarget, action, c) },
                }),
              ),
            );
          }),
        ),
      ),
    );
  }

  function renderImages(images) {
    setCount(imagesCount, images.length, 'image');
    if (images.length === 0) return showInfo(imagesBox, 'No images on this machine.');
    replace(
      imagesBox,
      el(
        'table',
        { 'aria-labelledby': 'images-title' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ['Repository', 'Tag', 'Image ID', 'Size', 'Created'].map((h) => el('th', { scope: 'col', text: h })),
          ),
        ),
        el(
          'tbody',
          {},
          images.map((i) =>
            el(
              'tr',
              {},
              el('td', { class: 'mono', text: i.repository }),
              el('td', { class: 'mono', text: i.tag }),
              el('td', { class: 'mono muted', text: i.id }),
              el('td', { text: i.size }),
              el('td', { text: i.created }),
            ),
          ),
        ),
      ),
    );
  }

  async function refresh({ keepNotice = false } = {}) {
    if (!keepNotice) replace(notice);
    showInfo(containersBox, 'Loading containers…');
    showInfo(imagesBox, 'Loading images…');
    const ps = await run(docker.READ_SCOPE, docker.commands.listContainers(), 'List containers');
    if (!ps.ok) {
      showDockerError(ps, docker.READ_SCOPE, 'docker ps failed');
      showInfo(containersBox, 'Containers could not be listed.');
      showInfo(imagesBox, 'Images were not loaded.');
      setCount(containersCount, null);
      setCount(imagesCount, null);
      return;
    }
    renderContainers(docker.parseJsonLines(ps.result.stdout).map(docker.toContainer));
    const images = await run(docker.READ_SCOPE, docker.commands.listImages(), 'List images');
    if (!images.ok) {
      showDockerError(images, docker.READ_SCOPE, 'docker images failed');
      showInfo(imagesBox, 'Images could not be listed.');
      setCount(imagesCount, null);
      return;
    }
    renderImages(docker.parseJsonLines(images.result.stdout).map(docker.toImage));
  }

  async function changeState(button, action, container) {
    const verb = action === 'start' ? 'Start' : 'Stop';
    let args;
    try {
      args = docker.commands[action](container.id);
    } catch (error) {
      return showProblem(notice, `${verb} ${container.name}: ${error.message}`);
    }
    const done = await withBusy([button, refreshButton], async () => {
      showInfo(notice, `${verb} ${container.name}: waiting for your confirmation in Gatehouse…`);
      const response = await run(docker.MANAGE_SCOPE, args, `${verb} container ${container.name}`);
      if (!response.ok) {
        showDockerError(response, docker.MANAGE_SCOPE, `docker ${action} failed`);
        return false;
      }
      showSuccess(notice, `${action === 'start' ? 'Started' : 'Stopped'} ${container.name}`);
      return true;
    });
    // While live updates run, the backend sees the change in docker events and sends the new list.
    if (done && watchState !== 'watching') await withBusy(refreshButton, () => refresh({ keepNotice: true }));
  }

  async function showVersion() {
    replace(notice);
    const response = await run(docker.READ_SCOPE, docker.commands.version(), 'Show the docker version');
    // With the daemon down docker still prints the client half, then exits 1: show both.
    const version = docker.parseVersion(docker.outputOf(response).stdout);
    if (!response.ok) showDockerError(response, docker.READ_SCOPE, 'docker version failed');
    if (!version) {
      versionCard.hidden = true;
      return;
    }
    const row = (term, value) => [el('dt', { text: term }), el('dd', { text: value })];
    replace(
      versionInfo,
      el(
        'dl',
        { class: 'facts' },
        row('Client', version.client),
        row('API', version.api),
        row('Platform', version.platform),
        row('Context', version.context),
        row('Server', version.server ?? 'not reachable'),
      ),
    );
    versionCard.hidden = false;
  }

  function renderCommandList() {
    const line = (scope, args) =>
      el('li', {}, el('code', { text: ['docker', ...args].join(' ') }), ' ', el('span', { class: 'badge', text: scope }));
    replace(
      document.getElementById('command-list'),
      line(docker.READ_SCOPE, docker.commands.listContainers()),
      line(docker.READ_SCOPE, docker.commands.listImages()),
      line(docker.READ_SCOPE, docker.commands.version()),
      line(docker.READ_SCOPE, ['logs', '--follow', '<container id>']),
      line(docker.READ_SCOPE, docker.commands.watchEvents()),
      line(docker.MANAGE_SCOPE, ['start', '<container id>']),
      line(docker.MANAGE_SCOPE, ['stop', '<container id>']),
      line(docker.MANAGE_SCOPE, ['pull', '<image>']),
    );
  }

  const LIVE_BADGE = {
    off: ['Live off', undefined],
    starting: ['Live: starting', 'warn'],
    watching: ['Live', 'ok'],
    retrying: ['Live: reconnecting', 'warn'],
    paused: ['Live paused', 'error'],
  };

  /** Shows the watch's state from the backend's `{ type: 'watch', state, reason?, code?, retryInMs? }`. */
  function showWatch(message) {
    clearTimeout(watchAnswerTimer);
    watchState = message.state === 'stopped' ? 'off' : message.state in LIVE_BADGE ? message.state : 'paused';
    const [text, tone] = LIVE_BADGE[watchState];
    liveBadge.textContent = text;
    if (tone) liveBadge.dataset.tone = tone;
    else delete liveBadge.dataset.tone;
    liveToggle.textContent = watchState === 'off' || watchState === 'paused' ? 'Keep fresh' : 'Stop live updates';
    const why = typeof message.reason === 'string' ? message.reason.slice(0, 300) : '';
    const code = typeof message.code === 'string' ? ` (${message.code.slice(0, 40)})` : '';
    const words = {
      off: 'Live updates are off. Refresh lists the containers once.',
      starting:
        'Starting live updates: Gatehouse asks you to approve docker ps, then docker events; changes then arrive without asking. Allowing each for 10 minutes also covers reconnecting.',
      watching: 'Watching Docker: the list updates by itself when a container changes.',
      retrying: `Docker events stopped${code}: ${why} Trying again in ${Math.round((message.retryInMs ?? 0) / 1000)} s.`,
      paused: `Live updates paused${code}: ${why || 'stopped'}. Press Keep fresh to start them again.`,
    };
    liveStatus.textContent = words[watchState];
  }

  /** Asks the backend to start (or restart) watching with the executable in the field. */
  function startWatch() {
    if (!sdk.postToBackend({ type: 'watch', executable: executableInput.value })) {
      return showWatch({ state: 'paused', reason: 'Gatehouse is not connected yet' });
    }
    showWatch({ state: 'starting' });
    // The backend answers at once; silence means it is not running (see the plugin's page in Gatehouse).
    watchAnswerTimer = setTimeout(
      () =>
        showWatch({
          state: 'paused',
          reason: 'the panel’s background process did not answer; its state is on the plugin’s page in Gatehouse',
        }),
      5000,
    );
  }

  sdk.onBackendMessage((message) => {
    if (!message || typeof message !== 'object') return;
    if (message.type === 'watch') return showWatch(message);
    if (message.type === 'containers' && Array.isArray(message.rows)) {
      clearTimeout(watchAnswerTimer);
      renderContainers(message.rows.filter((row) => row && typeof row === 'object').map(docker.toContainer));
      if (message.cause === 'event') liveStatus.textContent = `Updated at ${new Date().toLocaleTimeString()} after a container changed.`;
    }
  });

  liveToggle.addEventListener('click', () => {
    if (watchState === 'off' || watchState === 'paused') startWatch();
    else sdk.postToBackend({ type: 'stop' });
  });
  // The watch serves this page: when it goes, so does the watch (best effort; Gatehouse also stops the
  // page's and the backend's running commands when the page closes).
  window.addEventListener('pagehide', () => {
    if (watchState !== 'off' && watchState !== 'paused') sdk.postToBackend({ type: 'stop' });
  });
  refreshButton.addEventListener('click', () => withBusy(refreshButton, () => refresh()));
  versionButton.addEventListener('click', () => withBusy(versionButton, showVersion));
  stopOutputButton.addEventListener('click', () => live?.controller.abort());
  // A sandboxed frame may not submit forms, so Enter in the field presses Pull itself.
  pullButton.addEventListener('click', () => withBusy(pullButton, pullImage));
  imageRefInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !pullButton.disabled) pullButton.click();
  });

  renderCommandList();
  watchHost();
})();
