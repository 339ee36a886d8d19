// Trusted publisher keys, as Settings lists them.
import { create } from 'zustand';
import type { TrustedPublisherView } from '../../shared/ipc-contract';
import { callHost, gatehouse, type HostFailure } from '../gatehouse';

type Load<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: HostFailure };

interface TrustState {
  publishers: Load<TrustedPublisherView[]>;
  load(): Promise<void>;
  /** Trusts a pasted key under a name; resolves to the new entry or the failure. */
  add(publicKey: string, name: string): Promise<{ publisher: TrustedPublisherView | null; failure: HostFailure | null }>;
  /** Stops trusting a key: that publisher's plugins become unavailable at once. */
  remove(keyId: string): Promise<HostFailure | null>;
}

export const useTrustStore = create<TrustState>()((set, get) => ({
  publishers: { status: 'loading' },
  async load() {
    const result = await callHost(() => gatehouse().trust.list());
    set({ publishers: result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result } });
  },
  async add(publicKey, name) {
    const result = await callHost(() => gatehouse().trust.add(publicKey, name));
    if (!result.ok) return { publisher: null, failure: result };
    await get().load();
    return { publisher: result.value, failure: null };
  },
  async remove(keyId) {
    const result = await callHost(() => gatehouse().trust.remove(keyId));
    await get().load();
    return result.ok ? null : result;
  },
}));
