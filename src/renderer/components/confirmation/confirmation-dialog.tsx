import { useEffect, useId, useRef, useState, type MouseEvent } from 'react';
import type { ConfirmationDecision, ConfirmationRequest } from '../../../shared/confirmation';
import { plural } from '../../lib/format';
import { keepFocusIn } from '../../lib/keep-focus';
import { ModalDialog } from '../common/modal-dialog';
import { PluginReason } from './plugin-reason';
import { PreviewDetails } from './preview-details';
import { PromptIdentity } from './prompt-identity';
import { approveVerb, promptRisk, requestHeadline, requestIds, riskWords, wantsTo } from './prompt-words';
import { DisableConfirm } from './disable-confirm';
import { RememberChoice } from './remember-choice';
import { TimeLeft } from './time-left';

/** Pointer clicks on Approve count only after this long, so a click aimed at the plugin cannot land on it. */
const ARMING_MS = 600;

export interface ConfirmationDialogProps {
  request: ConfirmationRequest;
  /** The requests waiting behind this one, in order. */
  waiting: ConfirmationRequest[];
  onAnswer(decision: ConfirmationDecision): void;
  /** Declines this request and every other one this plugin has waiting. */
  onDeclinePlugin(): void;
  /** Declines and disables the asking plugin (after the user confirmed it here), so it cannot keep the app modal. */
  onDisablePlugin(): void;
}

/**
 * The host's confirmation, readable in three seconds: who wants what (title), the command itself, who
 * vouches for the plugin, how risky it is; the details below. Decline is the default.
 */
export function ConfirmationDialog({ request, waiting, onAnswer, onDeclinePlugin, onDisablePlugin }: ConfirmationDialogProps) {
  const titleId = useId();
  const identityId = useId();
  const [armed, setArmed] = useState(false);
  const [remember, setRemember] = useState(false);
  const [showWaiting, setShowWaiting] = useState(false);
  const [confirmDisable, setConfirmDisable] = useState(false);
  // Requests, not prompts: a prompt that identical requests merged into answers each of them.
  const fromSamePlugin = waiting
    .filter((entry) => entry.plugin.id === request.plugin.id)
    .reduce((sum, entry) => sum + (entry.count ?? 1), 0);
  const ownCount = request.count ?? 1;
  const declineRef = useRef<HTMLButtonElement>(null);
  const pluginWords = collectPluginWords(request);
  const headline = requestHeadline(request.preview);
  const risk = promptRisk(request.preview);

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
    onAnswer(request.remember && remember ? 'approved-remember' : 'approved');
  };

  return (
    <ModalDialog
      labelledBy={titleId}
      describedBy={identityId}
      className={`confirm confirm-risk-${risk}`}
      initialFocus={declineRef}
      onCancel={() => onAnswer('declined')}
    >
      <div className="confirm-top">
        <span className={`risk-badge risk-${risk}`}>{riskWords(risk, request.preview)}</span>
        <TimeLeft requestedAt={request.requestedAt} expiresAt={request.expiresAt} />
      </div>
      <h2 id={titleId} className="confirm-title">
        <bdi>{request.plugin.name}</bdi> {wantsTo(request.preview)}
      </h2>
      {headline && <code className="prompt-command">{headline}</code>}
      {ownCount > 1 && (
        <p className="confirm-merged">
          Asked {ownCount} times with exactly the same request: one answer covers all {ownCount}.
        </p>
      )}
      <PromptIdentity request={request} id={identityId} />
      {waiting.length > 0 && (
        <div className="confirm-queue-wrap">
          <button type="button" className="confirm-queue" aria-expanded={showWaiting} onClick={() => setShowWaiting(!showWaiting)}>
            {plural(waiting.length, 'more request', 'more requests')} waiting
          </button>
          {showWaiting && (
            <ol className="confirm-waiting" aria-label="Waiting requests">
              {waiting.map((entry) => (
                <li key={entry.id}>
                  <bdi>{entry.plugin.name}</bdi> {wantsTo(entry.preview)}
                  {entry.count !== undefined && entry.count > 1 && (
                    <span className="confirm-times">
                      {' '}
                      ×{entry.count}
                      <span className="visually-hidden"> (identical requests, one answer)</span>
                    </span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
      <div className="confirm-body" tabIndex={0} role="region" aria-label="Request details">
        <section className="confirm-section" aria-labelledby={`${titleId}-what`}>
          <h3 id={`${titleId}-what`} className="confirm-section-title">
            What will happen
          </h3>
          <PreviewDetails preview={request.preview} />
        </section>
        {pluginWords.length > 0 && <PluginReason texts={pluginWords} />}
        {request.remember && <RememberChoice forMs={request.remember.forMs} remember={remember} onChange={setRemember} />}
        <details className="confirm-ids">
          <summary>Details</summary>
          <dl className="confirm-facts">
            {requestIds(request).map(([term, value]) => (
              <div className="fact" key={term}>
                <dt>{term}</dt>
                <dd>
                  <code>{value}</code>
                </dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
      {confirmDisable && (
        <DisableConfirm
          pluginName={request.plugin.name}
          requests={fromSamePlugin + ownCount}
          onKeep={() => setConfirmDisable(false)}
          onDisable={onDisablePlugin}
        />
      )}
      <div className="confirm-actions" role="group" aria-label="Answer">
        {/* Two clusters that wrap as wholes: what to do about the plugin, and the answer itself (Decline beside Approve). */}
        <div className="confirm-plugin-actions">
          <button
            type="button"
            className="button button-ghost confirm-block"
            aria-expanded={confirmDisable}
            onClick={() => setConfirmDisable(true)}
          >
            Disable this plugin…
          </button>
          {fromSamePlugin > 0 && (
            <button type="button" className="button button-secondary confirm-decline-all" onClick={onDeclinePlugin}>
              Decline all from this plugin ({fromSamePlugin + ownCount})
            </button>
          )}
        </div>
        <div className="confirm-answer">
          <button ref={declineRef} type="button" className="button button-secondary" onClick={() => onAnswer('declined')}>
            Decline
          </button>
          <button
            type="button"
            className={`button ${risk === 'destructive' ? 'button-danger' : 'button-primary'}`}
            aria-disabled={armed ? undefined : true}
            onClick={approve}
          >
            {approveVerb(request.preview)}
          </button>
        </div>
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
