import { create } from 'zustand';

export interface Toast {
  id: number;
  tone: 'success' | 'error' | 'info' | 'warning';
  message: string;
  /** A short code for support (an error code), shown small. */
  code?: string;
  action?: { label: string; run: () => void };
}

interface ToastState {
  toasts: Toast[];
  push: (toast: Omit<Toast, 'id'>) => void;
  dismiss: (id: number) => void;
}

let next = 1;

/** Short-lived messages after an action; errors stay until dismissed. */
export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  push: (toast) => {
    const id = next++;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { ...toast, id }] }));
    if (toast.tone !== 'error') {
      setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), toast.action ? 8000 : 4000);
    }
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export const toast = (t: Omit<Toast, 'id'>) => useToasts.getState().push(t);
