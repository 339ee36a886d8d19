import type { AuditRecordView } from '../../../shared/audit-types';
import { outcomeText } from '../../lib/audit-outcome';
import { formatStamp } from '../../lib/format';
import { useRequestRecords } from './use-request-records';

/** The records of one request, in order, inside its expanded row: each opens its own detail. */
export function RequestPhases({ record, onOpen }: { record: AuditRecordView; onOpen(record: AuditRecordView): void }) {
  // The row's newest record changes as the request moves on; the list follows it.
  const state = useRequestRecords(record, record.seq);
  if (state.status === 'loading') return <p className="muted request-phases">Loading its records…</p>;
  if (state.status === 'error') return <p className="error-text request-phases">Its records could not be read: {state.error.error}</p>;
  return (
    <ol className="request-phases" aria-label="Records of this request">
      {state.records.map((phase) => {
        const outcome = outcomeText(phase);
        return (
          <li key={phase.seq}>
            <button
              type="button"
              className="phase-item"
              onClick={(event) => {
                event.stopPropagation();
                onOpen(phase);
              }}
            >
              <span className="related-seq">#{phase.seq}</span>
              <span>{phase.phase}</span>
              {phase.decision && <span className={`decision-${phase.decision}`}>{phase.decision}</span>}
              {outcome.tone !== 'none' && <span className={`outcome-${outcome.tone}`}>{outcome.text}</span>}
              <span className="muted">{formatStamp(phase.time)}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
