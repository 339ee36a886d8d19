// openAuditLog: reads the log's files, repairs an unfinished last write, and hands back the open log.
import { fstatSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AuditUnavailableError } from './audit-errors';
import { DEFAULT_MAX_FILE_BYTES, DURABLE_WRITE_FLAGS, listLogFiles, logFileName, syncDir } from './audit-files';
import { HeadWriter, readHead, type Checkpoint } from './audit-head';
import { AuditIndex } from './audit-index';
import { createAuditLog } from './audit-log';
import type { AuditLog, AuditRecord, AuditRecordInput, OpenAuditLogOptions } from './audit-types';
import { lockAuditDir } from './dir-lock';
import { GroupCommitWriter, type ChainState } from './group-commit-writer';
import { readIndexSnapshot, snapshotFitsLog, SNAPSHOT_MIN_RECORDS } from './index-snapshot';
import { scanLog } from './log-scan';
import { repairedRecord } from './special-records';
import { prepareRecord } from './record-input';
import { removeUnfinishedSideFiles, saveTornBytes } from './torn-tail';

const MIN_FILE_BYTES = 1024;
const MAX_FILE_BYTES = 1024 * 1024 * 1024;

function checkpointOf(state: ChainState): Checkpoint {
  return { seq: state.lastSeq, hash: state.lastHash, file: logFileName(state.fileNo), end: state.size };
}

function unavailable(what: string, error: unknown): AuditUnavailableError {
  if (error instanceof AuditUnavailableError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  return new AuditUnavailableError(`${what}: ${code ? `${code} ` : ''}${(error as Error).message}`, { cause: error });
}

/**
 * Opens (or creates) the audit log in `dir`: indexes it, cuts an unfinished last write away and records
 * that it did, and notes in the log itself when records it had checkpointed are gone.
 * Rejects with AuditUnavailableError when the directory cannot be written.
 */
export async function openAuditLog(options: OpenAuditLogOptions): Promise<AuditLog> {
  const dir = resolve(options.dir);
  const clock = options.clock ?? { now: () => Date.now() };
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes < MIN_FILE_BYTES || maxFileBytes > MAX_FILE_BYTES) {
    throw new RangeError(`maxFileBytes must be an integer between ${MIN_FILE_BYTES} and ${MAX_FILE_BYTES}`);
  }
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw unavailable(`cannot create the audit directory ${dir}`, error);
  }
  const unlock = await lockAuditDir(dir);
  const cleanup: Array<() => Promise<unknown>> = [unlock];
  try {
    const head = await readHead(dir);
    const files = await listLogFiles(dir);
    const checkpoint = head.status === 'ok' ? head.checkpoint : null;
    // A snapshot at or behind the checkpoint is used; one ahead of it (or no checkpoint at all) means something is off.
    const snapshot = checkpoint === null ? null : await readIndexSnapshot(dir);
    const usable =
      snapshot !== null &&
      checkpoint !== null &&
      checkpoint.seq >= snapshot.position.lastSeq &&
      (await snapshotFitsLog(dir, files, snapshot.index, snapshot.position));
    const index = usable ? snapshot.index : new AuditIndex();
    const fromSnapshot = index.count;
    const scan = await scanLog(dir, files, checkpoint, index, usable ? snapshot.position : null);

    await removeUnfinishedSideFiles(dir);
    const repairs: AuditRecordInput[] = [];
    if (scan.torn !== null) {
      const torn = scan.torn;
      const sideFile = await saveTornBytes(dir, torn, clock.now());
      const detail = `cut ${torn.bytes.length} bytes (${torn.lines} line${torn.lines === 1 ? '' : 's'}) from the end of ${torn.file.name}: ${torn.cause}; the bytes are kept in ${sideFile}`;
      repairs.push(
        repairedRecord('torn-tail', detail, {
          file: torn.file.name,
          offset: torn.offset,
          removedBytes: torn.bytes.length,
          removedLines: torn.lines,
          tornFile: sideFile,
        }),
      );
    }
    let lastSeq = scan.lastSeq;
    if (head.status === 'missing' && index.count > 0) {
      repairs.push(
        repairedRecord('checkpoint-missing', `the checkpoint file was missing; records after ${scan.lastSeq} may have been removed`, {
          lastSeq: scan.lastSeq,
        }),
      );
    } else if (head.status === 'unreadable') {
      repairs.push(
        repairedRecord('checkpoint-unreadable', 'the checkpoint file was unreadable; records at the end may have been removed', {
          lastSeq: scan.lastSeq,
        }),
      );
    } else if (head.status === 'ok' && !scan.checkpointFound) {
      const cp = head.checkpoint;
      if (scan.lastSeq < cp.seq) {
        // Numbers are never reused: the next record follows the checkpointed one.
        lastSeq = cp.seq;
        const detail = `records ${scan.lastSeq + 1}..${cp.seq} were checkpointed but are gone; the log ended at record ${scan.lastSeq}`;
        repairs.push(
          repairedRecord('records-missing', detail, {
            firstMissingSeq: scan.lastSeq + 1,
            checkpointSeq: cp.seq,
            checkpointHash: cp.hash,
            lastSeq: scan.lastSeq,
          }),
        );
      } else {
        const detail = `record ${cp.seq} does not match the checkpoint (hash ${cp.hash}); the log was altered`;
        repairs.push(
          repairedRecord('checkpoint-mismatch', detail, { firstMissingSeq: cp.seq, checkpointSeq: cp.seq, checkpointHash: cp.hash }),
        );
      }
    }

    const fileNo = scan.lastFile?.no ?? 1;
    const path = join(dir, logFileName(fileNo));
    if (scan.lastFile === null) {
      await (await open(path, 'a', 0o600)).close();
      await syncDir(dir);
    }
    const handle = await open(path, DURABLE_WRITE_FLAGS);
    cleanup.push(() => handle.close());
    const st = fstatSync(handle.fd);
    const state: ChainState = { fileNo, size: scan.lastFile === null ? 0 : scan.lastFileSize, lastSeq, lastHash: scan.lastHash };
    // Opened once the repairs are on disk: a new checkpoint written before them would hide a missing one.
    let headWriter: HeadWriter | null = null;

    const listeners = new Set<(r: AuditRecord) => void>();
    const writer = new GroupCommitWriter(
      {
        dir,
        maxFileBytes,
        clock,
        beforeWrite: async (current) => {
          if (headWriter !== null && headWriter.error !== null) await headWriter.writeNow(checkpointOf(current));
        },
        onCommit: (committed, current) => {
          for (const c of committed) index.add({ seq: c.record.seq, timeMs: c.timeMs, phase: c.record.phase, ...c.keys }, c.location);
          headWriter?.schedule(checkpointOf(current));
          for (const listener of listeners) {
            for (const c of committed) {
              try {
                listener(c.record);
              } catch {
                // A listener's failure is its own; the record is already durable.
              }
            }
          }
        },
      },
      state,
      handle,
      { dev: st.dev, ino: st.ino },
    );

    // Every repair is recorded in the same write that takes the place of a torn tail, before anything is cut.
    if (repairs.length > 0) await writer.replaceTail(repairs.map(prepareRecord));
    const openedHead = await HeadWriter.open(dir, head, checkpointOf(writer.chain));
    headWriter = openedHead;
    cleanup.push(() => openedHead.close());
    if (repairs.length > 0) openedHead.schedule(checkpointOf(writer.chain));

    const log = createAuditLog({ dir, index, writer, headWriter: openedHead, listeners, unlock, snapshotCount: fromSnapshot });
    const details = repairs.map((r) => String((r.summary as { detail: string }).detail));
    log.setStartupReport({ repaired: repairs.length > 0, detail: details.length > 0 ? details.join('; ') : null });
    // A long scan is saved right away, so a crash before close does not cost the next open the same scan.
    if (index.count - fromSnapshot >= SNAPSHOT_MIN_RECORDS) log.saveSnapshotInBackground();
    return log;
  } catch (error) {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    throw error instanceof TypeError || error instanceof RangeError ? error : unavailable(`cannot open the audit log in ${dir}`, error);
  }
}
