import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { gatehouse } from '../../gatehouse';
import { isFiltered, mayMatchAuditFilter, toAuditFilter } from '../../lib/audit-filter';
import { createAuditPages } from '../../lib/audit-pages';
import { countLine } from '../../lib/audit-count';
import { plural } from '../../lib/format';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useAuditStore } from '../../stores/audit-store';
import { EmptyState } from '../common/empty-state';
import { ErrorMessage } from '../common/error-message';
import { Loading } from '../common/loading';
import { AuditDetail } from './audit-detail';
import { AuditFilters } from './audit-filters';
import { AuditList } from './audit-list';
import { ExportButtons, ExportResult } from './export-buttons';
import { VerifyChainButton, VerifyChainResult } from './verify-chain';

const TEXT_DEBOUNCE_MS = 250;
const LIVE_REFRESH_MS = 150;

/** Every recorded request and decision, newest first, filtered by the host, with details and export. */
export function AuditPanel() {
  const form = useAuditStore((state) => state.form);
  const selected = useAuditStore((state) => state.selected);
  const select = useAuditStore((state) => state.select);
  const clearFilters = useAuditStore((state) => state.clearFilters);
  const byRequest = useAuditStore((state) => state.byRequest);
  const setByRequest = useAuditStore((state) => state.setByRequest);
  const text = useDebouncedValue(form.text, TEXT_DEBOUNCE_MS);
  const filter = useMemo(() => toAuditFilter({ ...form, text }), [form, text]);
  const filterKey = JSON.stringify([filter, byRequest]);
  // One page cache per distinct filter and view, keyed by their text (`filter` is a new object every render);
  // export and live updates use the record filter.
  const pages = useMemo(
    () => createAuditPages((query) => gatehouse().audit.query(query), byRequest ? { ...filter, group: 'request' } : filter),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filterKey stands for filter and byRequest
    [filterKey],
  );
  const snapshot = useSyncExternalStore(pages.subscribe, pages.snapshot);
  const [newRecords, setNewRecords] = useState(0);
  const [resetKey, setResetKey] = useState(0);
  const atTop = useRef(true);

  useEffect(() => {
    pages.request(0, 0);
    return () => pages.dispose();
  }, [pages]);

  useEffect(() => {
    setNewRecords(0);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = gatehouse().on('audit:appended', (record) => {
      if (!mayMatchAuditFilter(record, filter)) return;
      if (atTop.current) {
        clearTimeout(timer);
        timer = setTimeout(() => pages.refresh(), LIVE_REFRESH_MS);
      } else {
        setNewRecords((count) => count + 1);
      }
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
    // `filter` changes exactly when `pages` does.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [pages]);

  const onAtTopChange = useCallback((value: boolean) => {
    atTop.current = value;
  }, []);

  const showNew = () => {
    setNewRecords(0);
    pages.refresh();
    setResetKey((key) => key + 1);
  };

  const total = snapshot.total;
  const filtered = isFiltered(filter);

  return (
    <div className="screen audit-screen">
      <div className="screen-head">
        <div>
          <h1 className="screen-title">Audit</h1>
          <p className="screen-subtitle" role="status">
            {total === null ? 'Loading records…' : countLine(total, byRequest, filtered)}
          </p>
        </div>
        <div className="screen-tools">
          <VerifyChainButton />
          <ExportButtons filter={filter} />
        </div>
      </div>
      <AuditFilters />
      <div className="audit-layout">
        <div className="audit-main">
          {newRecords > 0 && (
            <button type="button" className="new-records" onClick={showNew}>
              {plural(newRecords, 'new record', 'new records')} — refresh
            </button>
          )}
          <div className="audit-view">
            <label className="check">
              <input type="checkbox" checked={byRequest} onChange={(event) => setByRequest(event.target.checked)} />
              One row per request
            </label>
            <span className="muted">
              {byRequest
                ? 'A request’s records (requested, decided, completed…) are behind its row; press → to show them.'
                : 'Every record on its own row.'}
            </span>
          </div>
          {snapshot.error && (
            <ErrorMessage failure={snapshot.error} context="The audit log could not be read" onRetry={() => pages.refresh()} />
          )}
          {total === null && !snapshot.error && <Loading label="Loading audit records…" />}
          {total === 0 && (
            <EmptyState
              title={filtered ? `No ${byRequest ? 'requests' : 'records'} match these filters` : 'No audit records yet'}
              action={
                filtered ? (
                  <button type="button" className="button button-secondary" onClick={clearFilters}>
                    Clear filters
                  </button>
                ) : undefined
              }
            >
              {!filtered && <p>Every request a plugin makes, and what you decided, will be listed here.</p>}
            </EmptyState>
          )}
          {total !== null && total > 0 && (
            <AuditList
              pages={pages}
              total={total}
              byRequest={byRequest}
              selectedSeq={selected?.seq ?? null}
              onSelect={select}
              onAtTopChange={onAtTopChange}
              resetKey={resetKey}
            />
          )}
          <div className="audit-footer">
            <VerifyChainResult />
            <ExportResult />
          </div>
        </div>
        {selected && <AuditDetail record={selected} onClose={() => select(null)} onSelect={select} />}
      </div>
    </div>
  );
}
