// The marketplace: the index key, and the candidates of the last verified index. Nothing here installs.
import { create } from 'zustand';
import type { MarketplaceView } from '../../shared/ipc-contract';
import { callHost, gatehouse, type HostFailure } from '../gatehouse';
import { useInstallStore } from './install-store';

type Load<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: HostFailure };

interface MarketplaceState {
  view: Load<MarketplaceView>;
  load(): Promise<void>;
  /** Sets (or clears, with null) the key that must sign the index. */
  setKey(publicKey: string | null): Promise<HostFailure | null>;
  /** Main asks for an index file and verifies it against the key. */
  openIndex(): Promise<HostFailure | null>;
  /** Main asks for the candidate's bundle and checks it against its entry; the install dialog follows. */
  stage(key: string): Promise<HostFailure | null>;
}

export const useMarketplaceStore = create<MarketplaceState>()((set) => ({
  view: { status: 'loading' },
  async load() {
    const result = await callHost(() => gatehouse().marketplace.get());
    set({ view: result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result } });
  },
  async setKey(publicKey) {
    const result = await callHost(() => gatehouse().marketplace.setKey(publicKey));
    if (!result.ok) return result;
    set({ view: { status: 'ready', value: result.value } });
    return null;
  },
  async openIndex() {
    const result = await callHost(() => gatehouse().marketplace.openIndex());
    if (!result.ok) return result;
    if (result.value) set({ view: { status: 'ready', value: result.value } });
    return null;
  },
  async stage(key) {
    const result = await callHost(() => gatehouse().marketplace.stage(key));
    if (!result.ok) return result;
    if (result.value) useInstallStore.getState().open(result.value);
    return null;
  },
}));
