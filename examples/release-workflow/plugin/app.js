// Release workflow: runs the release steps as one `system.workflow.run`, shows each step and its output live
// as it runs, and how each step ended.
(() => {
  'use strict';
  const sdk = window.GatehouseSDK;
  const { el, replace, withBusy, showError, showProblem, showSuccess, showInfo, watchHost } = window.PluginUi;
  const release = window.ReleaseSteps;

  const STORAGE_KEY = 'repository';
  const repositoryInput = document.getElementById('repository');
  const versionInput = document.getElementById('version');
  const tagName = document.getElementById('tag-name');
  const plan = document.getElementById('plan');
  const dryRunButton = document.getElementById('dry-run');
  const runButton = document.getElementById('run');
  const notice = document.getElementById('notice');
  const resultCard = document.getElementById('result-card');
  const workflowStatus = document.getElementById('workflow-status');
  const workflowSummary = document.getElementById('workflow-summary');
  const stepResults = document.getElementById('step-results');
  const stopButton = document.getElementById('stop');
  const outputBox = document.getElementById('output-box');
  const output = window.LogView.createLogView(document.getElementById('workflow-output'), { label: 'Workflow output' });
  /** Aborts the running release (Gatehouse stops it before its next step); null when nothing runs. */
  let running = null;

  const STATUS_TONES = {
    ok: 'ok',
    completed: 'ok',
    error: 'error',
    failed: 'error',
    cancelled: 'error',
    partial: 'warn',
    running: 'warn',
    waiting: undefined,
    skipped: undefined,
  };
  /** How a live step status reads while the release runs. */
  const LIVE_WORDS = { waiting: 'waiting', running: 'running…', ok: 'ok', failed: 'failed', skipped: 'skipped', cancelled: 'cancelled' };
  let repositoryEdited = false;

  function badge(text, tone) {
    return el('span', { class: 'badge', 'data-tone': tone, text });
  }

  function renderPlan() {
    const version = versionInput.value.trim();
    const repository = repositoryInput.value.trim() || '<repository>';
    const shownVersion = release.isVersion(version) ? version : '<version>';
    tagName.textContent = release.isVersion(version) ? `v${version}` : 'v…';
    replace(
      plan,
      release
        .buildSteps(repository, shownVersion)
        .map((step) =>
          el(
            'li',
            { class: 'step' },
            el(
              'div',
              { class: 'step-head' },
              el('span', { class: 'step-title', text: step.title }),
              release.GATED_STEP_IDS.includes(step.id) ? badge('needs your approval', 'warn') : null,
              step.onError === 'continue' ? badge('continues on error') : null,
            ),
            el('code', { class: 'step-command', text: release.commandLine(step) }),
          ),
        ),
    );
  }

  function readForm() {
    const repository = repositoryInput.value.trim();
    const version = versionInput.value.trim();
    const problems = [];
    repositoryInput.removeAttribute('aria-invalid');
    versionInput.removeAttribute('aria-invalid');
    if (!sdk.isNormalizedAbsolutePath(repository)) {
      repositoryInput.setAttribute('aria-invalid', 'true');
      problems.push('Repository path: enter an absolute path without "." or ".." segments.');
    }
    if (!release.isVersion(version)) {
      versionInput.setAttribute('aria-invalid', 'true');
      problems.push('Version: enter a semantic version such as 1.2.0 (no leading "v").');
    }
    return { repository, version, problems };
  }

  /** One line under a step that says what its output means for the release. */
  function stepNote(step) {
    const stdout = String(step.result?.stdout ?? '').trim();
    if (step.status !== 'ok' || step.result?.dryRun) return null;
    if (step.stepId === 'check-tree')
      return stdout === '' ? 'Working tree clean.' : 'The working tree has uncommitted changes (listed below).';
    if (step.stepId === 'last-tag' && stdout !== '') return `Last tag: ${stdout.split('\n')[0]}`;
    return null;
  }

  function renderStep(step) {
    const output = [step.result?.stdout, step.result?.stderr]
      .filter((text) => typeof text === 'string' && text.trim() !== '')
      .join('\n')
      .trim();
    const note = stepNote(step);
    return el(
      'li',
      { class: 'step', 'data-status': step.status },
      el(
        'div',
        { class: 'step-head' },
        badge(step.status, STATUS_TONES[step.status]),
        el('span', { class: 'step-title', text: step.title }),
        step.code ? el('code', { class: 'code-badge', text: step.code }) : null,
      ),
      step.error ? el('p', { class: 'step-error', text: step.error }) : null,
      note ? el('p', { class: 'step-note', text: note }) : null,
      output
        ? el(
            'details',
            {},
            el('summary', { text: 'Output' }),
            el('pre', { class: 'step-output', text: output.split('\n').slice(0, 40).join('\n') }),
          )
        : null,
    );
  }

  function renderResult(result) {
    resultCard.hidden = false;
    workflowStatus.textContent = result.dryRun ? `${result.status} (dry run)` : result.status;
    workflowStatus.dataset.tone = STATUS_TONES[result.status] ?? '';
    const s = result.summary;
    workflowSummary.textContent = result.dryRun
      ? `Dry run: nothing ran. Gatehouse checked all ${s.totalSteps} steps against the git-release scope.`
      : `${s.completedSteps} of ${s.totalSteps} steps completed · ${s.failedSteps} failed · ${s.skippedSteps} skipped`;
    replace(stepResults, result.steps.map(renderStep));
  }

  /** Before the first event: every step waits. Each step event then updates its row in place. */
  function showLiveSteps(steps) {
    resultCard.hidden = false;
    outputBox.hidden = false;
    output.clear();
    workflowStatus.textContent = 'running';
    workflowStatus.dataset.tone = STATUS_TONES.running;
    workflowSummary.textContent = 'Each step shows here as it starts and ends.';
    replace(
      stepResults,
      steps.map((step) =>
        el(
          'li',
          { class: 'step', 'data-status': 'waiting', 'data-step-id': step.id },
          el('div', { class: 'step-head' }, badge(LIVE_WORDS.waiting), el('span', { class: 'step-title', text: step.title })),
        ),
      ),
    );
  }

  function updateLiveStep(steps, event) {
    const step = steps[event.index] ?? steps.find((candidate) => candidate.id === event.id);
    const row = step && stepResults.querySelector(`li[data-step-id="${CSS.escape(step.id)}"]`);
    if (!row) return;
    row.dataset.status = event.status;
    const head = row.querySelector('.step-head');
    head.firstChild.replaceWith(badge(LIVE_WORDS[event.status] ?? event.status, STATUS_TONES[event.status]));
    if (event.status === 'running') output.note(`▸ ${step.title}`);
  }

  function isWorkflowResult(value) {
    return value && typeof value === 'object' && typeof value.status === 'string' && Array.isArray(value.steps) && value.summary;
  }

  async function runRelease(dryRun) {
    const form = readForm();
    if (form.problems.length > 0) return showProblem(notice, 'Check the form first', form.problems);
    resultCard.hidden = true;
    outputBox.hidden = true;
    showInfo(notice, dryRun ? 'Checking the steps with Gatehouse…' : 'Running; Gatehouse asks you before the tag and push steps…');
    const workflow = release.buildWorkflow(form.repository, form.version, dryRun);
    const controller = new AbortController();
    const live = dryRun
      ? {}
      : {
          signal: controller.signal,
          onStep: (event) => updateLiveStep(workflow.steps, event),
          onOutput: (data, stream) => output.append(stream, data),
          onSkipped: (bytes, stream) => output.skipped(stream, bytes),
        };
    if (!dryRun) {
      showLiveSteps(workflow.steps);
      running = controller;
      stopButton.hidden = false;
    }
    let response;
    try {
      response = await sdk.requestScopedWorkflow(release.SCOPE, workflow, live);
    } finally {
      running = null;
      stopButton.hidden = true;
    }
    const result = isWorkflowResult(response.result) ? response.result : null;
    if (result) renderResult(result);
    if (controller.signal.aborted) return showProblem(notice, `Release v${form.version} stopped by you: later steps did not run.`);
    if (!response.ok) {
      // The step list shows each step's output; keep the formatted error to the workflow's own outcome.
      const outcome = result ? { ...response, result: undefined } : response;
      const title =
        !result || result.dryRun
          ? undefined
          : result.status === 'partial'
            ? `Release v${form.version} is partly done: not every step ran`
            : `Release v${form.version} failed`;
      return showError(notice, outcome, { title, context: dryRun ? 'Dry run failed' : `Release v${form.version}` });
    }
    if (result.dryRun) showSuccess(notice, `Dry run passed: every step of release v${form.version} is allowed by the git-release scope.`);
    else if (result.status === 'completed') showSuccess(notice, `Release v${form.version} tagged and pushed`);
    else showProblem(notice, `Release v${form.version} ended ${result.status}: see the steps below.`);
    if (!dryRun) await sdk.storage.set(STORAGE_KEY, form.repository);
  }

  async function restoreRepository() {
    const saved = await sdk.storage.get(STORAGE_KEY);
    if (repositoryEdited || !saved.ok || !saved.result.found || typeof saved.result.value !== 'string') return;
    repositoryInput.value = saved.result.value;
    renderPlan();
  }

  repositoryInput.addEventListener('input', () => {
    repositoryEdited = true;
    renderPlan();
  });
  versionInput.addEventListener('input', renderPlan);
  dryRunButton.addEventListener('click', () => withBusy([dryRunButton, runButton], () => runRelease(true)));
  runButton.addEventListener('click', () => withBusy([dryRunButton, runButton], () => runRelease(false)));
  stopButton.addEventListener('click', () => running?.abort());

  renderPlan();
  watchHost();
  restoreRepository();
})();
