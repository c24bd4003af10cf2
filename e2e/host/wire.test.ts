import { describe, expect, it } from 'vitest';
import { decodeInput, encodeInput } from './wire';

/** Encodes in the page's way and decodes in the host's, as one call crossing the CDP binding. */
function roundTrip(input: unknown): unknown {
  const text = encodeInput(input);
  if (text === null) return 'refused';
  const { input: json, holes } = JSON.parse(text) as { input: unknown; holes: unknown };
  const decoded = decodeInput(json, holes);
  return decoded === null ? 'malformed' : decoded.input;
}

describe("the Chromium host's wire format", () => {
  it('keeps what structured clone keeps and JSON does not', () => {
    const date = new Date(1_700_000_000_000);
    const back = roundTrip({ a: undefined, b: [NaN, Infinity, -Infinity, -0, 1], c: { d: 10n, e: date } }) as {
      a: unknown;
      b: number[];
      c: { d: bigint; e: Date };
    };
    expect(Object.keys(back)).toEqual(['a', 'b', 'c']);
    expect(back.a).toBeUndefined();
    expect(back.b[0]).toBeNaN();
    expect(back.b.slice(1, 3)).toEqual([Infinity, -Infinity]);
    expect(Object.is(back.b[3], -0)).toBe(true);
    expect(back.c.d).toBe(10n);
    expect(back.c.e).toEqual(date);
    expect(roundTrip(undefined)).toBeUndefined();
    expect(roundTrip([, 1])).toEqual([undefined, 1]); // eslint-disable-line no-sparse-arrays
  });

  it('keeps a key named __proto__ a key, and leaves prototypes alone', () => {
    const input = JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    input.x = NaN;
    const back = roundTrip(input) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(back, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses what is not plain data, so the call takes the other binding', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(roundTrip(cycle)).toBe('refused');
    expect(roundTrip(new Map([[1, 2]]))).toBe('refused');
    expect(roundTrip({ f: () => 1 })).toBe('refused');
    expect(roundTrip({ s: Symbol('x') })).toBe('refused');
    // The same object twice is not a cycle.
    const shared = { n: 1 };
    expect(roundTrip([shared, shared])).toEqual([{ n: 1 }, { n: 1 }]);
  });

  it('rejects holes that do not fit the input, rather than guessing', () => {
    expect(decodeInput({ a: 1 }, [[['a', 'b'], 'NaN']])).toBeNull();
    expect(decodeInput({ a: 1 }, [[['toString', 'x'], 'NaN']])).toBeNull();
    expect(decodeInput([1], [[[5], 'NaN']])).toBeNull();
    expect(decodeInput({}, [[['a'], 'bigint', '1e3']])).toBeNull();
    expect(decodeInput({}, [[['a'], 'function']])).toBeNull();
    expect(decodeInput({}, 'holes')).toBeNull();
  });
});
