// `npm run dev-host -- [<plugin dir>] [--browser <path>] [--headless]` and `gatehouse-plugin dev`:
// starts the development host and keeps it running until the browser window closes or Ctrl+C.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startDevHost } from './dev-host';
import { findBrowser } from './find-browser';
import { findPluginFolder } from '../host/stage-unsigned';
import { createTerminalDialogs, dialogsDescription } from './terminal-dialogs';

const USAGE = `Usage: gatehouse-plugin dev [<plugin dir>] [--browser <path>] [--headless]
  (in the Gatehouse repository: npm run dev-host -- [<plugin dir>] [--browser <path>])

Runs Gatehouse in developer mode on a throwaway profile, in a Chromium-family browser you already have,
with the plugin in <plugin dir> (the folder with manifest.json, or its plugin/ or dist/) loaded unsigned and
reloaded on every change. Without <plugin dir> the bundled example plugins are offered.
  --browser <path>  the browser to drive (default: the first Chromium, Chrome, Edge or Brave found)
  --headless        no window (for tests and CI)
`;

const say = (line: string): void => void process.stdout.write(`gatehouse dev: ${line}\n`);
const fail = (line: string, code = 1): never => {
  process.stderr.write(`gatehouse dev: ${line}\n`);
  process.exit(code);
};

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      strict: true,
      options: { browser: { type: 'string' }, headless: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (positionals.length > 1) return fail(`one plugin folder at most, got ${positionals.length}\n\n${USAGE}`, 2);
  let pluginDir: string | null = null;
  if (positionals[0] !== undefined) {
    pluginDir = await findPluginFolder(resolve(positionals[0]));
    if (pluginDir === null) return fail(`no manifest.json in ${resolve(positionals[0])} (nor in its plugin/ or dist/)`);
  }
  const headless = values.headless === true;
  if (!headless && process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return fail(
      'no desktop display here (DISPLAY and WAYLAND_DISPLAY are unset), and the development host opens a browser window; --headless runs it without one (for tests).',
    );
  }
  const browser = await findBrowser(values.browser);
  if (!browser.ok) return fail(browser.message);

  say(`Dialogs: ${dialogsDescription(process.stdin)}`);
  const host = await startDevHost({
    pluginDir,
    browserPath: browser.path,
    headless,
    log: say,
    dialogs: createTerminalDialogs(process.stdin, process.stdout),
  }).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
  say(headless ? 'Running headless; Ctrl+C stops it.' : 'Close the browser window or press Ctrl+C to stop.');

  // Ctrl+C reaches this process from the terminal and again through each launcher that passes it on; every
  // copy after the first is absorbed here, so none ends the process before the profile is removed.
  const shutdown = (): void => void host.close();
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await host.closed;
  say('Stopped; the throwaway profile is removed.');
  // The terminal dialog may hold stdin open; nothing else is left to wait for.
  process.exit(0);
}

void main();
