// Which Chromium-family browser the development host drives: the one named with --browser, else the first
// of the usual install places that exists. Fixed absolute paths, not PATH lookups, so what runs is what
// the line printed at start names.
import { access, constants } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Chromium-family browsers live, per platform, most likely first. */
export function browserCandidates(platform: NodeJS.Platform = process.platform, home: string = homedir()): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Brave Browser.app/Contents/MacOS/Brave Browser',
    ];
    return [...apps.map((app) => join('/Applications', app)), ...apps.map((app) => join(home, 'Applications', app))];
  }
  if (platform === 'win32') {
    const roots = [
      process.env['PROGRAMFILES'] ?? 'C:\\Program Files',
      process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)',
      process.env['LOCALAPPDATA'] ?? join(home, 'AppData', 'Local'),
    ];
    const apps = [
      'Google\\Chrome\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe',
      'Chromium\\Application\\chrome.exe',
    ];
    return roots.flatMap((root) => apps.map((app) => `${root}\\${app}`));
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/usr/bin/brave-browser',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ];
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

export type BrowserChoice = { ok: true; path: string } | { ok: false; message: string };

/** The browser to launch: `explicit` when given (it must exist), else the first candidate found. */
export async function findBrowser(explicit: string | undefined, candidates: string[] = browserCandidates()): Promise<BrowserChoice> {
  if (explicit !== undefined) {
    return (await isExecutable(explicit))
      ? { ok: true, path: explicit }
      : { ok: false, message: `--browser ${explicit}: no executable file there.` };
  }
  for (const path of candidates) if (await isExecutable(path)) return { ok: true, path };
  return {
    ok: false,
    message: `No Chromium-family browser found (looked at ${candidates.join(', ')}). Install Chromium, Chrome or Edge, or name one with --browser <path>.`,
  };
}
