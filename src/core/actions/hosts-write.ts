import type { HostsWritePayload, HostsWriteResult } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../action-failure';
import { diffHostsFile } from '../hosts/hosts-diff';
import type { HostsElevation } from '../hosts/hosts-elevation';
import { hostsWriteNeedsElevation, readHostsFile, writeHostsContent } from '../hosts/hosts-file';
import { withHostsFileLock } from '../hosts/hosts-lock';
import { DEFAULT_HOSTS_TAG, replaceHostsSection } from '../hosts/hosts-section';
import type { PreparedAction } from './prepared-action';

export interface HostsWriteDeps {
  hostsPath: string;
  /** Decided by the host; names the section the plugin owns. */
  pluginId: string;
  /** The host's data folder for the lock (when the hosts folder is not writable) and the elevated helper's content file. */
  lockDir: string;
  elevation?: HostsElevation;
}

/** Marker words must stay one token each, or the section could not be found again. */
/** A hosts write changes name resolution for the whole machine: it is confirmed every time, whatever any setting says. */
export const HOSTS_WRITE_CONFIRMATION = { mode: 'always' } as const;

const MARKER_WORD = /^[\x21-\x7e]{1,200}$/;

/**
 * Computes the new hosts file (only the plugin's tagged section changes) and its diff. `run` takes the hosts
 * lock, recomputes from the file as it is then (other lines may have changed meanwhile and are kept), and
 * writes atomically or through the elevation helper; a dry run only returns the diff.
 */
export async function prepareHostsWrite(payload: HostsWritePayload, deps: HostsWriteDeps): Promise<PreparedAction<HostsWriteResult>> {
  const { hostsPath, pluginId, lockDir } = deps;
  if (!MARKER_WORD.test(pluginId)) throw new ActionFailure('INTERNAL_ERROR', 'The plugin id cannot name a hosts section.');
  const tag = payload.tag ?? DEFAULT_HOSTS_TAG;
  const records = payload.records;
  const dryRun = payload.dryRun === true;
  const before = await readHostsFile(hostsPath);
  const edit = replaceHostsSection(before, pluginId, tag, records);
  const diff = diffHostsFile(hostsPath, before, edit.content);
  const elevated = !dryRun && edit.changed && (await hostsWriteNeedsElevation(hostsPath));
  // Nothing to change: no prompt (the broker records "no-change"), and the run writes nothing whatever it finds.
  const noChange = !dryRun && !edit.changed;
  if (elevated && !deps.elevation) {
    throw new ActionFailure('OS_ERROR', 'The hosts file is not writable and this platform has no elevation helper.', {
      errno: 'EACCES',
      path: hostsPath,
    });
  }
  let usedElevation = false;

  const compute = async () => {
    const current = await readHostsFile(hostsPath);
    const next = replaceHostsSection(current, pluginId, tag, records);
    return { next, diff: diffHostsFile(hostsPath, current, next.content) };
  };
  const resultOf = (changed: boolean, resultDiff: string): HostsWriteResult => ({
    tag,
    dryRun,
    changed,
    diff: resultDiff,
    recordCount: records.length,
  });

  return {
    scope: null,
    preview: {
      kind: 'hosts.write',
      path: hostsPath,
      tag,
      diff,
      records: records.map((record) => ({
        address: record.address,
        hostname: record.hostname,
        ...(record.comment ? { comment: record.comment } : {}),
      })),
      elevated,
    },
    auditSummary: {
      path: hostsPath,
      tag,
      records: records.map((record) => ({ address: record.address, hostname: record.hostname })),
      recordCount: records.length,
      diffBytes: Buffer.byteLength(diff),
    },
    confirmation: HOSTS_WRITE_CONFIRMATION,
    dryRun,
    noChange,
    async run(context) {
      if (dryRun) {
        const { next, diff: currentDiff } = await compute();
        return resultOf(next.changed, currentDiff);
      }
      if (noChange) {
        const { next } = await compute();
        // Unasked, so it may only confirm that nothing needs doing; a section that changed meanwhile needs a prompt.
        if (next.changed) {
          throw new ActionFailure(
            'CANCELLED',
            'The hosts file changed after the request was checked; nothing was written. Send the request again.',
            { reason: 'changed-since-check' },
          );
        }
        return resultOf(false, '');
      }
      return withHostsFileLock(hostsPath, lockDir, async (lock) => {
        const { next, diff: currentDiff } = await compute();
        if (!next.changed) return resultOf(false, '');
        const written = await writeHostsContent(hostsPath, next.content, {
          elevation: deps.elevation,
          beforeCommit: () => {
            // Waiting for the lock takes time: a plugin that lost its rights meanwhile writes nothing.
            if (context.signal.aborted) throw new ActionFailure('CANCELLED', 'The request was stopped before the hosts file was written.');
            if (!lock.isHeld())
              throw new ActionFailure('TIMEOUT', 'The hosts file lock was lost before the write; nothing was written.', {
                reason: 'hosts-lock-lost',
              });
          },
        });
        usedElevation = written.elevated;
        return resultOf(true, currentDiff);
      });
    },
    auditOutcome(result) {
      return {
        changed: result.changed,
        recordCount: result.recordCount,
        diffBytes: Buffer.byteLength(result.diff),
        elevated: usedElevation,
      };
    },
  };
}
