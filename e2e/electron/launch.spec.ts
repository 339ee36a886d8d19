// Launches the built app in a real Electron where one is installed; otherwise says so in one line.
import { _electron as electron, test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../harness/paths';

/** The Electron binary from node_modules, found without running electron's index.js (which would try to download one). */
function electronBinary(): string | null {
  const dir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

test('electron: the window opens isolated, with window.gatehouse and the plugin list', async () => {
  const binary = electronBinary();
  if (!binary) {
    console.log('electron launch suite skipped: no Electron binary on this machine');
    test.skip(true, 'no Electron binary on this machine');
    return;
  }
  const userData = await mkdtemp(join(tmpdir(), 'gatehouse-electron-'));
  const app = await electron.launch({
    executablePath: binary,
    args: [join(repoRoot, 'out', 'main', 'index.js'), `--user-data-dir=${userData}`],
    env: { ...process.env, ELECTRON_RENDERER_URL: '' },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('navigation', { name: 'Plugins' })).toBeVisible();
    // contextBridge refuses to run without context isolation, so an exposed API proves it is on; the
    // bridged functions are native stubs, and the page has no Node globals.
    const seen = await page.evaluate(() => {
      const scope = globalThis as unknown as { gatehouse?: { plugins?: { list?: () => unknown } }; require?: unknown; process?: unknown };
      return {
        api: typeof scope.gatehouse,
        bridged: String(scope.gatehouse?.plugins?.list).includes('[native code]'),
        require: typeof scope.require,
        process: typeof scope.process,
      };
    });
    expect(seen).toEqual({ api: 'object', bridged: true, require: 'undefined', process: 'undefined' });
    const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    expect(windows).toBe(1);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'screenshots', 'electron-window.png') });
  } finally {
    await app.close();
    await rm(userData, { recursive: true, force: true });
  }
});
