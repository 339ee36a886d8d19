// Short status messages, announced through one polite live region.
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
const LIFETIME_MS = { info: 5000, success: 5000, error: 10000 } as const;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  push(tone, text) {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts.slice(-3), { id, tone, text }] }));
    setTimeout(() => get().dismiss(id), LIFETIME_MS[tone]);
  },
  dismiss(id) {
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },
}));
