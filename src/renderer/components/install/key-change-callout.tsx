import { useId } from 'react';

/**
 * An update signed by another key than the one the user approved: the first thing on the screen, in red,
 * and nothing continues until the user ticks that they expected it.
 */
export function KeyChangeCallout({
  acknowledged,
  onAcknowledged,
  disabled,
}: {
  acknowledged: boolean;
  onAcknowledged(value: boolean): void;
  disabled: boolean;
}) {
  const id = useId();
  return (
    <div className="callout callout-danger key-change" role="alert" aria-labelledby={`${id}-title`}>
      <p className="callout-title" id={`${id}-title`}>
        The publisher key changed
      </p>
      <p>
        This version is signed by another key than the one you approved. Someone else may have published it. Continue only if the publisher
        told you about a new key through a channel you already trust.
      </p>
      <label className="check key-change-check">
        <input
          type="checkbox"
          className="checkbox"
          checked={acknowledged}
          disabled={disabled}
          onChange={(event) => onAcknowledged(event.target.checked)}
        />
        I expected this key change
      </label>
    </div>
  );
}
