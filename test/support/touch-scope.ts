// A per-command process scope whose only command touches a marker file: the effect a test looks for.
import { join } from 'node:path';
import { message, type CoreFixture } from './core-fixture';

export const TOUCH_SCOPE_CAPABILITIES = ['system.process.exec', 'system.process.scope.touchy', 'system.clipboard.read'];
export const TEN_MINUTES = 600_000;

/** Saves the scope and returns the marker path and a function that asks plugin `alpha` to touch it. */
export async function saveTouchScope(f: CoreFixture) {
  const marker = join(f.dir, 'ran');
  await f.core.scopes.save('process', {
    id: 'touchy',
    title: 'Touch a marker',
    executables: [{ path: '/usr/bin/touch' }],
    tool: 'none',
    rules: { argv: [[marker]] },
    cwdRoots: [f.dir],
    allowedEnvKeys: [],
    timeoutCeilingMs: 5000,
    maxOutputBytes: 1024,
    confirmation: { mode: 'per-command', rememberMs: TEN_MINUTES },
  });
  const run = () =>
    f.core.handlePrivilegedAction(
      { pluginId: 'alpha' },
      message('system.process.exec', { scope: 'touchy', command: '/usr/bin/touch', args: [marker] }),
    );
  return { marker, run };
}
