// The open audit log: appends through the writer, queries over the index, verification over the files.
import { dirname, resolve } from 'node:path';
import { exportRecords } from './audit-export';
import { AuditUnavailableError } from './audit-errors';
import { listLogFiles } from './audit-files';
import { readHead, type HeadWriter } from './audit-head';
import type { AuditIndex } from './audit-index';
import { allMatches, compileQuery, pageOf, pageSize, storyPageOf } from './audit-query';
import type { AuditLog, AuditPage, AuditRecord, AuditStartupReport, AuditVerifyReport } from './audit-types';
import type { GroupCommitWriter } from './group-commit-writer';
import { SNAPSHOT_MIN_RECORDS, writeIndexSnapshot } from './index-snapshot';
import { prepareRecord } from './record-input';
import { readStoredRecords } from './stored-record';
import { verifyChain } from './verify-chain';

export interface LogParts {
  dir: string;
  index: AuditIndex;
  writer: GroupCommitWriter;
  headWriter: HeadWriter;
  listeners: Set<(r: AuditRecord) => void>;
  unlock: () => Promise<void>;
  /** Records covered by the snapshot on disk. */
  snapshotCount: number;
}

export interface OpenedLog extends AuditLog {
  setStartupReport(report: AuditStartupReport): void;
  saveSnapshotInBackground(): void;
}

/** The AuditLog over parts that openAuditLog has put together. */
export function createAuditLog(parts: LogParts): OpenedLog {
  const { dir, index, writer, headWriter, listeners, unlock } = parts;
  let closed = false;
  let closing: Promise<void> | null = null;
  let startupReport: AuditStartupReport = { repaired: false, detail: null };
  let snapshotCount = parts.snapshotCount;
  let saving: Promise<void> | null = null;

  /** Saves the index as it is now; the state and its position are taken in the same tick, so they agree. */
  const saveSnapshot = (): Promise<void> => {
    const state = index.state();
    const chain = writer.chain;
    const position = { fileNo: chain.fileNo, size: chain.size, lastSeq: chain.lastSeq, lastHash: chain.lastHash };
    // A snapshot is an optimization: failing to write one changes nothing else.
    return writeIndexSnapshot(dir, state, position).then(
      () => void (snapshotCount = Math.max(snapshotCount, state.count)),
      () => undefined,
    );
  };

  return {
    get startupReport() {
      return startupReport;
    },
    setStartupReport(report) {
      startupReport = Object.freeze({ ...report });
    },

    saveSnapshotInBackground() {
      saving ??= saveSnapshot().finally(() => (saving = null));
    },

    async append(input) {
      if (closed) throw new AuditUnavailableError('the audit log is closed');
      return writer.append(prepareRecord(input));
    },

    async query(q): Promise<AuditPage> {
      const limit = pageSize(q.limit);
      if (q.cursor !== undefined && (typeof q.cursor !== 'number' || Number.isNaN(q.cursor)))
        throw new TypeError('audit query "cursor" must be a seq number');
      const compiled = compileQuery(index, q);
      if (q.group !== undefined && q.group !== 'request') throw new TypeError('audit query "group" must be "request"');
      if (q.group === 'request') {
        const page = storyPageOf(index, compiled, q.cursor, limit);
        const read = await readStoredRecords(
          dir,
          index,
          page.stories.flatMap((story) => [story.newest, story.oldest]),
        );
        const records = page.stories.map((story, i) => ({
          ...read[2 * i]!,
          story: {
            first: read[2 * i + 1]!,
            records: story.records,
            decision: story.decision === 0 ? null : (index.decisions.values[story.decision] ?? null),
          },
        }));
        return { records, total: page.total, nextCursor: page.nextCursor };
      }
      const page = pageOf(index, compiled, q.cursor, limit);
      const records = await readStoredRecords(dir, index, page.positions);
      return { records, total: page.total, nextCursor: page.nextCursor };
    },

    async get(seq) {
      const position = index.positionOf(seq);
      if (position < 0) return null;
      const [record] = await readStoredRecords(dir, index, [position]);
      return record ?? null;
    },

    async verify(): Promise<AuditVerifyReport> {
      const started = performance.now();
      // The checkpoint is read before the chain state is taken, so it can never be ahead of it.
      const head = await readHead(dir);
      const chain = { ...writer.chain };
      const files = (await listLogFiles(dir)).filter((f) => f.no <= chain.fileNo);
      const report = await verifyChain(dir, { files, lastFileNo: chain.fileNo, lastFileSize: chain.size, lastSeq: chain.lastSeq, head });
      return { ...report, durationMs: performance.now() - started };
    },

    async exportTo(format, q, destinationPath) {
      if (format !== 'jsonl' && format !== 'csv') throw new TypeError('export format must be "jsonl" or "csv"');
      const destination = resolve(destinationPath);
      if (dirname(destination) === dir) throw new TypeError('an export may not be written into the audit directory');
      const positions = allMatches(index, compileQuery(index, q));
      return exportRecords(dir, index, positions, format, destination);
    },

    onAppend(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    close() {
      closed = true;
      closing ??= (async () => {
        await writer.idle();
        await headWriter.flush().catch(() => undefined);
        await saving;
        if (index.count >= SNAPSHOT_MIN_RECORDS && index.count - snapshotCount >= SNAPSHOT_MIN_RECORDS / 10) await saveSnapshot();
        await writer.close().catch(() => undefined);
        await headWriter.close().catch(() => undefined);
        await unlock();
      })();
      return closing;
    },
  };
}
