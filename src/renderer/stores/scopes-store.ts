// Filesystem and process scopes: presets and the administrator's own.
import { create } from 'zustand';
import type { IpcRequest, ScopeListing } from '../../shared/ipc-contract';
import { callHost, gatehouse, type HostFailure } from '../gatehouse';

export type ScopeKind = 'fs' | 'process';
type ScopeInput = IpcRequest<'scopes:save'>['scope'];

interface ScopesState {
  listing: ScopeListing | null;
  status: 'loading' | 'ready' | 'error';
  error: HostFailure | null;
  load(): Promise<void>;
  /** Saves a scope; resolves to the failure (with field issues in details), or null when saved. */
  save(kind: ScopeKind, scope: Record<string, unknown>): Promise<HostFailure | null>;
  remove(kind: ScopeKind, id: string): Promise<HostFailure | null>;
}

export const useScopesStore = create<ScopesState>()((set) => ({
  listing: null,
  status: 'loading',
  error: null,
  async load() {
    const result = await callHost(() => gatehouse().scopes.list());
    if (result.ok) set({ listing: result.value, status: 'ready', error: null });
    else set({ status: 'error', error: result });
  },
  async save(kind, scope) {
    // The forms build a scope field by field with the host's own rules (lib/scope-forms.ts); the host checks
    // its shape at the door and its policy in the core, and answers field issues for anything that does not fit.
    const result = await callHost(() => gatehouse().scopes.save(kind, scope as ScopeInput));
    if (!result.ok) return result;
    set({ listing: result.value, status: 'ready', error: null });
    return null;
  },
  async remove(kind, id) {
    const result = await callHost(() => gatehouse().scopes.remove(kind, id));
    if (!result.ok) return result;
    set({ listing: result.value, status: 'ready', error: null });
    return null;
  },
}));
