import { useEffect, useState } from 'react';
import type { AuditQueryInput, AuditRecordView } from '../../../shared/audit-types';
import { callHost, gatehouse, type HostFailure } from '../../gatehouse';
import { actionLabel } from '../../lib/action-labels';
import { formatStamp } from '../../lib/format';
import { ErrorMessage } from '../common/error-message';
import { Loading } from '../common/loading';
import { outcomeText } from '../../lib/audit-outcome';

type Related =
  { status: 'loading' } | { status: 'ready'; records: AuditRecordView[]; total: number } | { status: 'error'; error: HostFailure };

const LIMIT = 500;

/** The records that share a workflow or a request with the one shown, oldest first. */
export function RelatedRecords({
  title,
  query,
  currentSeq,
  onSelect,
}: {
  title: string;
  query: Pick<AuditQueryInput, 'workflowId' | 'correlationId' | 'pluginId'>;
  currentSeq: number;
  onSelect(record: AuditRecordView): void;
}) {
  const [state, setState] = useState<Related>({ status: 'loading' });
  const key = JSON.stringify(query);

  useEffect(() => {
    let live = true;
    void callHost(() => gatehouse().audit.query({ ...(JSON.parse(key) as typeof query), limit: LIMIT })).then((result) => {
      if (!live) return;
      if (!result.ok) setState({ status: 'error', error: result });
      else setState({ status: 'ready', records: [...result.value.records].sort((a, b) => a.seq - b.seq), total: result.value.total });
    });
    return () => {
      live = false;
    };
  }, [key]);

  return (
    <section className="related">
      <h3 className="detail-subtitle">{title}</h3>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorMessage failure={state.error} context="Related records could not be read" />}
      {state.status === 'ready' && (
        <>
          <ol className="related-list">
            {state.records.map((record) => {
              const outcome = outcomeText(record);
              return (
                <li key={record.seq}>
                  <button
                    type="button"
                    className="related-item"
                    aria-current={record.seq === currentSeq ? true : undefined}
                    onClick={() => onSelect(record)}
                  >
                    <span className="related-seq">#{record.seq}</span>
                    <span>{record.workflow?.stepTitle ?? actionLabel(record.action)}</span>
                    <span className="muted">{record.phase}</span>
                    {record.decision && <span className={`decision-${record.decision}`}>{record.decision}</span>}
                    <span className={`outcome-${outcome.tone}`}>{outcome.text}</span>
                    <span className="muted related-time">{formatStamp(record.time)}</span>
                  </button>
                </li>
              );
            })}
          </ol>
          {state.total > state.records.length && (
            <p className="muted">
              Showing the newest {state.records.length} of {state.total}.
            </p>
          )}
        </>
      )}
    </section>
  );
}
