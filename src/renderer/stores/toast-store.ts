// Short status messages, announced through one polite live region; errors stay until dismissed.
import { create } from 'zustand';

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
}

interface ToastState {
  toasts: Toast[];
  push(tone: ToastTone, text: string): void;
  dismiss(id: number): void;
}

let nextId = 1;
/** Results and status go away by themselves; an error stays until the user dismisses it (null: no timer). */
const LIFETIME_MS = { info: 5000, success: 5000, error: null } as const;
const MAX_TOASTS = 4;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  push(tone, text) {
    const id = nextId++;
    set((state) => {
      const toasts = [...state.toasts, { id, tone, text }];
      // Over the limit, the oldest message that is not an error makes room; errors go only when all are errors.
      while (toasts.length > MAX_TOASTS) {
        const drop = toasts.findIndex((toast) => toast.tone !== 'error');
        toasts.splice(drop === -1 ? 0 : drop, 1);
      }
      return { toasts };
    });
    const lifetime = LIFETIME_MS[tone];
    if (lifetime !== null) setTimeout(() => get().dismiss(id), lifetime);
  },
  dismiss(id) {
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },
}));
