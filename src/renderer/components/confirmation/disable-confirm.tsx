import { useEffect, useRef } from 'react';
import { plural } from '../../lib/format';

/**
 * The second step of "Disable this plugin…": says what disabling does and waits for a deliberate second click,
 * so a flood of prompts cannot turn one stray click into a disabled plugin (or the reverse).
 */
export function DisableConfirm({
  pluginName,
  requests,
  onKeep,
  onDisable,
}: {
  pluginName: string;
  requests: number;
  onKeep(): void;
  onDisable(): void;
}) {
  const keepRef = useRef<HTMLButtonElement>(null);
  // The safe choice takes the focus, as Decline does for the prompt itself.
  useEffect(() => keepRef.current?.focus(), []);
  return (
    <div className="confirm-disable callout callout-warning" role="group" aria-label={`Disable ${pluginName}?`}>
      <p>
        <strong>
          Disable <bdi>{pluginName}</bdi>?
        </strong>{' '}
        {requests > 1 ? `Its ${plural(requests, 'request', 'requests')} waiting here are declined` : 'This request is declined'}, anything
        it is running stops, and it can ask for nothing until you enable it again on the Plugins page.
      </p>
      <div className="confirm-disable-actions">
        <button ref={keepRef} type="button" className="button button-secondary" onClick={onKeep}>
          Keep it enabled
        </button>
        <button type="button" className="button button-danger" onClick={onDisable}>
          {/* One text run: the button lays out its children with a gap. */}
          <span>
            Disable <bdi>{pluginName}</bdi>
          </span>
        </button>
      </div>
    </div>
  );
}
