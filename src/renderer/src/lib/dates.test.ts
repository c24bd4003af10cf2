import { describe, expect, it } from 'vitest';
import { exactDateTime, shortDate, shortDateTime } from './dates';

describe('date formatting', () => {
  it('shows an em dash for no date and the text itself when it is not a date', () => {
    expect(shortDate(null)).toBe('—');
    expect(shortDateTime('')).toBe('—');
    expect(shortDate('last Tuesday')).toBe('last Tuesday');
  });

  it('formats a date with its year, and a date-time with its minutes', () => {
    const iso = '2026-12-02T09:41:00Z';
    expect(shortDate(iso)).toContain('2026');
    expect(shortDateTime(iso)).toMatch(/2026.*\d{1,2}:\d{2}/);
    // The formatter is made once and reused: a second call gives the same text.
    expect(shortDateTime(iso)).toBe(shortDateTime(iso));
    expect(exactDateTime(iso)).toMatch(/\d{1,2}:\d{2}:00/);
  });
});
