// Sample confirmation requests of every preview kind, for the development preview.
import type { ActionPreview, ConfirmationRequest } from '../../shared/confirmation';

const docker = { executable: '/usr/bin/docker', args: ['container', 'start', 'dev-db'], cwd: '/home/ada/src/shop', envKeys: ['DOCKER_HOST'], timeoutMs: 30_000 };

const PREVIEWS: Record<string, { action: string; scope: string | null; preview: ActionPreview; reason: string | null; plugin: ConfirmationRequest['plugin'] }> = {
  hosts: {
    action: 'system.hosts.write',
    scope: null,
    reason: 'Point shop.test and api.shop.test at your local stack so the browser reaches the dev servers.',
    plugin: { id: 'local-dns', name: 'Local DNS', publisher: 'Gatehouse Examples', version: '1.0.0', signed: true },
    preview: {
      kind: 'hosts.write',
      path: '/etc/hosts',
      tag: 'dev',
      elevated: true,
      records: [
        { address: '127.0.0.1', hostname: 'shop.test', comment: 'storefront' },
        { address: '127.0.0.1', hostname: 'api.shop.test' },
      ],
      diff: [
        '--- /etc/hosts',
        '+++ /etc/hosts',
        '@@ -3,4 +3,5 @@',
        ' 10.0.0.1\tbuild.internal',
        ' # >>> gatehouse local-dns dev',
        '-127.0.0.1\told.test',
        '+127.0.0.1\tshop.test # storefront',
        '+127.0.0.1\tapi.shop.test',
        ' # <<< gatehouse local-dns dev',
        '',
      ].join('\n'),
    },
  },
  exec: {
    action: 'system.process.exec',
    scope: 'docker-cli',
    reason: 'Start the database container. '.repeat(14),
    plugin: { id: 'docker-panel', name: 'Docker panel', publisher: 'Container Folks', version: '0.4.2', signed: false },
    preview: { kind: 'process.exec', process: { ...docker, args: ['container', 'start', 'dev-db', '', 'name with spaces'] } },
  },
  fs: {
    action: 'system.fs.mutate',
    scope: 'workspace',
    reason: null,
    plugin: { id: 'project-scaffolder', name: 'Project scaffolder', publisher: 'Gatehouse Examples', version: '1.0.0', signed: true },
    preview: {
      kind: 'fs.mutate',
      operations: [
        { type: 'mkdir', path: '/home/ada/Gatehouse/workspace/shop' },
        { type: 'writeFile', path: '/home/ada/Gatehouse/workspace/shop/package.json', bytes: 412 },
        { type: 'rename', path: '/home/ada/Gatehouse/workspace/old', to: '/home/ada/Gatehouse/workspace/archive/old' },
        { type: 'remove', path: '/home/ada/Gatehouse/workspace/tmp', detail: 'recursive' },
      ],
    },
  },
  workflow: {
    action: 'system.workflow.run',
    scope: 'git',
    reason: 'Cut release 2.4.0.',
    plugin: { id: 'release-workflow', name: 'Release workflow', publisher: 'Gatehouse Examples', version: '1.0.0', signed: true },
    preview: {
      kind: 'workflow.run',
      title: 'Release 2.4.0',
      summary: 'Build, tag and publish.',
      steps: [
        { id: 'build', title: 'Build', gated: false, onError: 'abort', process: { executable: '/usr/bin/make', args: ['release'], cwd: '/home/ada/src/shop', envKeys: [], timeoutMs: 600_000 } },
        { id: 'tag', title: 'Tag the release', gated: false, onError: 'abort', process: { executable: '/usr/bin/git', args: ['tag', 'v2.4.0'], cwd: '/home/ada/src/shop', envKeys: [], timeoutMs: 30_000 } },
        { id: 'publish', title: 'Publish', phase: 'deploy', gated: true, onError: 'continue', process: { executable: '/usr/bin/git', args: ['push', 'origin', 'v2.4.0'], cwd: '/home/ada/src/shop', envKeys: ['GIT_SSH_COMMAND'], timeoutMs: 120_000 } },
      ],
    },
  },
  step: {
    action: 'system.workflow.run',
    scope: 'git',
    reason: null,
    plugin: { id: 'release-workflow', name: 'Release workflow', publisher: 'Gatehouse Examples', version: '1.0.0', signed: true },
    preview: {
      kind: 'workflow.step',
      workflowTitle: 'Release 2.4.0',
      workflowId: 'wf-8c1d',
      stepIndex: 2,
      totalSteps: 3,
      step: { id: 'publish', title: 'Publish', process: { executable: '/usr/bin/git', args: ['push', 'origin', 'v2.4.0'], cwd: '/home/ada/src/shop', envKeys: [], timeoutMs: 120_000 } },
    },
  },
  clipboard: {
    action: 'system.clipboard.read',
    scope: null,
    reason: 'Read the copied JSON to format it.',
    plugin: { id: 'clipboard-tools', name: 'Clipboard tools', publisher: 'Gatehouse Examples', version: '1.0.0', signed: true },
    preview: { kind: 'clipboard.read' },
  },
};

/** Requests of the named kinds (comma separated: hosts, exec, fs, workflow, step, clipboard), in that order. */
export function fakeConfirmations(kinds: string): ConfirmationRequest[] {
  const names = kinds === '' ? Object.keys(PREVIEWS) : kinds.split(',');
  const now = Date.now();
  return names.flatMap((name, index) => {
    const sample = PREVIEWS[name];
    if (!sample) return [];
    // Process commands come from per-command scopes, which offer to remember an approval for ten minutes.
    const remember = sample.preview.kind === 'process.exec' ? { forMs: 600_000 } : null;
    return [{ id: `c-${index}`, correlationId: `pa-sample-${index}`, ...sample, remember, requestedAt: now, expiresAt: now + 60_000 }];
  });
}
