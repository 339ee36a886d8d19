// Valid requests of every action, with every optional field filled in, for tests to start from.
import type { PrivilegedActionName, PrivilegedActionRequestOf } from '@gatehouse/plugin-sdk';

type RequestsByAction = { [A in PrivilegedActionName]: PrivilegedActionRequestOf<A> };

export const fullRequests: RequestsByAction = {
  'system.clipboard.read': { action: 'system.clipboard.read', payload: { reason: 'Paste the API token' } },
  'system.clipboard.write': { action: 'system.clipboard.write', payload: { text: 'kubectl get pods -A', reason: 'Copy the command' } },
  'system.hosts.write': {
    action: 'system.hosts.write',
    payload: {
      records: [
        { address: '127.0.0.1', hostname: 'api.local', comment: 'local API' },
        { address: '::1', hostname: 'web.local' },
      ],
      tag: 'local-dns',
      dryRun: true,
      reason: 'Point the dev names at this machine',
    },
  },
  'system.fs.mutate': {
    action: 'system.fs.mutate',
    payload: {
      scope: 'workspace',
      operations: [
        { type: 'mkdir', path: '/home/dev/project/config', recursive: true, mode: 0o755 },
        { type: 'writeFile', path: '/home/dev/project/config/app.env', content: 'PORT=8080\n', encoding: 'utf8', mode: 0o600 },
        { type: 'appendFile', path: '/home/dev/project/log.txt', content: 'aGVsbG8=', encoding: 'base64' },
        { type: 'rename', from: '/home/dev/project/old.txt', to: '/home/dev/project/new.txt' },
        { type: 'remove', path: '/home/dev/project/tmp', recursive: true, force: true },
      ],
      dryRun: false,
      reason: 'Write the config',
    },
  },
  'system.process.exec': {
    action: 'system.process.exec',
    payload: {
      scope: 'docker',
      command: '/usr/bin/docker',
      args: ['ps', '--format', '{{json .}}'],
      cwd: '/home/dev/project',
      env: { DOCKER_CONTEXT: 'default', HTTP_PROXY: 'http://proxy:3128' },
      timeoutMs: 30_000,
      input: '',
      encoding: 'utf8',
      dryRun: false,
      reason: 'List containers',
    },
  },
  'system.workflow.run': {
    action: 'system.workflow.run',
    payload: {
      scope: 'docker',
      kind: 'process-sequence',
      title: 'Restart the stack',
      summary: 'Stops and starts the compose stack.',
      steps: [
        {
          id: 'down',
          title: 'Stop',
          phase: 'stop',
          command: '/usr/bin/docker',
          args: ['compose', 'down'],
          cwd: '/home/dev/project',
          env: { COMPOSE_PROJECT_NAME: 'demo' },
          timeoutMs: 60_000,
          input: '',
          encoding: 'utf8',
          reason: 'Stop the stack',
          onError: 'abort',
        },
        { id: 'up', title: 'Start', command: '/usr/bin/docker', args: ['compose', 'up', '-d'], onError: 'continue' },
      ],
      confirmation: { message: 'Restart the demo stack?', requiredForStepIds: ['down'] },
      dryRun: true,
    },
  },
};

export const minimalRequests: RequestsByAction = {
  'system.clipboard.read': { action: 'system.clipboard.read', payload: {} },
  'system.clipboard.write': { action: 'system.clipboard.write', payload: { text: '' } },
  'system.hosts.write': { action: 'system.hosts.write', payload: { records: [] } },
  'system.fs.mutate': { action: 'system.fs.mutate', payload: { scope: 'w', operations: [{ type: 'remove', path: '/tmp/x' }] } },
  'system.process.exec': { action: 'system.process.exec', payload: { scope: 'git', command: '/usr/bin/git' } },
  'system.workflow.run': {
    action: 'system.workflow.run',
    payload: { scope: 'git', kind: 'process-sequence', title: 'Fetch', steps: [{ id: 'fetch', title: 'Fetch', command: '/usr/bin/git' }] },
  },
};

type PathPart = string | number;

/** A deep copy of `value` with `path` set to `replacement`. */
export function withValueAt(value: unknown, path: readonly PathPart[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<PathPart, unknown>;
  if (path.length === 0) return replacement;
  let node = copy;
  for (const part of path.slice(0, -1)) node = node[part] as Record<PathPart, unknown>;
  node[path[path.length - 1] as PathPart] = replacement;
  return copy;
}

/** Every path in `value` that holds a plain object, root first. */
export function objectPaths(value: unknown, path: PathPart[] = []): PathPart[][] {
  if (typeof value !== 'object' || value === null) return [];
  const own = Array.isArray(value) ? [] : [path];
  const children = Array.isArray(value)
    ? value.flatMap((item, index) => objectPaths(item, [...path, index]))
    : Object.entries(value).flatMap(([key, item]) => objectPaths(item, [...path, key]));
  return [...own, ...children];
}

/** The dotted form validators use for a path: `payload.records[0].address`, or `(root)`. */
export function formatPath(path: readonly PathPart[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(root)';
}
