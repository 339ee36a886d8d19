// Pending confirmation requests, in the order the host queued them.
import { create } from 'zustand';
import type { ConfirmationDecision, ConfirmationRequest } from '../../shared/confirmation';
import { callHost, gatehouse } from '../gatehouse';
import { useToastStore } from './toast-store';

interface ConfirmationsState {
  pending: ConfirmationRequest[];
  /** Ids answered here whose removal the host has not pushed yet. */
  answered: string[];
  /** Pushes received; a list fetched before the latest push is stale. */
  pushes: number;
  load(): Promise<void>;
  receive(pending: ConfirmationRequest[]): void;
  replace(pending: ConfirmationRequest[]): void;
  answer(id: string, decision: ConfirmationDecision): Promise<void>;
  /** Ends every request of one plugin, shown or waiting. */
  declinePlugin(pluginId: string): Promise<void>;
}

export const useConfirmationsStore = create<ConfirmationsState>()((set, get) => ({
  pending: [],
  answered: [],
  pushes: 0,
  async load() {
    const seen = get().pushes;
    const result = await callHost(() => gatehouse().confirmations.list());
    if (result.ok && get().pushes === seen) get().replace(result.value);
  },
  receive(pending) {
    set((state) => ({ pushes: state.pushes + 1 }));
    get().replace(pending);
  },
  replace(pending) {
    const ids = new Set(pending.map((request) => request.id));
    set((state) => ({ pending, answered: state.answered.filter((id) => ids.has(id)) }));
  },
  async answer(id, decision) {
    if (get().answered.includes(id)) return;
    set((state) => ({ answered: [...state.answered, id] }));
    const result = await callHost(() => gatehouse().confirmations.answer(id, decision));
    const toast = useToastStore.getState().push;
    if (!result.ok) {
      set((state) => ({ answered: state.answered.filter((entry) => entry !== id) }));
      toast('error', `The answer was not delivered (${result.code}): ${result.error}`);
      return;
    }
    if (!result.value.accepted) toast('info', 'That request had already ended, so the answer was not used.');
    // The host pushes the new queue; drop this one now so the next request shows at once.
    set((state) => ({ pending: state.pending.filter((request) => request.id !== id) }));
  },
  async declinePlugin(pluginId) {
    const result = await callHost(() => gatehouse().confirmations.declinePlugin(pluginId));
    if (!result.ok) {
      useToastStore.getState().push('error', `The requests were not declined (${result.code}): ${result.error}`);
      return;
    }
    set((state) => ({ pending: state.pending.filter((request) => request.plugin.id !== pluginId) }));
  },
}));

/** Requests still waiting for an answer from this window. */
export function selectWaiting(state: ConfirmationsState): ConfirmationRequest[] {
  return state.pending.filter((request) => !state.answered.includes(request.id));
}
