// One sentence per notice: which plugin, what it did or tried, and why no prompt was shown.
import { actionLabel } from '../../lib/action-labels';
import type { Notice } from '../../stores/notices-store';
import { commandLine } from '../confirmation/prompt-words';

export function noticeWhat(notice: Notice): string {
  return notice.command
    ? commandLine({ executable: notice.command.executable, args: notice.command.argv, cwd: null, envKeys: [], timeoutMs: 0 })
    : actionLabel(notice.action);
}

export function noticeText(notice: Notice, pluginName: string): string {
  switch (notice.kind) {
    case 'remembered':
      return `${pluginName} ran a remembered command without asking`;
    case 'unprompted':
      return `${pluginName} did this without a prompt (its scope or policy does not ask)`;
    case 'no-change':
      return `${pluginName} asked for a change that was already in place: nothing was written, so nothing was asked`;
    case 'blocked':
      return `${pluginName} was blocked${notice.code ? ` (${notice.code})` : ''}`;
    case 'expired':
      return `${pluginName}'s request expired unanswered and was declined`;
  }
}
