// Runs plugin-sdk/bin/gatehouse-plugin.js as a real child process (no shell), on the TypeScript source.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/gatehouse-plugin.js', import.meta.url));
const hooks = new URL('./use-source-build.mjs', import.meta.url).href;

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A D-Bus address with nothing behind it: keytar fails at once, as on a machine without a keychain. */
export const NO_KEYCHAIN_ENV = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/gatehouse-test-bus' };

export function runBin(args: string[], env: Record<string, string | undefined> = {}): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', hooks, bin, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
