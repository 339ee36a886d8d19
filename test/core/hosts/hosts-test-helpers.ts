// Shared by the hosts tests: a temp hosts file, a prepare-then-run shortcut, and child processes running TypeScript.
import { spawn, type SpawnOptions } from 'node:child_process';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import type { HostsWritePayload, HostsWriteResult } from '@gatehouse/plugin-sdk';
import { prepareHostsWrite, type HostsWriteDeps } from '../../../src/core/actions/hosts-write';
import type { RunContext } from '../../../src/core/actions/prepared-action';
import { boundCommand } from '../../support/permission-bound';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BASE_HOSTS = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n# keep me\n';

export async function makeHostsDir(
  t: TestContext,
  content: string | Buffer = BASE_HOSTS,
): Promise<{ dir: string; hostsPath: string; lockDir: string }> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'gatehouse-hosts-')));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const hostsPath = join(dir, 'hosts');
  await writeFile(hostsPath, content);
  return { dir, hostsPath, lockDir: join(dir, 'data') };
}

export function testRunContext(): RunContext {
  return {
    correlationId: 'test-correlation',
    pluginId: 'test.plugin',
    signal: new AbortController().signal,
    confirm: () => Promise.reject(new Error('this action never prompts mid-run')),
    audit: async () => undefined,
  };
}

export async function writeHosts(payload: HostsWritePayload, deps: HostsWriteDeps): Promise<HostsWriteResult> {
  const prepared = await prepareHostsWrite(payload, deps);
  return prepared.run(testRunContext());
}

/** Runs a TypeScript file under Node the way the test runner does; resolves with its exit status and output. */
export function runTypeScript(
  script: string,
  args: string[],
  options: SpawnOptions & { permissionBound?: boolean } = {},
): {
  child: ReturnType<typeof spawn>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
} {
  const { permissionBound, ...spawnOptions } = options;
  const nodeArgs = ['--import', 'tsx', '--conditions=@gatehouse/source', script, ...args];
  const run = permissionBound ? boundCommand(process.execPath, nodeArgs) : { command: process.execPath, args: nodeArgs };
  const child = spawn(run.command, run.args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(run.uid !== undefined ? { uid: run.uid, gid: run.gid } : {}),
    ...spawnOptions,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}
