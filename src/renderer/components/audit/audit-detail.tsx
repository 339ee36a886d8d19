import { formatPrivilegedActionError, isPrivilegedActionErrorCode } from '@gatehouse/plugin-sdk';
import { useId, type ReactNode } from 'react';
import type { AuditRecordView } from '../../../shared/audit-types';
import { actionLabel } from '../../lib/action-labels';
import { formatJson, formatTime } from '../../lib/format';
import { ReadableFields } from './readable-fields';
import { RelatedRecords } from './related-records';

/** Every field of one record, its summary and outcome as JSON text, and the records that belong with it. */
export function AuditDetail({
  record,
  onClose,
  onSelect,
}: {
  record: AuditRecordView;
  onClose(): void;
  onSelect(record: AuditRecordView): void;
}) {
  const titleId = useId();
  const failure = describeFailure(record);
  return (
    <aside className="audit-detail" aria-labelledby={titleId}>
      <div className="detail-head">
        <h2 id={titleId} className="detail-title">
          Record #{record.seq}
        </h2>
        <button type="button" className="icon-button" aria-label="Close record details" onClick={onClose}>
          ×
        </button>
      </div>
      {failure && <pre className="error-text detail-failure">{failure}</pre>}
      <dl className="detail-fields">
        <Field label="Sequence">{record.seq}</Field>
        <Field label="Time">
          {formatTime(record.time)} <code className="muted">{record.time}</code>
        </Field>
        <Field label="Plugin">{record.pluginId ? <code>{record.pluginId}</code> : 'host'}</Field>
        <Field label="Plugin version">{record.pluginVersion ?? '—'}</Field>
        <Field label="Action">
          {actionLabel(record.action)} <code className="muted">{record.action}</code>
        </Field>
        <Field label="Scope">{record.scope ? <code>{record.scope}</code> : '—'}</Field>
        <Field label="Phase">{record.phase}</Field>
        <Field label="Decision">{record.decision ?? '—'}</Field>
        <Field label="Code">{record.code ? <code>{record.code}</code> : '—'}</Field>
        <Field label="Correlation id">{record.correlationId ? <code>{record.correlationId}</code> : '—'}</Field>
        <Field label="The plugin's reason">{record.reason ? <bdi className="plugin-text">{record.reason}</bdi> : '—'}</Field>
      </dl>
      <section className="detail-section" aria-labelledby={`${titleId}-summary`}>
        <h3 id={`${titleId}-summary`} className="detail-subtitle">
          Summary
        </h3>
        <ReadableFields value={record.summary} label="Summary" />
      </section>
      <section className="detail-section" aria-labelledby={`${titleId}-outcome`}>
        <h3 id={`${titleId}-outcome`} className="detail-subtitle">
          Outcome
        </h3>
        <ReadableFields value={record.outcome} label="Outcome" />
      </section>
      {record.workflow && (
        <>
          <h3 className="detail-subtitle">Workflow</h3>
          <dl className="detail-fields">
            <Field label="Workflow id">
              <code>{record.workflow.workflowId}</code>
            </Field>
            {record.workflow.stepId !== undefined && (
              <Field label="Step">
                {record.workflow.stepTitle ?? ''} <code className="muted">{record.workflow.stepId}</code>
              </Field>
            )}
            {record.workflow.stepStatus !== undefined && <Field label="Step status">{record.workflow.stepStatus}</Field>}
            {record.workflow.stepCorrelationId !== undefined && (
              <Field label="Step correlation id">
                <code>{record.workflow.stepCorrelationId}</code>
              </Field>
            )}
            {record.workflow.confirmation !== undefined && <Field label="Step confirmation">{record.workflow.confirmation}</Field>}
          </dl>
        </>
      )}
      <details className="detail-raw">
        <summary>Record as JSON, and its place in the hash chain</summary>
        <dl className="detail-fields">
          <Field label="Hash">
            <code className="hash">{record.hash}</code>
          </Field>
          <Field label="Previous hash">
            <code className="hash">{record.prevHash}</code>
          </Field>
        </dl>
        <pre className="json" tabIndex={0} aria-label="Summary and outcome as JSON">
          {formatJson({ summary: record.summary ?? null, outcome: record.outcome ?? null })}
        </pre>
      </details>
      {record.workflow ? (
        <RelatedRecords
          key={`w:${record.workflow.workflowId}`}
          title="All records of this workflow"
          query={{ workflowId: record.workflow.workflowId }}
          currentSeq={record.seq}
          onSelect={onSelect}
        />
      ) : (
        record.correlationId && (
          <RelatedRecords
            key={`c:${record.correlationId}`}
            title="All records of this request"
            query={{ correlationId: record.correlationId }}
            currentSeq={record.seq}
            onSelect={onSelect}
          />
        )
      )}
    </aside>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A failed or refused record, formatted the way plugins see the same failure. */
function describeFailure(record: AuditRecordView): string | null {
  if (!record.code || !isPrivilegedActionErrorCode(record.code)) return null;
  const outcome = record.outcome ?? {};
  const message = typeof outcome.error === 'string' ? outcome.error : typeof record.summary?.error === 'string' ? record.summary.error : record.code;
  return formatPrivilegedActionError(
    { ok: false, correlationId: record.correlationId ?? 'unknown', code: record.code, error: message, result: outcome },
    { context: actionLabel(record.action) },
  );
}
