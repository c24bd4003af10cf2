import { describe, expect, it } from 'vitest';
import { formatNumber } from './numbers';

describe('formatNumber', () => {
  it('groups thousands with commas', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1,000');
    expect(formatNumber(100_000)).toBe('100,000');
    expect(formatNumber(1_234_567)).toBe('1,234,567');
    expect(formatNumber(-1234)).toBe('-1,234');
  });

  it('keeps up to three decimals, rounded, without trailing zeros, as en-US toLocaleString does', () => {
    for (const n of [19.32, 1.23456, 1234.5, 0.0004, 2.5e-7, 120.5, 1e6 + 0.25, 12_345.6789]) {
      expect(formatNumber(n)).toBe(n.toLocaleString('en-US'));
    }
    // Where Intl writes "-0", a count reads better without the sign.
    expect(formatNumber(-0.0004)).toBe('0');
  });

  it('says what it cannot group', () => {
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('Infinity');
    expect(formatNumber(1e21)).toBe('1e+21');
  });

  it('matches en-US grouping for every size of whole number', () => {
    let n = 7;
    for (let digits = 1; digits <= 16; digits += 1, n = n * 10 + (digits % 10)) {
      expect(formatNumber(n)).toBe(n.toLocaleString('en-US'));
    }
  });
});
