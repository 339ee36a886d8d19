import { elementScroll, observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type CSSProperties } from 'react';
import type { AuditRecordView } from '../../../shared/audit-types';
import type { AuditPages } from '../../lib/audit-pages';
import { AuditRow, AuditRowPlaceholder } from './audit-row';

export const AUDIT_ROW_HEIGHT = 36;
// Browsers cap an element's height (Chromium near 33.5M px); beyond this the scroll range is compressed.
const MAX_SCROLL_PX = 12_000_000;

export interface AuditListProps {
  pages: AuditPages;
  total: number;
  selectedSeq: number | null;
  onSelect(record: AuditRecordView): void;
  /** Called with true while the list is scrolled to its top (where new records appear). */
  onAtTopChange(atTop: boolean): void;
  /** Changing it scrolls back to the top. */
  resetKey: number;
}

/** Newest-first audit rows, virtualized; pages are fetched for the rows in view only. */
export function AuditList({ pages, total, selectedSeq, onSelect, onAtTopChange, resetKey }: AuditListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  /** Virtual pixels per real scrolled pixel; 1 unless the list is taller than the browser allows. */
  const ratio = useRef(1);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => AUDIT_ROW_HEIGHT,
    overscan: 10,
    observeElementOffset: (instance, notify) => observeElementOffset(instance, (offset, isScrolling) => notify(offset * ratio.current, isScrolling)),
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

  useEffect(() => {
    if (total === 0) return;
    // While the thumb is dragged across a long log, only the rows where it stops are worth fetching.
    const timer = setTimeout(() => pages.request(first, last), scrolling ? 80 : 0);
    return () => clearTimeout(timer);
  }, [pages, first, last, total, scrolling]);

  useEffect(() => onAtTopChange(offset < AUDIT_ROW_HEIGHT), [offset, onAtTopChange]);

  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [resetKey, pages]);

  return (
    <div className="audit-scroll" ref={scrollRef} tabIndex={0} role="region" aria-label="Audit records, newest first">
      <ul className="audit-rows" style={{ '--rows-height': `${realSize}px` } as CSSProperties}>
        {items.map((item) => {
          const record = pages.get(item.index);
          const style = { '--row-y': `${item.start - shift}px` } as CSSProperties;
          return (
            <li key={item.key} className="audit-row-slot" style={style} aria-setsize={total} aria-posinset={item.index + 1}>
              {record ? <AuditRow record={record} selected={record.seq === selectedSeq} onSelect={onSelect} /> : <AuditRowPlaceholder />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
