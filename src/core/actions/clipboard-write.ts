import type { ClipboardWritePayload, ClipboardWriteResult } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../action-failure';
import type { ClipboardPolicy } from '../policy/clipboard-policy';
import type { ClipboardPort } from '../ports';
import { describeText } from '../text-digest';
import type { PreparedAction } from './prepared-action';

export function prepareClipboardWrite(
  payload: ClipboardWritePayload,
  deps: { clipboard: ClipboardPort | null; policy: ClipboardPolicy },
): PreparedAction<ClipboardWriteResult> {
  const { clipboard } = deps;
  if (!clipboard) throw new ActionFailure('CLIPBOARD_UNSUPPORTED', 'This host has no clipboard.');
  return {
    scope: null,
    preview: { kind: 'clipboard.write', length: payload.text.length },
    auditSummary: describeText(payload.text),
    confirmation: { mode: deps.policy.writeConfirmation },
    dryRun: false,
    async run() {
      try {
        await clipboard.writeText(payload.text);
      } catch (error) {
        throw new ActionFailure('CLIPBOARD_WRITE_FAILED', 'Writing the clipboard failed.', {
          cause: error instanceof Error ? error.message : 'unknown',
        });
      }
      return { length: payload.text.length };
    },
    auditOutcome: () => ({}),
  };
}
