// The app in a real Electron, where a binary is installed: a development build (built here with
// `--mode development`) opens an example plugin, and the frame's isolation is checked from the main
// process; a packaged build in release/ (npm run dist), where there is one, is checked for the settings
// only a packaged build has. Without a binary each part prints one line and is skipped.
import { _electron as electron, test, expect, type ElectronApplication, type Page } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../harness/paths';
import { openPlugin } from '../harness/ui';

/** The Electron binary from node_modules, found without loading electron's index.js (which would start a download). */
/**
 * A fresh profile is a first run: the one-screen explanation is on top. It renders with the sidebar, so once
 * the sidebar shows, the dialog is there or was dismissed before (by an earlier test of this window).
 */
async function pastWelcome(page: Page): Promise<void> {
  await expect(page.getByRole('navigation', { name: 'Plugins' })).toBeVisible();
  const ok = page.getByRole('dialog', { name: 'How Gatehouse works' }).getByRole('button', { name: 'Got it' });
  if (await ok.isVisible()) await ok.click();
}

function electronBinary(): string | null {
  const dir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** The unpacked app electron-builder leaves in release/ for this platform, or null. */
function packagedBinary(): string | null {
  const candidates: Record<string, string> = {
    linux: join(repoRoot, 'release', 'linux-unpacked', 'gatehouse'),
    win32: join(repoRoot, 'release', 'win-unpacked', 'Gatehouse.exe'),
    darwin: join(repoRoot, 'release', process.arch === 'arm64' ? 'mac-arm64' : 'mac', 'Gatehouse.app', 'Contents', 'MacOS', 'Gatehouse'),
  };
  const binary = candidates[process.platform];
  return binary && existsSync(binary) ? binary : null;
}

const PLUGIN = { id: 'clipboard-tools', name: 'Clipboard tools', entry: 'index.html' };
const OTHER_PLUGIN = 'docker-panel';
const pluginUrlPrefix = (id: string): string => `gatehouse-plugin://${id}/`;

test.describe('electron: development build', () => {
  test.describe.configure({ mode: 'serial', timeout: 300_000 });
  const binary = electronBinary();
  let app: ElectronApplication | null = null;
  let configHome = '';

  test.beforeAll(async () => {
    if (!binary) {
      console.log('electron launch suite skipped: no Electron binary in node_modules/electron (npm start fetches one)');
      return;
    }
    const windows = process.platform === 'win32';
    for (const [command, args] of [
      [windows ? 'npm.cmd' : 'npm', ['run', '-s', 'build:examples']],
      [windows ? 'npx.cmd' : 'npx', ['electron-vite', 'build', '--mode', 'development']],
    ] as const) {
      const result = spawnSync(command, [...args], { cwd: repoRoot, stdio: 'inherit' });
      if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
    }
    // The run's own profile (<config>/gatehouse-dev) lands in a temp folder, not the user's.
    configHome = await mkdtemp(join(tmpdir(), 'gatehouse-electron-'));
    app = await electron.launch({
      executablePath: binary,
      args: [join(repoRoot, 'out', 'main', 'index.js')],
      env: { ...process.env, XDG_CONFIG_HOME: configHome, ELECTRON_RENDERER_URL: '' },
    });
  });

  test.afterAll(async () => {
    await app?.close();
    if (configHome) await rm(configHome, { recursive: true, force: true });
  });

  test('the window is isolated and the development run has its own profile', async () => {
    test.skip(!app, 'no Electron binary');
    const running = app as ElectronApplication;
    const page = await running.firstWindow();
    await pastWelcome(page);
    // contextBridge refuses to run without context isolation, so an exposed API proves it is on.
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
    const profile = await running.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
    expect(profile).toBe(join(configHome, 'gatehouse-dev'));
    expect(await running.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  test('a plugin frame runs in its own process, keeps its CSP, has no host API and cannot navigate away', async () => {
    test.skip(!app, 'no Electron binary');
    const running = app as ElectronApplication;
    const page = await running.firstWindow();
    await pastWelcome(page);
    await openPlugin(page, PLUGIN.name, page.frameLocator(`iframe[src^="${pluginUrlPrefix(PLUGIN.id)}"]`));

    const frameFacts = await running.evaluate(async ({ BrowserWindow }, prefix) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      const frame = contents.mainFrame.framesInSubtree.find((candidate) => candidate.url.startsWith(prefix));
      if (!frame) return null;
      const evalResult = (await frame.executeJavaScript(
        "(() => { try { eval('1'); return 'eval ran'; } catch (error) { return error.name; } })()",
      )) as string;
      return {
        appProcess: contents.mainFrame.osProcessId,
        frameProcess: frame.osProcessId,
        hostApi: (await frame.executeJavaScript('typeof window.gatehouse')) as string,
        evalResult,
      };
    }, pluginUrlPrefix(PLUGIN.id));
    expect(frameFacts).not.toBeNull();
    expect(frameFacts!.frameProcess).not.toBe(frameFacts!.appProcess);
    expect(frameFacts!.hostApi).toBe('undefined');
    expect(frameFacts!.evalResult).toBe('EvalError');

    const csp = await running.evaluate(
      async ({ net }, url) => (await net.fetch(url)).headers.get('content-security-policy'),
      `${pluginUrlPrefix(PLUGIN.id)}${PLUGIN.entry}`,
    );
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('sandbox allow-scripts');

    // The frame tries to leave for another plugin and for the web; both are refused before any request.
    for (const target of [`${pluginUrlPrefix(OTHER_PLUGIN)}index.html`, 'https://example.com/']) {
      const urls = await running.evaluate(
        async ({ BrowserWindow }, { prefix, to }) => {
          const contents = BrowserWindow.getAllWindows()[0]!.webContents;
          const frame = contents.mainFrame.framesInSubtree.find((candidate) => candidate.url.startsWith(prefix));
          await frame?.executeJavaScript(`location.href = ${JSON.stringify(to)}`).catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          return contents.mainFrame.framesInSubtree.map((candidate) => candidate.url);
        },
        { prefix: pluginUrlPrefix(PLUGIN.id), to: target },
      );
      expect(
        urls.some((url) => url.startsWith(pluginUrlPrefix(PLUGIN.id))),
        target,
      ).toBe(true);
      expect(
        urls.some((url) => url.startsWith(pluginUrlPrefix(OTHER_PLUGIN)) || url.startsWith('https:')),
        target,
      ).toBe(false);
    }
  });
});

test.describe('electron: packaged build', () => {
  const binary = packagedBinary();

  test('refuses debugger switches and ignores ELECTRON_RUN_AS_NODE', async () => {
    if (!binary) console.log('electron packaged checks skipped: no packaged build in release/ (npm run dist)');
    test.skip(!binary, 'no packaged build');
    const run = (args: string[], env: NodeJS.ProcessEnv) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(binary as string, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const timer = setTimeout(() => child.kill(), 20_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, output });
        });
      });
    const debug = await run(['--remote-debugging-port=9222'], {});
    expect(debug.code).toBe(1);
    expect(debug.output).toContain('does not start with debugging switches');
    // RunAsNode fuse off: the binary is not a Node interpreter, whatever the environment says.
    const asNode = await run(['-e', 'console.log("ran as node")'], { ELECTRON_RUN_AS_NODE: '1' });
    expect(asNode.output).not.toContain('ran as node');
  });
});
