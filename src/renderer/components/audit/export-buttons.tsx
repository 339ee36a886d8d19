import type { AuditFilter } from '../../lib/audit-pages';
import { formatBytes, plural } from '../../lib/format';
import { useAuditStore } from '../../stores/audit-store';

/** Exports the filtered records as JSON Lines or CSV. */
export function ExportButtons({ filter }: { filter: AuditFilter }) {
  const busy = useAuditStore((state) => state.exported.status === 'running');
  const runExport = useAuditStore((state) => state.runExport);
  return (
    <div className="button-group">
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void runExport('jsonl', filter)}>
        Export JSON Lines
      </button>
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void runExport('csv', filter)}>
        Export CSV
      </button>
    </div>
  );
}

/** Where the last export went and how much it held. */
export function ExportResult() {
  const exported = useAuditStore((state) => state.exported);
  return (
    <p className="status-line status-line-end" role="status" title={exported.status === 'saved' ? exported.path : undefined}>
      {exported.status === 'running' && <span className="muted">Exporting…</span>}
      {exported.status === 'saved' && (
        <span>
          Saved {plural(exported.records, 'record', 'records')} ({formatBytes(exported.bytes)}) to{' '}
          <code className="path">{exported.path}</code>
        </span>
      )}
      {exported.status === 'error' && (
        <span className="verify-bad">
          The export failed ({exported.error.code}): {exported.error.error}
        </span>
      )}
    </p>
  );
}
