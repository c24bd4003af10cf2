import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS, createdByAttempt } from './operations';

describe('createdByAttempt (a member found after a crash)', () => {
  const attempt = '2026-12-02T10:00:00.000Z';

  it('is ours when the server dates it after our attempt, or within the clock skew before it', () => {
    expect(createdByAttempt('2026-12-02T10:00:01.000Z', attempt)).toBe(true);
    expect(createdByAttempt(new Date(Date.parse(attempt) - CLOCK_SKEW_MS + 1000).toISOString(), attempt)).toBe(true);
  });

  it('is someone else’s when the server dates it clearly before our attempt', () => {
    expect(createdByAttempt('2026-12-01T09:00:00.000Z', attempt)).toBe(false);
  });

  it('is ours when nothing says otherwise (no date, or one that does not parse)', () => {
    expect(createdByAttempt(null, attempt)).toBe(true);
    expect(createdByAttempt('yesterday', attempt)).toBe(true);
    expect(createdByAttempt('2026-12-01T09:00:00.000Z', null)).toBe(true);
  });
});
