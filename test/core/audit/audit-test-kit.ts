// Shared by the audit tests: temp directories, sample records, and direct access to the stored files.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { AuditRecordInput } from '../../../src/core/audit';

/** A fresh temp directory removed when the test ends. */
export async function tempDir(t: TestContext, prefix = 'gatehouse-audit-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A process-exec request record with a few distinguishing fields. */
export function execRecord(i: number, extra: Partial<AuditRecordInput> = {}): AuditRecordInput {
  return {
    correlationId: `corr-${i}`,
    pluginId: `plugin-${i % 3}`,
    pluginVersion: '1.0.0',
    action: 'system.process.exec',
    scope: 'docker-readonly',
    phase: 'requested',
    decision: null,
    code: null,
    reason: `List containers ${i}`,
    summary: { executable: '/usr/bin/docker', argv: ['ps', `--filter=name=svc-${i}`], cwd: '/srv', envKeys: ['PATH'] },
    ...extra,
  };
}

/** A clock that advances one second per reading, from a fixed start. */
export function steppingClock(start = Date.UTC(2025, 0, 1)): { now(): number } {
  let t = start - 1000;
  return { now: () => (t += 1000) };
}

export async function logFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => /^audit-\d{6,}\.jsonl$/.test(n)).sort();
}

/** The lines of one log file, without their newlines. */
export async function fileLines(dir: string, name: string): Promise<string[]> {
  const text = await readFile(join(dir, name), 'utf8');
  return text.split('\n').slice(0, -1);
}

export async function writeLines(dir: string, name: string, lines: string[]): Promise<void> {
  await writeFile(join(dir, name), lines.map((l) => `${l}\n`).join(''));
}

/** Node arguments that run a fixture script of this folder under tsx, as the tests themselves run. */
export function fixtureArgs(name: string, args: string[]): string[] {
  return ['--conditions=@gatehouse/source', '--import', 'tsx', join(import.meta.dirname, 'fixtures', name), ...args];
}
