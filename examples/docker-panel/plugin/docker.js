// The fixed docker commands this panel runs, and how to read their output. No free-form argv anywhere.
(() => {
  'use strict';

  /** Read-only listing (docker ps, images, version) runs here. */
  const READ_SCOPE = 'docker-cli';
  /** Start and stop run here; Gatehouse asks the user before each. */
  const MANAGE_SCOPE = 'docker-cli-manage';

  const JSON_FORMAT = ['--format', '{{json .}}'];
  const commands = {
    listContainers: () => ['ps', '--all', ...JSON_FORMAT],
    listImages: () => ['images', ...JSON_FORMAT],
    version: () => ['version', ...JSON_FORMAT],
    /** What the panel's backend streams for Keep fresh (it runs it, not this page). */
    watchEvents: () => ['events', '--filter', 'type=container', ...JSON_FORMAT],
    start: (id) => ['start', requireContainerId(id)],
    stop: (id) => ['stop', requireContainerId(id)],
    /** Never ends on its own: the panel streams it and stops it with an AbortSignal. */
    followLogs: (id) => ['logs', '--follow', requireContainerId(id)],
    pull: (ref) => ['pull', requireImageRef(ref)],
  };

  /** Only ids that `docker ps` printed (hex) reach the argv: nothing typed by hand, no option-looking values. */
  function requireContainerId(id) {
    if (typeof id !== 'string' || !/^[0-9a-f]{12,64}$/.test(id)) throw new TypeError(`Not a container id: ${String(id).slice(0, 80)}`);
    return id;
  }

  /**
   * An image reference as `docker pull` takes it: registry/name, then :tag or @digest. It starts with a letter
   * or digit, so it can never read as an option.
   */
  function requireImageRef(ref) {
    const text = typeof ref === 'string' ? ref.trim() : '';
    if (!/^[a-z0-9][a-z0-9._/-]*(?::[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/.test(text) || text.length > 255)
      throw new TypeError(`Not an image reference: ${text.slice(0, 80) || '(empty)'}`);
    return text;
  }

  /** Parses `--format {{json .}}` output: one JSON object per line; lines that are not objects are skipped. */
  function parseJsonLines(stdout) {
    const rows = [];
    for (const line of String(stdout ?? '').split('\n')) {
      const text = line.trim();
      if (!text) continue;
      try {
        const value = JSON.parse(text);
        if (value && typeof value === 'object' && !Array.isArray(value)) rows.push(value);
      } catch {
        // A warning line from the CLI, not a record.
      }
    }
    return rows;
  }

  /** A container row from `docker ps`, with only the fields the panel shows. */
  function toContainer(raw) {
    const status = String(raw.Status ?? '');
    const state = String(raw.State ?? (status.startsWith('Up') ? 'running' : 'exited')).toLowerCase();
    return {
      id: String(raw.ID ?? ''),
      name: String(raw.Names ?? raw.ID ?? '').split(',')[0],
      image: String(raw.Image ?? ''),
      state,
      status,
      ports: String(raw.Ports ?? ''),
    };
  }

  /** An image row from `docker images`. */
  function toImage(raw) {
    return {
      id: String(raw.ID ?? ''),
      repository: String(raw.Repository ?? ''),
      tag: String(raw.Tag ?? ''),
      size: String(raw.Size ?? ''),
      created: String(raw.CreatedSince ?? raw.CreatedAt ?? ''),
    };
  }

  function outputOf(response) {
    const result = response.result ?? {};
    const details = response.details ?? {};
    return { stdout: String(result.stdout ?? details.stdout ?? ''), stderr: String(result.stderr ?? details.stderr ?? '') };
  }

  /** A plain-language title for the errors people meet first with docker; null for the rest. */
  function describeDockerProblem(response, scope) {
    const reason = String(response.details?.reason ?? '');
    if (
      response.code === 'PROCESS_SPAWN_ENOENT' ||
      response.code === 'PROCESS_SPAWN_PERMISSION_DENIED' ||
      (response.code === 'SCOPE_VIOLATION' && /executable/i.test(reason))
    ) {
      return 'Docker is not installed or not allowed on this machine';
    }
    if (
      response.code === 'PROCESS_EXIT_NON_ZERO' &&
      /cannot connect to the docker daemon|docker daemon running/i.test(outputOf(response).stderr)
    ) {
      return 'Docker is installed, but the Docker daemon is not running';
    }
    if (response.code === 'SCOPE_NOT_CONFIGURED') return `The "${scope}" process scope is not set up in Gatehouse`;
    if (response.code === 'CAPABILITY_DENIED') return `Gatehouse has not granted this plugin the "${scope}" scope`;
    return null;
  }

  /** Client and server versions from `docker version --format {{json .}}`; the server is null when unreachable. */
  function parseVersion(stdout) {
    const [raw] = parseJsonLines(stdout);
    if (!raw) return null;
    const client = raw.Client ?? {};
    const server = raw.Server ?? null;
    return {
      client: String(client.Version ?? 'unknown'),
      api: String(client.ApiVersion ?? 'unknown'),
      platform: [client.Os, client.Arch].filter(Boolean).join('/') || 'unknown',
      context: String(client.Context ?? 'default'),
      server: server ? String(server.Version ?? 'unknown') : null,
    };
  }

  window.Docker = {
    READ_SCOPE,
    MANAGE_SCOPE,
    commands,
    requireImageRef,
    parseJsonLines,
    toContainer,
    toImage,
    outputOf,
    describeDockerProblem,
    parseVersion,
  };
})();
