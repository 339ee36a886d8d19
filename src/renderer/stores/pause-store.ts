// The kill switch: while paused the host refuses every plugin request and no prompt waits.
import { create } from 'zustand';
import { callHost, gatehouse } from '../gatehouse';
import { useToastStore } from './toast-store';

interface PauseState {
  paused: boolean;
  load(): Promise<void>;
  set(paused: boolean): Promise<void>;
}

export const usePauseStore = create<PauseState>()((set) => ({
  paused: false,
  async load() {
    const result = await callHost(() => gatehouse().pause.get());
    if (result.ok) set({ paused: result.value.paused });
  },
  async set(paused) {
    const result = await callHost(() => gatehouse().pause.set(paused));
    if (!result.ok) {
      useToastStore.getState().push('error', `Plugins could not be ${paused ? 'paused' : 'resumed'} (${result.code}): ${result.error}`);
      return;
    }
    set({ paused: result.value.paused });
  },
}));
