// Shared by the filesystem tests: real temp directories, scopes over them, and a prepare-then-run shortcut.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { FsMutateResult, FsOperation } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../../../src/core/action-failure';
import { prepareFsMutate, type FsMutateDeps } from '../../../src/core/actions/fs-mutate';
import type { RunContext } from '../../../src/core/actions/prepared-action';
import { fsScopeSchema, type FsScope, type FsScopeInput } from '../../../src/shared/fs-scope-schema';

/** A fresh directory under the OS temp dir (symlinks resolved), removed when the test ends. */
export async function makeTempDir(t: TestContext, prefix = 'gatehouse-fs-'): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export function scopeOver(roots: string[], overrides: Partial<FsScopeInput> = {}): FsScope {
  return fsScopeSchema.parse({
    id: 'test-scope',
    title: 'Test scope',
    roots,
    allowedOperations: ['mkdir', 'writeFile', 'appendFile', 'rename', 'remove'],
    maxWriteBytes: 1024 * 1024,
    ...overrides,
  });
}

/** Prepares and runs a batch as the broker would (after an approval). */
export async function mutate(
  scope: FsScope,
  operations: FsOperation[],
  options: {
    dryRun?: boolean;
    beforeCommit?: FsMutateDeps['beforeCommit'];
    beforeEffect?: FsMutateDeps['beforeEffect'];
    signal?: AbortSignal;
  } = {},
): Promise<FsMutateResult> {
  const prepared = await prepareFsMutate(
    { scope: scope.id, operations, ...(options.dryRun ? { dryRun: true } : {}) },
    {
      scope,
      ...(options.beforeCommit ? { beforeCommit: options.beforeCommit } : {}),
      ...(options.beforeEffect ? { beforeEffect: options.beforeEffect } : {}),
    },
  );
  return prepared.run({ ...testRunContext(), ...(options.signal ? { signal: options.signal } : {}) });
}

/** A run context for executors that never prompt or write extra audit records. */
export function testRunContext(): RunContext {
  return {
    correlationId: 'test-correlation',
    pluginId: 'test.plugin',
    signal: new AbortController().signal,
    confirm: () => Promise.reject(new Error('this action never prompts mid-run')),
    audit: async () => undefined,
  };
}

/** Awaits a rejection with the given code (and details.reason or details.errno) and returns it. */
export async function expectFailure(
  promise: Promise<unknown>,
  code: string,
  detail?: { reason?: string; errno?: string },
): Promise<ActionFailure> {
  const error = await promise.then(
    () => assert.fail(`expected ${code}, but it succeeded`),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof ActionFailure, `expected an ActionFailure, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  if (detail?.reason) assert.equal(error.details?.reason, detail.reason, error.message);
  if (detail?.errno) assert.equal(error.details?.errno, detail.errno, error.message);
  return error;
}

/** Every entry under `dir`, recursively, as relative paths; for "nothing else changed" checks. */
export async function listTree(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relativePath = prefix ? `${prefix}/${entry.name}` : entry.name;
    out.push(relativePath);
    // Symlinks are listed, never followed.
    if (entry.isDirectory()) out.push(...(await listTree(join(dir, entry.name), relativePath)));
  }
  return out.sort();
}
