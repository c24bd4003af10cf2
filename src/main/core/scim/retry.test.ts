import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from './retry';

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 23, 12, 0, 0);

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter(new Date(now + 12_000).toUTCString(), now)).toBe(12_000);
    expect(parseRetryAfter(new Date(now - 5_000).toUTCString(), now)).toBe(0);
  });

  it('gives null for absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-3', now)).toBeNull();
  });
});

describe('backoffDelay', () => {
  it('stays within [0, min(cap, base * 2^attempt)) with full jitter', () => {
    const policy = { baseMs: 100, capMs: 1000 };
    expect(backoffDelay(0, policy, () => 0)).toBe(0);
    expect(backoffDelay(0, policy, () => 0.999)).toBeLessThan(100);
    expect(backoffDelay(3, policy, () => 0.999)).toBeLessThan(800);
    expect(backoffDelay(10, policy, () => 0.999)).toBeLessThan(1000);
    expect(backoffDelay(10, policy, () => 0.5)).toBe(500);
  });
});
