// Shared setup for the process tests: temp folders, scopes built from partial input, refusal assertions.
import assert from 'node:assert/strict';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionFailure } from '../../../src/core/action-failure';
import { processScopeSchema, type ProcessScope, type ProcessScopeInput } from '../../../src/core/policy/process-scope';

/** A real temp folder (its real path) removed after the test. */
export async function tempDir(t: { after(fn: () => Promise<void> | void): void }, prefix = 'gh-proc-'): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A process scope with sensible test defaults; `input` wins. */
export function makeScope(input: Partial<ProcessScopeInput> & Pick<ProcessScopeInput, 'executables' | 'tool'>): ProcessScope {
  return processScopeSchema.parse({
    id: 'test-scope',
    title: 'Test scope',
    timeoutCeilingMs: 10_000,
    maxOutputBytes: 64 * 1024,
    confirmation: { mode: 'never' },
    ...input,
  });
}

/** Asserts that `run` rejects with ActionFailure of `code` (and `reason` for SCOPE_VIOLATION). */
export async function rejectsWith(run: () => Promise<unknown>, code: string, reason?: string): Promise<ActionFailure> {
  let caught: unknown;
  try {
    await run();
  } catch (error) {
    caught = error;
  }
  assert.ok(
    caught instanceof ActionFailure,
    `expected ActionFailure ${code}/${reason ?? ''}, got ${caught === undefined ? 'success' : String(caught)}`,
  );
  assert.equal(caught.code, code, `code (message: ${caught.message})`);
  if (reason !== undefined) assert.equal(caught.details?.reason, reason, `reason (message: ${caught.message})`);
  return caught;
}

/** Synchronous variant of {@link rejectsWith}. */
export function throwsWith(run: () => unknown, code: string, reason?: string): ActionFailure {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(
    caught instanceof ActionFailure,
    `expected ActionFailure ${code}/${reason ?? ''}, got ${caught === undefined ? 'success' : String(caught)}`,
  );
  assert.equal(caught.code, code, `code (message: ${caught.message})`);
  if (reason !== undefined) assert.equal(caught.details?.reason, reason, `reason (message: ${caught.message})`);
  return caught;
}

/** True while `pid` is a live process; a zombie waiting for a reaper counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}
