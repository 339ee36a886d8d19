import { useEffect, useId, useRef, useState, type MouseEvent } from 'react';
import type { ConfirmationDecision, ConfirmationRequest } from '../../../shared/confirmation';
import { previewLabel } from '../../lib/action-labels';
import { plural } from '../../lib/format';
import { keepFocusIn } from '../../lib/keep-focus';
import { ModalDialog } from '../common/modal-dialog';
import { PluginIdentity } from './plugin-identity';
import { PluginReason } from './plugin-reason';
import { PreviewDetails } from './preview-details';
import { TimeLeft } from './time-left';

/** Pointer clicks on Approve count only after this long, so a click aimed at the plugin cannot land on it. */
const ARMING_MS = 600;

export interface ConfirmationDialogProps {
  request: ConfirmationRequest;
  queued: number;
  onAnswer(decision: ConfirmationDecision): void;
  /** Declines and disables the asking plugin, so it cannot keep the app modal. */
  onDeclineAndBlock(): void;
}

/** The host's confirmation: who asks, for what, exactly what will happen; Decline is the default. */
export function ConfirmationDialog({ request, queued, onAnswer, onDeclineAndBlock }: ConfirmationDialogProps) {
  const titleId = useId();
  const summaryId = useId();
  const [armed, setArmed] = useState(false);
  const declineRef = useRef<HTMLButtonElement>(null);
  const label = previewLabel(request.preview, request.action);
  const pluginWords = collectPluginWords(request);

  useEffect(() => {
    const timer = setTimeout(() => setArmed(true), ARMING_MS);
    return () => clearTimeout(timer);
  }, []);

  // Focus never leaves the open prompt for a plugin frame; it comes back to Decline.
  useEffect(() => {
    const dialog = declineRef.current?.closest('dialog');
    return dialog ? keepFocusIn(dialog, () => declineRef.current) : undefined;
  }, []);

  const approve = (event: MouseEvent<HTMLButtonElement>) => {
    // detail is 0 for keyboard activation, which has to pass through Decline first.
    if (!armed && event.detail !== 0) return;
    onAnswer('approved');
  };

  return (
    <ModalDialog labelledBy={titleId} describedBy={summaryId} className="confirm" initialFocus={declineRef} onCancel={() => onAnswer('declined')}>
      <div className="confirm-top">
        <p className="confirm-eyebrow">Permission request</p>
        <TimeLeft requestedAt={request.requestedAt} expiresAt={request.expiresAt} />
      </div>
      <h2 id={titleId} className="confirm-title">
        Confirm: {label}
      </h2>
      {queued > 0 && (
        <p className="confirm-queue" role="status">
          {plural(queued, 'more request', 'more requests')} waiting
        </p>
      )}
      <div className="confirm-body" tabIndex={0} role="region" aria-label="Request details">
        <PluginIdentity request={request} summaryId={summaryId} label={label} />
        <section className="confirm-section" aria-labelledby={`${titleId}-what`}>
          <h3 id={`${titleId}-what`} className="confirm-section-title">
            What will happen
          </h3>
          <PreviewDetails preview={request.preview} />
        </section>
        {pluginWords.length > 0 && <PluginReason texts={pluginWords} />}
      </div>
      <div className="confirm-actions">
        <button type="button" className="button button-ghost confirm-block" onClick={onDeclineAndBlock}>
          Decline and block this plugin
        </button>
        <button ref={declineRef} type="button" className="button button-secondary" onClick={() => onAnswer('declined')}>
          Decline
        </button>
        <button type="button" className="button button-primary" aria-disabled={armed ? undefined : true} onClick={approve}>
          Approve
        </button>
      </div>
    </ModalDialog>
  );
}

/** Everything in the request that the plugin wrote itself: its reason and a workflow's summary and message. */
function collectPluginWords(request: ConfirmationRequest): string[] {
  const words = [request.reason];
  if (request.preview.kind === 'workflow.run') words.push(request.preview.summary ?? null, request.preview.message ?? null);
  return words.filter((text): text is string => typeof text === 'string' && text.trim() !== '');
}
