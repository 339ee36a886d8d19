import { elementScroll, observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { AuditRecordView } from '../../../shared/audit-types';
import type { AuditPages } from '../../lib/audit-pages';
import { AuditRow, AuditRowPlaceholder } from './audit-row';
import { usePluginNames } from './use-plugin-names';

export const AUDIT_ROW_HEIGHT = 36;
// Browsers cap an element's height (Chromium near 33.5M px); beyond this the scroll range is compressed.
const MAX_SCROLL_PX = 12_000_000;
const PAGE_ROWS = 10;

export interface AuditListProps {
  pages: AuditPages;
  total: number;
  /** One row per request (rows expand to their records), or one per record. */
  byRequest: boolean;
  selectedSeq: number | null;
  onSelect(record: AuditRecordView): void;
  /** Called with true while the list is scrolled to its top (where new records appear). */
  onAtTopChange(atTop: boolean): void;
  /** Changing it scrolls back to the top. */
  resetKey: number;
}

/** A request's key across refreshes (its newest record changes while it runs). */
function requestKey(record: AuditRecordView): string {
  return record.correlationId ? `${record.pluginId ?? ''}\u0000${record.correlationId}` : `seq:${record.seq}`;
}

/**
 * Newest-first audit rows as a grid, virtualized; pages are fetched for the rows in view only. Up and Down move
 * the selection (Home, End, Page Up and Page Down too), Enter opens the selected row's detail, Right and Left
 * expand and collapse a request's records.
 */
export function AuditList({ pages, total, byRequest, selectedSeq, onSelect, onAtTopChange, resetKey }: AuditListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  /** Virtual pixels per real scrolled pixel; 1 unless the list is taller than the browser allows. */
  const ratio = useRef(1);
  const names = usePluginNames();
  const [active, setActive] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const focusWanted = useRef(false);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => AUDIT_ROW_HEIGHT,
    overscan: 10,
    observeElementOffset: (instance, notify) =>
      observeElementOffset(instance, (offset, isScrolling) => notify(offset * ratio.current, isScrolling)),
    scrollToFn: (offset, options, instance) =>
      elementScroll(offset / ratio.current, { ...options, adjustments: (options.adjustments ?? 0) / ratio.current }, instance),
  });

  const fullSize = virtualizer.getTotalSize();
  const viewport = scrollRef.current?.clientHeight ?? 0;
  const realSize = Math.min(fullSize, MAX_SCROLL_PX);
  ratio.current = fullSize > realSize && realSize > viewport ? (fullSize - viewport) / (realSize - viewport) : 1;
  const offset = virtualizer.scrollOffset ?? 0;
  const shift = offset - offset / ratio.current;
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const scrolling = virtualizer.isScrolling;
  const activeInView = items.some((item) => item.index === active && pages.get(item.index));
  const firstLoaded = items.find((item) => pages.get(item.index))?.index ?? -1;

  useEffect(() => {
    if (total === 0) return;
    // While the thumb is dragged across a long log, only the rows where it stops are worth fetching.
    const timer = setTimeout(() => pages.request(first, last), scrolling ? 80 : 0);
    return () => clearTimeout(timer);
  }, [pages, first, last, total, scrolling]);

  useEffect(() => onAtTopChange(offset < AUDIT_ROW_HEIGHT), [offset, onAtTopChange]);

  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    setActive(0);
    setExpanded(new Set());
  }, [resetKey, pages]);

  useEffect(() => {
    if (active >= total && total > 0) setActive(total - 1);
  }, [active, total]);

  // After a key moved the selection, the new row takes focus once it is rendered.
  useEffect(() => {
    if (!focusWanted.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-row="${active + 2}"]`);
    if (row) {
      focusWanted.current = false;
      row.focus({ preventScroll: true });
    }
  });

  const toggle = useCallback((record: AuditRecordView) => {
    const key = requestKey(record);
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);

  const activate = useCallback((rowIndex: number) => setActive(rowIndex - 2), []);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    focusWanted.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).closest('.request-phases')) return;
    const record = pages.get(active);
    switch (event.key) {
      case 'ArrowDown':
        moveTo(active + 1);
        break;
      case 'ArrowUp':
        moveTo(active - 1);
        break;
      case 'PageDown':
        moveTo(active + PAGE_ROWS);
        break;
      case 'PageUp':
        moveTo(active - PAGE_ROWS);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(total - 1);
        break;
      case 'Enter':
        if (record) onSelect(record);
        break;
      case 'ArrowRight':
      case 'ArrowLeft': {
        const open = record ? expanded.has(requestKey(record)) : false;
        if (!record || !byRequest || (record.story?.records ?? 1) < 2 || open === (event.key === 'ArrowRight')) return;
        toggle(record);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div
      className="audit-grid"
      role="grid"
      aria-label={byRequest ? 'Audit requests, newest first' : 'Audit records, newest first'}
      aria-rowcount={total + 1}
      aria-colcount={5}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="audit-head-group">
        <div role="row" aria-rowindex={1} className="audit-head">
          <span role="columnheader">Time</span>
          <span role="columnheader">Plugin</span>
          <span role="columnheader">What happened</span>
          <span role="columnheader">{byRequest ? 'Records' : 'Phase'}</span>
          <span role="columnheader">Outcome</span>
        </div>
      </div>
      <div className="audit-scroll" ref={scrollRef} role="rowgroup">
        <div className="audit-rows" style={{ '--rows-height': `${realSize}px` } as CSSProperties}>
          {items.map((item) => {
            const record = pages.get(item.index);
            const style = { '--row-y': `${item.start - shift}px` } as CSSProperties;
            const rowIndex = item.index + 2;
            return (
              <div
                key={item.key}
                className="audit-row-slot"
                style={style}
                data-index={item.index}
                ref={virtualizer.measureElement}
                role="presentation"
              >
                {record ? (
                  <AuditRow
                    record={record}
                    rowIndex={rowIndex}
                    active={item.index === active}
                    focusable={activeInView ? item.index === active : item.index === firstLoaded}
                    open={record.seq === selectedSeq}
                    expanded={byRequest && expanded.has(requestKey(record))}
                    byRequest={byRequest}
                    names={names}
                    onActivate={activate}
                    onOpen={onSelect}
                    onToggle={toggle}
                  />
                ) : (
                  <AuditRowPlaceholder rowIndex={rowIndex} />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
