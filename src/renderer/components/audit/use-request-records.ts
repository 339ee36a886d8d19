import { useEffect, useState } from 'react';
import type { AuditRecordView } from '../../../shared/audit-types';
import { callHost, gatehouse, type HostFailure } from '../../gatehouse';

export type RequestRecords = { status: 'loading' } | { status: 'ready'; records: AuditRecordView[]; total: number } | { status: 'error'; error: HostFailure };

const LIMIT = 500;

/**
 * Every record of the request a record belongs to (one plugin, one correlation id), oldest first; a record
 * without a correlation id is a request of its own. `refreshKey` reloads (a request that is still running).
 */
export function useRequestRecords(record: AuditRecordView, refreshKey: unknown = null): RequestRecords {
  const { correlationId, pluginId } = record;
  const [state, setState] = useState<RequestRecords>(correlationId ? { status: 'loading' } : { status: 'ready', records: [record], total: 1 });

  useEffect(() => {
    if (!correlationId) {
      setState({ status: 'ready', records: [record], total: 1 });
      return;
    }
    let live = true;
    const query = { correlationId, limit: LIMIT, ...(pluginId ? { pluginId } : {}) };
    void callHost(() => gatehouse().audit.query(query)).then((result) => {
      if (!live) return;
      if (!result.ok) setState({ status: 'error', error: result });
      else setState({ status: 'ready', records: [...result.value.records].sort((a, b) => a.seq - b.seq), total: result.value.total });
    });
    return () => {
      live = false;
    };
    // A record of the same request shows the same list; `record` itself only matters without a correlation id.
  }, [correlationId, pluginId, refreshKey, correlationId ? null : record]);

  return state;
}
