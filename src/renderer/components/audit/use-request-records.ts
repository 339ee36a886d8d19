import { useEffect, useState } from 'react';
import type { AuditRecordView } from '../../../shared/audit-types';
import { callHost, gatehouse, type HostFailure } from '../../gatehouse';

export type RequestRecords =
  { status: 'loading' } | { status: 'ready'; records: AuditRecordView[]; total: number } | { status: 'error'; error: HostFailure };

const LIMIT = 500;

/**
 * Every record of the request a record belongs to (one plugin, one correlation id), oldest first; a record
 * without a correlation id is a request of its own. A new `refreshKey` reloads (a request that is still running);
 * meanwhile the records already read stay.
 */
export function useRequestRecords(record: AuditRecordView, refreshKey: unknown = null): RequestRecords {
  const { correlationId, pluginId } = record;
  const request = correlationId ? JSON.stringify([correlationId, pluginId]) : null;
  const key = request ? JSON.stringify([request, refreshKey]) : null;
  const [read, setRead] = useState<{ request: string; key: string; state: RequestRecords } | null>(null);

  useEffect(() => {
    if (!correlationId || !request || !key) return;
    let live = true;
    const query = { correlationId, limit: LIMIT, ...(pluginId ? { pluginId } : {}) };
    void callHost(() => gatehouse().audit.query(query)).then((result) => {
      if (!live) return;
      const state: RequestRecords = result.ok
        ? { status: 'ready', records: [...result.value.records].sort((a, b) => a.seq - b.seq), total: result.value.total }
        : { status: 'error', error: result };
      setRead({ request, key, state });
    });
    return () => {
      live = false;
    };
  }, [correlationId, pluginId, request, key]);

  if (!request) return { status: 'ready', records: [record], total: 1 };
  return read && read.request === request ? read.state : { status: 'loading' };
}
