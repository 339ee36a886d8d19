import type { ClipboardReadPayload, ClipboardReadResult } from '@gatehouse/plugin-sdk';
import { ActionFailure } from '../action-failure';
import type { ClipboardPolicy } from '../policy/clipboard-policy';
import type { ClipboardPort } from '../ports';
import { describeText } from '../text-digest';
import type { PreparedAction } from './prepared-action';

export function prepareClipboardRead(
  _payload: ClipboardReadPayload,
  deps: { clipboard: ClipboardPort | null; policy: ClipboardPolicy },
): PreparedAction<ClipboardReadResult> {
  const { clipboard } = deps;
  if (!clipboard) throw new ActionFailure('CLIPBOARD_UNSUPPORTED', 'This host has no clipboard.');
  return {
    scope: null,
    preview: { kind: 'clipboard.read' },
    auditSummary: {},
    confirmation: { mode: deps.policy.readConfirmation },
    dryRun: false,
    async run() {
      let text: string;
      try {
        text = await clipboard.readText();
      } catch (error) {
        throw new ActionFailure('CLIPBOARD_READ_FAILED', 'Reading the clipboard failed.', {
          cause: error instanceof Error ? error.message : 'unknown',
        });
      }
      return { text, length: text.length };
    },
    auditOutcome: (result) => describeText(result.text),
  };
}
