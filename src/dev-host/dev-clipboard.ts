// The clipboard the development host gives the core: the system clipboard through the platform's own
// command-line tool when a desktop session has one, else an in-memory clipboard that says it is a fake.
// The tools run by absolute path, argv as an array, no shell; the text goes through stdin/stdout only.
import { execFile, spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import type { ClipboardPort } from '../core/ports';

const TOOL_TIMEOUT_MS = 5_000;
const MAX_CLIPBOARD_BYTES = 8 * 1024 * 1024;

interface ClipboardTool {
  name: string;
  read: [string, string[]];
  write: [string, string[]];
}

/** The tools that reach the system clipboard, per platform and desktop session, in order of preference. */
export function clipboardTools(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): ClipboardTool[] {
  if (platform === 'darwin') return [{ name: 'pbcopy/pbpaste', read: ['/usr/bin/pbpaste', []], write: ['/usr/bin/pbcopy', []] }];
  if (platform !== 'linux') return [];
  const tools: ClipboardTool[] = [];
  if (env['WAYLAND_DISPLAY'])
    tools.push({ name: 'wl-copy/wl-paste', read: ['/usr/bin/wl-paste', ['--no-newline']], write: ['/usr/bin/wl-copy', []] });
  if (env['DISPLAY']) {
    tools.push({
      name: 'xclip',
      read: ['/usr/bin/xclip', ['-selection', 'clipboard', '-o']],
      write: ['/usr/bin/xclip', ['-selection', 'clipboard', '-i']],
    });
    tools.push({
      name: 'xsel',
      read: ['/usr/bin/xsel', ['--clipboard', '--output']],
      write: ['/usr/bin/xsel', ['--clipboard', '--input']],
    });
  }
  return tools;
}

async function installed(tool: ClipboardTool): Promise<boolean> {
  const can = (path: string) =>
    access(path, constants.X_OK).then(
      () => true,
      () => false,
    );
  return (await can(tool.read[0])) && (await can(tool.write[0]));
}

function toolClipboard(tool: ClipboardTool): ClipboardPort {
  return {
    readText: () =>
      new Promise((resolve, reject) => {
        execFile(
          tool.read[0],
          tool.read[1],
          { timeout: TOOL_TIMEOUT_MS, maxBuffer: MAX_CLIPBOARD_BYTES, encoding: 'utf8' },
          (error, stdout) => {
            // An empty clipboard makes some tools exit non-zero; that is an empty string, not a failure.
            if (error && stdout === '' && typeof error.code === 'number') return resolve('');
            if (error) return reject(new Error(`${tool.name} could not read the clipboard`));
            resolve(stdout);
          },
        );
      }),
    writeText: (text) =>
      new Promise((resolve, reject) => {
        // xclip and wl-copy stay alive to serve the selection; stdio is detached so they do not hold us.
        const child = spawn(tool.write[0], tool.write[1], {
          stdio: ['pipe', 'ignore', 'ignore'],
          detached: tool.name !== 'pbcopy/pbpaste',
        });
        const timer = setTimeout(() => reject(new Error(`${tool.name} did not take the text in time`)), TOOL_TIMEOUT_MS);
        child.once('error', () => {
          clearTimeout(timer);
          reject(new Error(`${tool.name} could not be started`));
        });
        child.stdin.end(text, () => {
          clearTimeout(timer);
          child.unref();
          resolve();
        });
      }),
  };
}

/** A named fake: an in-memory clipboard for runs without a desktop clipboard (headless, tests). Never logs the text. */
export function createMemoryClipboard(initial = ''): ClipboardPort {
  let text = initial;
  return {
    readText: () => text,
    writeText: (value) => {
      text = value;
    },
  };
}

export interface DevClipboard {
  port: ClipboardPort;
  /** The one line the host prints about it. */
  description: string;
}

/** The system clipboard when a tool for it is installed (never in headless runs), else the in-memory fake. */
export async function chooseDevClipboard(headless: boolean): Promise<DevClipboard> {
  if (!headless) {
    for (const tool of clipboardTools()) {
      if (await installed(tool)) return { port: toolClipboard(tool), description: `the system clipboard, through ${tool.name}` };
    }
  }
  const why = headless ? 'headless run' : 'no pbcopy, wl-copy, xclip or xsel for this session';
  return { port: createMemoryClipboard(), description: `an in-memory fake clipboard (${why}); plugins do not see your system clipboard` };
}
