// Everything that happened without a prompt, was blocked, or expired: one notice each, from the audit stream.
import { create } from 'zustand';
import type { AuditRecordView } from '../../shared/audit-types';
import { callHost, gatehouse } from '../gatehouse';

export type NoticeKind = 'remembered' | 'unprompted' | 'no-change' | 'blocked' | 'expired';

export interface Notice {
  id: number;
  seq: number;
  kind: NoticeKind;
  pluginId: string;
  action: string;
  /** The exact program and argv, for a process run (taken from the request's own audit record). */
  command: { executable: string; argv: string[] } | null;
  code: string | null;
  time: string;
  /** Still on screen in the notice stack (until dismissed). */
  shown: boolean;
}

interface NoticesState {
  notices: Notice[];
  /** Notices since the activity list was last opened, in all and per plugin. */
  unseen: number;
  unseenByPlugin: Record<string, number>;
  receive(record: AuditRecordView): void;
  markSeen(): void;
  dismiss(id: number): void;
  clear(): void;
  /** Forgets the remembered approval behind a notice; resolves to how many approvals were revoked. */
  revoke(notice: Notice): Promise<number | null>;
}

/** Kept on screen and in the list; older ones drop off (the audit log keeps everything). */
const MAX_NOTICES = 50;
const MAX_SHOWN = 3;
/** Requested records kept to name the command of the outcome that follows. */
const MAX_REQUESTS = 200;

let nextId = 1;
const requested = new Map<string, { executable: string; argv: string[] }>();

/** Which notice, if any, an audit record calls for. A record with no plugin (the host's own) needs none. */
export function noticeKindOf(record: AuditRecordView): NoticeKind | null {
  if (!record.pluginId) return null;
  if (record.phase === 'denied') return 'blocked';
  if (record.phase === 'decided' && record.decision === 'timeout') return 'expired';
  if (record.phase !== 'completed' && record.phase !== 'failed') return null;
  // A dry run changes nothing, so it is not an action done without asking.
  if ((record.outcome as { dryRun?: unknown } | undefined)?.dryRun === true) return null;
  if (record.decision === 'remembered') return 'remembered';
  if (record.decision === 'not-required') return 'unprompted';
  if (record.decision === 'no-change') return 'no-change';
  return null;
}

function commandOf(summary: Record<string, unknown> | undefined): { executable: string; argv: string[] } | null {
  const executable = summary?.executable;
  const argv = summary?.argv;
  if (typeof executable !== 'string' || !Array.isArray(argv) || !argv.every((arg) => typeof arg === 'string')) return null;
  return { executable, argv: argv };
}

export const useNoticesStore = create<NoticesState>()((set, get) => ({
  notices: [],
  unseen: 0,
  unseenByPlugin: {},
  receive(record) {
    if (record.phase === 'requested' && record.correlationId) {
      const command = commandOf(record.summary);
      if (command) {
        requested.set(record.correlationId, command);
        if (requested.size > MAX_REQUESTS) requested.delete(requested.keys().next().value as string);
      }
      return;
    }
    const kind = noticeKindOf(record);
    if (!kind || !record.pluginId) return;
    const pluginId = record.pluginId;
    const command = (record.correlationId && requested.get(record.correlationId)) || commandOf(record.summary);
    const notice: Notice = {
      id: nextId++,
      seq: record.seq,
      kind,
      pluginId,
      action: record.action,
      command,
      code: record.code ?? null,
      time: record.time,
      shown: true,
    };
    set((state) => {
      let shownCount = 0;
      // Newest first; only the newest few stay on screen, the rest wait in the activity list.
      const notices = [notice, ...state.notices]
        .slice(0, MAX_NOTICES)
        .map((entry) => (entry.shown && ++shownCount > MAX_SHOWN ? { ...entry, shown: false } : entry));
      return {
        notices,
        unseen: state.unseen + 1,
        unseenByPlugin: { ...state.unseenByPlugin, [pluginId]: (state.unseenByPlugin[pluginId] ?? 0) + 1 },
      };
    });
  },
  markSeen() {
    set({ unseen: 0, unseenByPlugin: {} });
  },
  dismiss(id) {
    set((state) => ({ notices: state.notices.map((entry) => (entry.id === id ? { ...entry, shown: false } : entry)) }));
  },
  clear() {
    set({ notices: [], unseen: 0, unseenByPlugin: {} });
  },
  async revoke(notice) {
    const listed = await callHost(() => gatehouse().approvals.list());
    if (!listed.ok) return null;
    const match = listed.value.find((approval) => {
      if (approval.pluginId !== notice.pluginId || approval.preview.kind !== 'process.exec' || !notice.command) return false;
      const { executable, args } = approval.preview.process;
      return (
        executable === notice.command.executable &&
        args.length === notice.command.argv.length &&
        args.every((arg, i) => arg === notice.command?.argv[i])
      );
    });
    if (!match) return 0;
    const revoked = await callHost(() => gatehouse().approvals.revoke(match.pluginId, match.key));
    if (!revoked.ok) return null;
    get().dismiss(notice.id);
    return revoked.value.revoked;
  },
}));
