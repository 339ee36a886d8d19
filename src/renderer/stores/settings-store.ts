// Host settings (hosts file location, clipboard policy) and remembered approvals.
import { create } from 'zustand';
import type { ApprovalView, HostSettingsView, IpcRequest } from '../../shared/ipc-contract';
import { callHost, gatehouse, type HostFailure } from '../gatehouse';

type Load<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: HostFailure };

interface SettingsState {
  settings: Load<HostSettingsView>;
  approvals: Load<ApprovalView[]>;
  load(): Promise<void>;
  loadApprovals(): Promise<void>;
  /** Saves a patch; resolves to the failure, or null when saved. */
  update(patch: IpcRequest<'settings:update'>): Promise<HostFailure | null>;
  revoke(pluginId: string, key?: string): Promise<HostFailure | null>;
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  settings: { status: 'loading' },
  approvals: { status: 'loading' },
  async load() {
    const result = await callHost(() => gatehouse().settings.get());
    set({ settings: result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result } });
  },
  async loadApprovals() {
    const result = await callHost(() => gatehouse().approvals.list());
    set({ approvals: result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result } });
  },
  async update(patch) {
    const result = await callHost(() => gatehouse().settings.update(patch));
    if (!result.ok) return result;
    set({ settings: { status: 'ready', value: result.value } });
    return null;
  },
  async revoke(pluginId, key) {
    const result = await callHost(() => gatehouse().approvals.revoke(pluginId, key));
    await get().loadApprovals();
    return result.ok ? null : result;
  },
}));
