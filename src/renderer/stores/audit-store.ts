// The audit panel's filter, selected record and last verification, kept across screen switches.
import { create } from 'zustand';
import type { AuditRecordView, AuditVerifyView } from '../../shared/audit-types';
import type { IpcResponse } from '../../shared/ipc-contract';
import { callHost, gatehouse, type HostFailure } from '../gatehouse';
import { EMPTY_AUDIT_FILTER, type AuditFilterForm } from '../lib/audit-filter';
import type { AuditFilter } from '../lib/audit-pages';

type Verify =
  { status: 'idle' } | { status: 'running' } | { status: 'done'; result: AuditVerifyView } | { status: 'error'; error: HostFailure };
type Export =
  | { status: 'idle' }
  | { status: 'running' }
  | ({ status: 'saved' } & NonNullable<IpcResponse<'audit:export'>>)
  | { status: 'error'; error: HostFailure };

interface AuditState {
  form: AuditFilterForm;
  /** One row per request (the default), or every record on its own row. */
  byRequest: boolean;
  selected: AuditRecordView | null;
  verify: Verify;
  exported: Export;
  setField<K extends keyof AuditFilterForm>(key: K, value: AuditFilterForm[K]): void;
  clearFilters(): void;
  /** Filters to one plugin's records only ("View activity" on its strip and card). */
  filterPlugin(pluginId: string): void;
  setByRequest(byRequest: boolean): void;
  select(record: AuditRecordView | null): void;
  runVerify(): Promise<void>;
  /** Exports the records matching `filter`; the host asks where to save them. */
  runExport(format: 'jsonl' | 'csv', filter: AuditFilter): Promise<void>;
}

export const useAuditStore = create<AuditState>()((set) => ({
  form: EMPTY_AUDIT_FILTER,
  byRequest: true,
  selected: null,
  verify: { status: 'idle' },
  exported: { status: 'idle' },
  setField(key, value) {
    set((state) => ({ form: { ...state.form, [key]: value } }));
  },
  clearFilters() {
    set({ form: EMPTY_AUDIT_FILTER });
  },
  filterPlugin(pluginId) {
    set({ form: { ...EMPTY_AUDIT_FILTER, pluginId }, selected: null });
  },
  setByRequest(byRequest) {
    set({ byRequest });
  },
  select(record) {
    set({ selected: record });
  },
  async runVerify() {
    set({ verify: { status: 'running' } });
    const result = await callHost(() => gatehouse().audit.verify());
    set({ verify: result.ok ? { status: 'done', result: result.value } : { status: 'error', error: result } });
  },
  async runExport(format, filter) {
    set({ exported: { status: 'running' } });
    const result = await callHost(() => gatehouse().audit.export(format, filter));
    if (!result.ok) set({ exported: { status: 'error', error: result } });
    else set({ exported: result.value ? { status: 'saved', ...result.value } : { status: 'idle' } });
  },
}));
