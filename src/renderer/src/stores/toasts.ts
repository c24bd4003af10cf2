import { create } from 'zustand';

export interface Toast {
  id: number;
  tone: 'success' | 'error' | 'info' | 'warning';
  message: string;
  /** A short code for support (an error code), shown small. */
  code?: string;
  action?: { label: string; run: () => void };
  /** How many times the same toast was raised while shown (shown as "×3"). */
  count?: number;
}

interface ToastState {
  toasts: Toast[];
  push: (toast: Omit<Toast, 'id' | 'count'>) => void;
  dismiss: (id: number) => void;
}

/** Toasts shown at once; older ones give way. */
export const MAX_TOASTS = 3;
/** How long news stays (longer with an action to take). */
const NEWS_MS = 4000;
const ACTION_MS = 8000;

let next = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

/**
 * Short-lived messages after an action. Errors and warnings (a write that changed nothing, steps
 * skipped) stay until dismissed; the same message raised again is counted on the toast already
 * shown instead of stacking; at most MAX_TOASTS are shown.
 */
export const useToasts = create<ToastState>((set, get) => {
  const expire = (toast: Toast) => {
    clearTimeout(timers.get(toast.id));
    timers.delete(toast.id);
    if (toast.tone === 'error' || toast.tone === 'warning') return;
    timers.set(
      toast.id,
      setTimeout(() => get().dismiss(toast.id), toast.action ? ACTION_MS : NEWS_MS),
    );
  };
  return {
    toasts: [],
    push: (input) => {
      const same = get().toasts.find(
        (t) => t.tone === input.tone && t.message === input.message && t.code === input.code,
      );
      const toast: Toast = same ? { ...same, ...input, count: (same.count ?? 1) + 1 } : { ...input, id: next++ };
      const rest = get().toasts.filter((t) => t.id !== toast.id);
      const kept = [...rest, toast].slice(-MAX_TOASTS);
      for (const gone of rest.filter((t) => !kept.includes(t))) {
        clearTimeout(timers.get(gone.id));
        timers.delete(gone.id);
      }
      set({ toasts: kept });
      expire(toast);
    },
    dismiss: (id) => {
      clearTimeout(timers.get(id));
      timers.delete(id);
      set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },
  };
});

export const toast = (t: Omit<Toast, 'id' | 'count'>) => useToasts.getState().push(t);
