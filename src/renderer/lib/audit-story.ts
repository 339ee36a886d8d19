// A request as one plain sentence: what was done, how it was decided, how it ended. Built from the request's
// first record (what was asked) and its newest (how it stands); text only, never HTML.
import type { AuditRecordView } from '../../shared/audit-types';
import { actionLabel } from './action-labels';

/** One sentence in parts: the lead, an optional literal (a command, a path, an id) shown as code, then the rest. */
export interface StoryText {
  lead: string;
  literal: string | null;
  /** Further parts, joined with " · ". */
  parts: string[];
}

const DECISION_WORDS: Record<string, string> = {
  approved: 'approved by you',
  remembered: 'approved earlier (remembered)',
  'not-required': 'no prompt (the policy does not ask)',
  declined: 'declined by you',
  timeout: 'not answered in time',
  cancelled: 'cancelled',
};

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function strings(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** A capability id without its common prefix: `clipboard.read`, `process.scope.e2e-docker`. */
export function shortCapability(capability: string): string {
  return capability.startsWith('system.') ? capability.slice('system.'.length) : capability;
}

function list(values: string[] | null): string {
  return values && values.length ? values.map(shortCapability).join(', ') : 'none';
}

function value(entry: unknown): string {
  if (entry === undefined) return '—';
  return typeof entry === 'string' ? entry : JSON.stringify(entry);
}

/** A field-level change list ({ field, before, after }) as "field before → after, …". */
export function changeList(changes: unknown, limit = 3): string | null {
  if (!Array.isArray(changes) || changes.length === 0) return null;
  const shown = changes
    .slice(0, limit)
    .map(
      (change: { field?: unknown; before?: unknown; after?: unknown }) =>
        `${String(change.field)} ${value(change.before)} → ${value(change.after)}`,
    );
  return changes.length > limit ? `${shown.join(', ')}, and ${changes.length - limit} more` : shown.join(', ');
}

/** Who stopped a long-running request, in the words of the audit panel. */
const STOPPED_BY_WORDS: Record<string, string> = {
  plugin: 'stopped by the plugin',
  user: 'stopped by you',
  'host-shutdown': 'stopped when Gatehouse quit',
  'frame-closed': 'stopped when the plugin’s page closed',
  paused: 'stopped when you paused plugins',
  'rights-withdrawn': 'stopped when the plugin lost its rights',
};

/** A byte count for people: "512 bytes", "3.4 KB", "2.1 MB" (1 KB = 1024 bytes). */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte', 'bytes');
  const units = ['KB', 'MB', 'GB', 'TB'];
  let size = bytes / 1024;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${size.toFixed(1)} ${units[unit]}`;
}

/** Live output of a streamed request: "2.1 MB of output", and what was skipped when the plugin fell behind. */
function streamed(outcome: Record<string, unknown>): string | null {
  const stream = outcome.stream as { bytesSent?: unknown; skippedBytes?: unknown } | undefined;
  const sent = num(stream?.bytesSent);
  if (sent === null) return null;
  const skipped = num(stream?.skippedBytes) ?? 0;
  return `${byteSize(sent)} of output${skipped > 0 ? ` (${byteSize(skipped)} skipped)` : ''}`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function done(last: AuditRecordView): boolean {
  return last.phase === 'completed';
}

/** What was asked or changed, from the first record's summary. */
function what(first: AuditRecordView, last: AuditRecordView): Pick<StoryText, 'lead' | 'literal'> & { detail?: string } {
  const s = first.summary ?? {};
  const finished = done(last);
  switch (first.action) {
    case 'system.process.exec': {
      const program = text(s.executable);
      const argv = strings(s.argv) ?? [];
      // A later record of a request does not repeat the command; the request's first record has it.
      if (!program) return { lead: finished ? 'Ran a program' : 'Asked to run a program', literal: null };
      return { lead: finished ? 'Ran' : 'Asked to run', literal: [basename(program), ...argv].join(' ') };
    }
    case 'system.clipboard.read':
      return { lead: finished ? 'Read the clipboard' : 'Asked to read the clipboard', literal: null };
    case 'system.clipboard.write': {
      const length = num(s.length);
      const size = length === null ? '' : ` (${plural(length, 'character', 'characters')})`;
      return { lead: `${finished ? 'Wrote to' : 'Asked to write to'} the clipboard${size}`, literal: null };
    }
    case 'system.hosts.write': {
      const count = num(s.recordCount);
      return {
        lead: `${finished ? 'Changed' : 'Asked to change'} the hosts file${count === null ? '' : ` (${plural(count, 'entry', 'entries')})`}`,
        literal: null,
      };
    }
    case 'system.fs.mutate': {
      const count = num(s.operationCount);
      const operations = Array.isArray(s.operations) ? (s.operations as Array<{ path?: unknown }>) : [];
      const path = text(operations[0]?.path);
      if (count === null && operations.length === 0) return { lead: finished ? 'Changed files' : 'Asked to change files', literal: null };
      return {
        lead: `${finished ? 'Changed' : 'Asked to change'} ${plural(count ?? operations.length, 'item', 'items')} on disk`,
        literal: path,
      };
    }
    case 'system.workflow.run':
      return { lead: finished ? 'Ran the workflow' : 'Asked to run the workflow', literal: text(s.title) };
    case 'plugin.status': {
      const granted = strings(s.granted);
      if (granted) {
        const before =
          strings(s.grantedBefore) ?? [...granted, ...(strings(s.revoked) ?? [])].filter((cap, i, all) => all.indexOf(cap) === i);
        return { lead: `Grants ${list(before)} → ${list(granted)}`, literal: null };
      }
      const from = text(s.from) ?? '?';
      const to = text(s.to) ?? '?';
      return { lead: `Status ${from} → ${to}${s.update === true ? ' (update)' : ''}`, literal: null };
    }
    case 'plugin.backend': {
      const phase = first.phase;
      const why = text(s.reason);
      if (phase === 'started') return { lead: `Background process started in ${num(s.startupMs) ?? '?'} ms`, literal: null };
      if (phase === 'crashed')
        return { lead: `Background process crashed (${text(s.signal) ?? `exit ${num(s.exitCode) ?? '?'}`})`, literal: null };
      if (phase === 'restarting') return { lead: `Background process restarting (attempt ${num(s.attempt) ?? '?'})`, literal: null };
      if (phase === 'unavailable') return { lead: 'Background process unavailable', literal: why };
      return { lead: 'Background process stopped', literal: why };
    }
    case 'trust.publisher': {
      const name = text(s.name);
      const key = text(s.fingerprint) ?? text(s.keyId);
      return {
        lead:
          s.change === 'trusted'
            ? `Trusted the publisher ${name ?? ''}`.trimEnd()
            : `Stopped trusting the publisher ${name ?? ''}`.trimEnd(),
        literal: key,
      };
    }
    case 'scope.saved':
      return {
        lead: s.created === true ? 'Created the scope' : 'Changed the scope',
        literal: text(s.scopeId) ?? first.scope ?? null,
        detail: changeList(s.changes) ?? undefined,
      };
    case 'scope.removed':
      return {
        lead: 'Removed the scope',
        literal: text(s.scopeId) ?? first.scope ?? null,
        detail:
          s.fallsBackToPreset === true
            ? `the built-in scope with this id applies again${changeList(s.changes) ? `: ${changeList(s.changes)}` : ''}`
            : undefined,
      };
    case 'settings.clipboard':
      return { lead: `Clipboard policy: ${changeList(s.changes) ?? 'changed'}`, literal: null };
    case 'settings.hostsPath': {
      const [change] = Array.isArray(s.changes) ? (s.changes as Array<{ before?: unknown; after?: unknown }>) : [];
      return { lead: `Hosts file location: ${value(change?.before)} → ${value(change?.after)}`, literal: null };
    }
    case 'secret.set':
      return { lead: `${s.replaced === true ? 'Replaced' : 'Stored'} the secret ${text(s.name) ?? ''} of scope`, literal: text(s.scopeId) };
    case 'secret.deleted':
      return { lead: `Deleted the secret ${text(s.name) ?? ''} of scope`, literal: text(s.scopeId) };
    case 'host.developerMode':
      return { lead: 'Started in developer mode: unsigned plugins are allowed', literal: null };
    case 'audit.repaired':
      return { lead: `Repaired the audit log${text(s.kind) ? ` (${String(s.kind)})` : ''}`, literal: null };
    case 'audit.rotated':
      return { lead: 'Started a new audit file', literal: text(s.toFile) };
    case 'setup.run':
    case 'setup.teardown': {
      const verb = first.action === 'setup.run' ? 'Set up' : 'Undid the setup of';
      const steps = Array.isArray(s.steps) ? s.steps.length : null;
      return {
        lead: `${finished ? verb : `Asked to ${verb === 'Set up' ? 'set up' : 'undo the setup of'}`} the plugin${steps === null ? '' : ` (${plural(steps, 'step', 'steps')})`}`,
        literal: null,
      };
    }
    case 'setup.overrides':
      return { lead: `Changed the setup overrides of ${text(s.pluginId) ?? 'a plugin'}`, literal: null };
    case 'invalid':
      return { lead: 'Asked for an action the host does not have', literal: text(s.requestedAction) };
    case 'unknown':
      return { lead: 'Sent a request the host could not read', literal: null };
    default:
      return { lead: actionLabel(first.action), literal: null };
  }
}

/** How the request was decided, when it was asked of the user or the policy. */
function decision(decided: string | null | undefined): string | null {
  // A refusal says so in its ending, with its code.
  if (decided === 'denied') return null;
  const word = decided ? DECISION_WORDS[decided] : undefined;
  return word ?? null;
}

/** How it ended: an exit code, a count, a failure code, or (for a request's newest record) that it is still open. */
function ending(first: AuditRecordView, last: AuditRecordView, open: boolean): string | null {
  const o = last.outcome ?? {};
  // A declined, unanswered or cancelled prompt ends there; its code only repeats the decision.
  if (last.phase === 'decided' && (last.decision === 'declined' || last.decision === 'timeout' || last.decision === 'cancelled'))
    return null;
  const stopper = text(o.stoppedBy);
  if (stopper) {
    const output = streamed(o);
    return `${STOPPED_BY_WORDS[stopper] ?? `stopped (${stopper})`}${output ? ` after ${output}` : ''}`;
  }
  if (last.code)
    return `${last.phase === 'denied' ? 'refused' : 'failed'}: ${last.code}${typeof last.summary?.repeated === 'number' ? ` ×${last.summary.repeated}` : ''}`;
  switch (last.phase) {
    case 'requested':
      return open ? 'waiting for a decision' : null;
    case 'decided':
      return open && (last.decision === 'approved' || last.decision === 'remembered' || last.decision === 'not-required')
        ? 'running'
        : null;
    case 'step':
      return open ? 'running' : null;
    case 'completed':
      break;
    default:
      return null;
  }
  if (o.dryRun === true || first.summary?.dryRun === true) return 'dry run';
  const output = streamed(o);
  switch (last.action) {
    case 'system.process.exec': {
      const exit = num(o.exitCode);
      const end = exit === null ? (text(o.signal) ? `stopped by ${String(o.signal)}` : 'done') : `exit ${exit}`;
      return output ? `${end} after ${output}` : end;
    }
    case 'system.fs.mutate': {
      const changes = num(o.changes);
      return changes === null ? 'done' : plural(changes, 'change', 'changes');
    }
    case 'system.hosts.write':
      return o.changed === false ? 'no change needed' : 'written';
    case 'system.workflow.run': {
      const status = text(o.status) ?? 'done';
      return output ? `${status} after ${output}` : status;
    }
    default:
      return 'done';
  }
}

/**
 * The sentence of a request from its first and newest records (the same record when it has one). `open`: `last`
 * is the request's newest record, so a request or decision without an outcome is still waiting or running; a
 * single record seen on its own says only what it holds. `decided`: the request's latest decision, which a
 * prompted request has on its decided record rather than its outcome.
 */
export function storyOf(
  first: AuditRecordView,
  last: AuditRecordView = first,
  open = true,
  decided: string | null = last.decision ?? null,
): StoryText {
  const head = what(first, last);
  const parts = [head.detail, decision(decided ?? last.decision), ending(first, last, open)].filter((part): part is string =>
    Boolean(part),
  );
  return { lead: head.lead, literal: head.literal, parts };
}

/** The sentence as plain text, for titles and screen readers: "Ran `docker ps --all` · approved by you · exit 0". */
export function storyText(story: StoryText): string {
  return [story.literal ? `${story.lead} \`${story.literal}\`` : story.lead, ...story.parts].join(' · ');
}

/** A plugin's name from the installed list; its id when it is not installed (any more); "Gatehouse" for the host. */
export function pluginLabel(pluginId: string | null, names: ReadonlyMap<string, string>): string {
  if (pluginId === null) return 'Gatehouse';
  return names.get(pluginId) ?? pluginId;
}
