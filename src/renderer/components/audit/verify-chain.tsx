import { formatDuration, plural } from '../../lib/format';
import { useAuditStore } from '../../stores/audit-store';

/** Starts a check of the hash chain of the whole log. */
export function VerifyChainButton() {
  const running = useAuditStore((state) => state.verify.status === 'running');
  const runVerify = useAuditStore((state) => state.runVerify);
  return (
    <button type="button" className="button button-secondary" disabled={running} onClick={() => void runVerify()}>
      {running ? 'Verifying…' : 'Verify chain'}
    </button>
  );
}

/** Whether the chain is intact, and where it breaks if not. */
export function VerifyChainResult() {
  const verify = useAuditStore((state) => state.verify);
  return (
    <p className="status-line" role="status">
      {verify.status === 'running' && <span className="muted">Verifying the chain…</span>}
      {verify.status === 'done' && verify.result.ok && (
        <span className="verify-ok">
          Chain intact: {plural(verify.result.records, 'record', 'records')} in {plural(verify.result.files, 'file', 'files')}, checked in{' '}
          {formatDuration(verify.result.durationMs)}
        </span>
      )}
      {verify.status === 'done' && !verify.result.ok && (
        <span className="verify-bad">
          Chain broken{verify.result.firstBadSeq !== null ? ` at record #${verify.result.firstBadSeq}` : ''}
          {verify.result.problem ? `: ${verify.result.problem}` : ''} (checked in {formatDuration(verify.result.durationMs)})
        </span>
      )}
      {verify.status === 'done' && verify.result.startup?.repaired && (
        <span className="verify-bad">
          {' '}
          At start the log repaired itself: {verify.result.startup.detail ?? 'see the audit.repaired record'}.
        </span>
      )}
      {verify.status === 'error' && (
        <span className="verify-bad">
          The chain could not be verified ({verify.error.code}): {verify.error.error}
        </span>
      )}
    </p>
  );
}
