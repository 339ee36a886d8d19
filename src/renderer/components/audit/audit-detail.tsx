import { formatPrivilegedActionError, isPrivilegedActionErrorCode } from '@gatehouse/plugin-sdk';
import { useId, type ReactNode } from 'react';
import type { AuditRecordView } from '../../../shared/audit-types';
import { actionLabel } from '../../lib/action-labels';
import { pluginLabel, storyOf } from '../../lib/audit-story';
import { formatJson, formatStamp, formatTime } from '../../lib/format';
import { CopyButton } from './copy-button';
import { ReadableFields } from './readable-fields';
import { RelatedRecords } from './related-records';
import { StoryLine } from './story-line';
import { usePluginNames } from './use-plugin-names';
import { useRequestRecords } from './use-request-records';

/**
 * One record, led by the sentence of the request it belongs to; then its fields in words, its summary and
 * outcome, the raw record (collapsed, with copy buttons) and the records that belong with it.
 */
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
  const names = usePluginNames();
  const request = useRequestRecords(record);
  const records = request.status === 'ready' && request.records.length ? request.records : [record];
  const newest = records[records.length - 1] ?? record;
  const decided = [...records].reverse().find((entry) => entry.decision)?.decision ?? null;
  const story = storyOf(records[0] ?? record, newest, true, decided);
  const { story: _row, ...stored } = record;
  return (
    <aside className="audit-detail" aria-labelledby={titleId}>
      <div className="detail-head">
        <h2 id={titleId} className="detail-title detail-story">
          <StoryLine story={story} />
        </h2>
        <button type="button" className="icon-button" aria-label="Close record details" onClick={onClose}>
          ×
        </button>
      </div>
      <p className="detail-record-line muted">
        {pluginLabel(record.pluginId, names)} · Record #{record.seq} · {record.phase} · {formatStamp(record.time)}
        {records.length > 1 &&
          ` · record ${records.findIndex((entry) => entry.seq === record.seq) + 1} of ${records.length} of this request`}
      </p>
      {failure && <pre className="error-text detail-failure">{failure}</pre>}
      <dl className="detail-fields">
        <Field label="Sequence">{record.seq}</Field>
        <Field label="Time">
          {formatTime(record.time)} <code className="muted">{record.time}</code>
        </Field>
        <Field label="Plugin">
          {record.pluginId ? (
            <>
              {pluginLabel(record.pluginId, names)} <code className="muted">{record.pluginId}</code>
            </>
          ) : (
            'Gatehouse (the host itself)'
          )}
        </Field>
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
        <div className="detail-copy">
          <CopyButton text={formatJson(stored)} label="Copy record as JSON" />
          <CopyButton text={record.hash} label="Copy hash" />
          {record.correlationId && <CopyButton text={record.correlationId} label="Copy correlation id" />}
        </div>
        <dl className="detail-fields">
          <Field label="Hash">
            <code className="hash">{record.hash}</code>
          </Field>
          <Field label="Previous hash">
            <code className="hash">{record.prevHash}</code>
          </Field>
        </dl>
        <pre className="json" tabIndex={0} aria-label="The record as JSON">
          {formatJson(stored)}
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
            query={{ correlationId: record.correlationId, ...(record.pluginId ? { pluginId: record.pluginId } : {}) }}
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
  const message =
    typeof outcome.error === 'string' ? outcome.error : typeof record.summary?.error === 'string' ? record.summary.error : record.code;
  return formatPrivilegedActionError(
    { ok: false, correlationId: record.correlationId ?? 'unknown', code: record.code, error: message, result: outcome },
    { context: actionLabel(record.action) },
  );
}
