import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TOASTS, toast, useToasts } from './toasts';

beforeEach(() => {
  vi.useFakeTimers();
  useToasts.setState({ toasts: [] });
});
afterEach(() => vi.useRealTimers());

describe('toasts', () => {
  it('counts a repeated message on the toast shown instead of stacking it, and caps the stack', () => {
    for (let i = 0; i < 4; i += 1) toast({ tone: 'error', message: 'Deactivating: the server is down', code: 'X' });
    expect(useToasts.getState().toasts).toHaveLength(1);
    expect(useToasts.getState().toasts[0]!.count).toBe(4);
    for (let i = 0; i < 5; i += 1) toast({ tone: 'error', message: `failure ${i}` });
    const shown = useToasts.getState().toasts.map((t) => t.message);
    expect(shown).toHaveLength(MAX_TOASTS);
    expect(shown).toEqual(['failure 2', 'failure 3', 'failure 4']);
  });

  it('lets news go after a while, and keeps errors and warnings until dismissed', () => {
    toast({ tone: 'success', message: 'Saved' });
    toast({ tone: 'warning', message: 'InVision answered OK but nothing changed' });
    toast({ tone: 'error', message: 'Failed' });
    vi.advanceTimersByTime(60_000);
    expect(useToasts.getState().toasts.map((t) => t.tone)).toEqual(['warning', 'error']);
    useToasts.getState().dismiss(useToasts.getState().toasts[0]!.id);
    expect(useToasts.getState().toasts.map((t) => t.tone)).toEqual(['error']);
  });
});
