import { memo } from 'react';
import type { AuditRecordView } from '../../../shared/audit-types';
import { actionLabel } from '../../lib/action-labels';
import { outcomeText } from '../../lib/audit-outcome';
import { formatStamp } from '../../lib/format';

/** One audit record as a row: time, plugin, action, phase, decision, code or outcome. */
export const AuditRow = memo(function AuditRow({
  record,
  selected,
  onSelect,
}: {
  record: AuditRecordView;
  selected: boolean;
  onSelect(record: AuditRecordView): void;
}) {
  const outcome = outcomeText(record);
  return (
    <button type="button" className="audit-row" aria-current={selected ? true : undefined} onClick={() => onSelect(record)}>
      <span className="audit-cell audit-time">{formatStamp(record.time)}</span>
      <span className="audit-cell audit-plugin">{record.pluginId ?? 'host'}</span>
      <span className="audit-cell audit-action" title={record.action}>
        {actionLabel(record.action)}
      </span>
      <span className="audit-cell audit-phase">{record.phase}</span>
      <span className={`audit-cell audit-decision decision-${record.decision ?? 'none'}`}>{record.decision ?? '—'}</span>
      <span className={`audit-cell audit-outcome outcome-${outcome.tone}`}>{outcome.text}</span>
    </button>
  );
});

/** A row whose page has not arrived yet. */
export function AuditRowPlaceholder() {
  return (
    <div className="audit-row audit-row-placeholder" aria-hidden="true">
      <span className="skeleton" />
      <span className="skeleton" />
      <span className="skeleton" />
    </div>
  );
}
