import type { HostFailure } from '../../gatehouse';
import { formatHostFailure } from '../../lib/errors';

/** A failed host call, with its code, announced when it appears. */
export function ErrorMessage({ failure, context, onRetry }: { failure: HostFailure; context: string; onRetry?: () => void }) {
  return (
    <div className="error-message" role="alert">
      <p className="error-text">{formatHostFailure(failure, context)}</p>
      {onRetry && (
        <button type="button" className="button button-secondary button-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
