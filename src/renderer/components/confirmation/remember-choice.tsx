import { useId } from 'react';
import { minutesWords } from './prompt-words';

/**
 * For commands whose scope may remember an approval: the user picks whether it covers this run only (the
 * default) or also this exact command for the scope's time. Nothing is remembered unless chosen here.
 */
export function RememberChoice({ forMs, remember, onChange }: { forMs: number; remember: boolean; onChange(remember: boolean): void }) {
  const name = useId();
  return (
    <fieldset className="remember-choice">
      <legend className="confirm-section-title">If you approve</legend>
      <label className="remember-option">
        <input type="radio" name={name} checked={!remember} onChange={() => onChange(false)} />
        <span>Only this time</span>
      </label>
      <label className="remember-option">
        <input type="radio" name={name} checked={remember} onChange={() => onChange(true)} />
        <span>Also allow this exact command for {minutesWords(forMs)}</span>
      </label>
      <p className="muted remember-hint">
        Allowed, the same command runs again without a prompt until then; each run shows a notice with Revoke.
      </p>
    </fieldset>
  );
}
