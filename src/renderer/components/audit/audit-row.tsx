import { memo } from 'react';
import type { AuditRecordView } from '../../../shared/audit-types';
import { outcomeText } from '../../lib/audit-outcome';
import { pluginLabel, storyOf, storyText } from '../../lib/audit-story';
import { formatStamp, plural } from '../../lib/format';
import { RequestPhases } from './request-phases';
import { StoryLine } from './story-line';

export interface AuditRowProps {
  record: AuditRecordView;
  /** 1-based row number in the grid, the header being row 1. */
  rowIndex: number;
  /** The row the arrow keys are on (aria-selected, and the one focusable row). */
  active: boolean;
  /** The one row Tab reaches: the active row, or the first in view when the active one is scrolled away. */
  focusable: boolean;
  /** Its detail is open. */
  open: boolean;
  expanded: boolean;
  byRequest: boolean;
  names: ReadonlyMap<string, string>;
  onActivate(rowIndex: number): void;
  onOpen(record: AuditRecordView): void;
  onToggle(record: AuditRecordView): void;
}

/** One request (or one record): time, plugin, what happened in words, records or phase, outcome. */
export const AuditRow = memo(function AuditRow({
  record,
  rowIndex,
  active,
  focusable,
  open,
  expanded,
  byRequest,
  names,
  onActivate,
  onOpen,
  onToggle,
}: AuditRowProps) {
  const first = record.story?.first ?? record;
  const story = storyOf(first, record, byRequest, record.story?.decision ?? record.decision ?? null);
  const outcome = outcomeText(record);
  const records = record.story?.records ?? 1;
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={active}
      aria-current={open ? true : undefined}
      tabIndex={focusable ? 0 : -1}
      className="audit-row"
      data-row={rowIndex}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onActivate(rowIndex);
      }}
      onClick={() => {
        onActivate(rowIndex);
        onOpen(record);
      }}
    >
      <span role="gridcell" className="audit-cell audit-time">
        {formatStamp(record.time)}
      </span>
      <span role="gridcell" className="audit-cell audit-plugin" title={record.pluginId ?? undefined}>
        {pluginLabel(record.pluginId, names)}
      </span>
      <span role="gridcell" className="audit-cell audit-what">
        <span className="audit-story" title={storyText(story)}>
          <StoryLine story={story} />
        </span>
        {expanded && <RequestPhases record={record} onOpen={onOpen} />}
      </span>
      <span role="gridcell" className="audit-cell audit-phase">
        {byRequest && records > 1 ? (
          <button
            type="button"
            className="phase-toggle"
            tabIndex={-1}
            aria-expanded={expanded}
            onClick={(event) => {
              event.stopPropagation();
              onActivate(rowIndex);
              onToggle(record);
            }}
          >
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {plural(records, 'record', 'records')}
          </button>
        ) : byRequest ? (
          <span className="muted">1 record</span>
        ) : (
          record.phase
        )}
      </span>
      <span role="gridcell" className={`audit-cell audit-outcome outcome-${outcome.tone}`}>
        {outcome.text}
      </span>
    </div>
  );
});

/** A row whose page has not arrived yet. */
export function AuditRowPlaceholder({ rowIndex }: { rowIndex: number }) {
  return (
    <div role="row" aria-rowindex={rowIndex} className="audit-row audit-row-placeholder">
      <span role="gridcell" className="visually-hidden">
        Loading
      </span>
      <span className="skeleton" aria-hidden="true" />
      <span className="skeleton" aria-hidden="true" />
      <span className="skeleton" aria-hidden="true" />
    </div>
  );
}
