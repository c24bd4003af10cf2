import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, GENESIS } from './canonical';

function shuffleKeys(value: unknown, random: () => number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  const entries = Object.entries(value).sort(() => random() - 0.5);
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random)]));
}

describe('canonical serialisation', () => {
  it('round-trips any entry through JSON with the same text and hash', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(chainHash(GENESIS, { v: JSON.parse(text) })).toBe(chainHash(GENESIS, { v: value }));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same hash whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.integer(), (entry, seed) => {
        let s = seed;
        const random = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
        expect(chainHash(GENESIS, shuffleKeys(entry, random) as Record<string, unknown>)).toBe(
          chainHash(GENESIS, entry),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps unicode exactly: the same text hashes the same, different text differently', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(chainHash(GENESIS, { target: a })).toBe(
          chainHash(GENESIS, JSON.parse(JSON.stringify({ target: a })) as Record<string, unknown>),
        );
        if (a !== b) expect(chainHash(GENESIS, { target: a })).not.toBe(chainHash(GENESIS, { target: b }));
      }),
      { numRuns: 1000 },
    );
  });

  it('changes the hash when anything changes, including the previous hash', () => {
    const entry = { seq: 1, action: 'member.deactivate', target: 'ana@x.example' };
    const base = chainHash(GENESIS, entry);
    expect(chainHash(GENESIS, { ...entry, target: 'ana@x.exampl' })).not.toBe(base);
    expect(chainHash('1'.repeat(64), entry)).not.toBe(base);
  });
});
