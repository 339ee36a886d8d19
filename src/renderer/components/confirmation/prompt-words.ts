// What a prompt says in its first lines: who wants what, the command itself, the button's verb and the risk.
import type { ActionPreview, ConfirmationRequest, ProcessPreview } from '../../../shared/confirmation';
import { plural } from '../../lib/format';

export type PromptRisk = 'read' | 'change' | 'destructive';

/** The last path segment of a program: "/usr/bin/docker" → "docker". */
export function programName(executable: string): string {
  const parts = executable.split(/[\\/]/);
  return parts[parts.length - 1] || executable;
}

/** An argument as a person would type it: quoted when a shell would split or expand it. Display only; nothing runs through a shell. */
function displayArg(arg: string): string {
  if (arg !== '' && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** "$ docker ps --all": the exact argv, as one line. */
export function commandLine(process: ProcessPreview): string {
  return ['$', programName(process.executable), ...process.args.map(displayArg)].join(' ');
}

/** The plain-words request in the title: "wants to run docker". */
export function wantsTo(preview: ActionPreview): string {
  switch (preview.kind) {
    case 'clipboard.read':
      return 'wants to read your clipboard';
    case 'clipboard.write':
      return 'wants to replace your clipboard text';
    case 'hosts.write':
      return 'wants to edit the hosts file';
    case 'fs.mutate':
      return `wants to change ${plural(preview.operations.length, 'item', 'items')} on disk`;
    case 'process.exec':
      return `wants to run ${programName(preview.process.executable)}`;
    case 'workflow.run':
      return `wants to run the workflow “${preview.title}”`;
    case 'workflow.step':
      return `wants to run step ${preview.stepIndex + 1} of “${preview.workflowTitle}”`;
  }
}

/** The primary button names the action, so nobody approves "something". */
export function approveVerb(preview: ActionPreview): string {
  switch (preview.kind) {
    case 'clipboard.read':
      return 'Read clipboard';
    case 'clipboard.write':
      return 'Write clipboard';
    case 'hosts.write':
      return 'Edit hosts file';
    case 'fs.mutate':
      return `Write ${plural(preview.operations.length, 'item', 'items')}`;
    case 'process.exec':
      return 'Run';
    case 'workflow.run':
      return 'Run workflow';
    case 'workflow.step':
      return 'Run step';
  }
}

/** The one line under the title: the command, or the change in a few words. */
export function requestHeadline(preview: ActionPreview): string | null {
  switch (preview.kind) {
    case 'process.exec':
      return commandLine(preview.process);
    case 'workflow.step':
      return commandLine(preview.step.process);
    case 'workflow.run':
      return plural(preview.steps.length, 'step', 'steps');
    default:
      return null;
  }
}

const DESTRUCTIVE_FS = new Set(['remove', 'rename']);

/**
 * How much harm saying yes can do. Deleting, moving, replacing an existing file or an admin password is
 * destructive; reading the clipboard only reads; everything else changes state. A program is never called
 * read-only here: what it does depends on the tool, so it shows as a change.
 */
export function promptRisk(preview: ActionPreview): PromptRisk {
  switch (preview.kind) {
    case 'clipboard.read':
      return 'read';
    case 'hosts.write':
      return preview.elevated ? 'destructive' : 'change';
    case 'fs.mutate':
      // The host's plan says "will be replaced" when a write replaces a file that exists.
      return preview.operations.some((op) => DESTRUCTIVE_FS.has(op.type) || /will be (replaced|removed|renamed)/.test(op.detail ?? ''))
        ? 'destructive'
        : 'change';
    default:
      return 'change';
  }
}

/** Words for the risk badge; the colour is never the only signal. */
export function riskWords(risk: PromptRisk, preview: ActionPreview): string {
  if (risk === 'read') return 'Read only';
  if (risk === 'change')
    return preview.kind === 'process.exec' || preview.kind === 'workflow.step' || preview.kind === 'workflow.run'
      ? 'Runs a program'
      : 'Changes your system';
  if (preview.kind === 'hosts.write' && preview.elevated) return 'Needs your admin password';
  return 'Deletes or replaces';
}

/** "10 minutes" from a duration in milliseconds, rounded to whole minutes (at least one). */
export function minutesWords(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return plural(minutes, 'minute', 'minutes');
}

/** The id facts, for the collapsed details: plugin id and version, action id, scope id. */
export function requestIds(request: ConfirmationRequest): Array<[string, string]> {
  return [
    ['Plugin id', `${request.plugin.id} v${request.plugin.version}`],
    ['Action', request.action],
    ['Scope', request.scope ?? 'none'],
    ['Request', request.correlationId],
  ];
}
