import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScimFilter } from '../sandbox/filter-parse';
import { eqFilter, sameUserName } from './filter';
import { encodeQuery } from './transport';

const tricky = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    'a+b@example.com',
    'quote"in@x.y',
    'back\\slash@x.y',
    'ünïcødé@例え.jp',
    'emoji😀@x.y',
    'and or not eq',
    ')(][',
    '%2B%20',
    '',
  ),
);

describe('eqFilter', () => {
  it('survives building, URL encoding, URL decoding and the server parsing it back', () => {
    fc.assert(
      fc.property(tricky, (value) => {
        const filter = eqFilter('userName', value);
        const onTheWire = encodeQuery({ filter, startIndex: 1, count: 2 });
        const received = new URL(`http://x.invalid/Users?${onTheWire}`).searchParams.get('filter');
        expect(received).toBe(filter);
        expect(parseScimFilter(received ?? '')).toMatchObject({ op: 'eq', attrPath: 'userName', compValue: value });
      }),
      { numRuns: 2000 },
    );
  });

  it('parses literals that end in an escaped backslash, and keeps the structure around them', () => {
    expect(parseScimFilter(eqFilter('userName', '\\'))).toMatchObject({ compValue: '\\' });
    expect(parseScimFilter('userName eq "a\\\\" and displayName eq "b\\"c"')).toMatchObject({
      op: 'and',
      filters: [{ compValue: 'a\\' }, { compValue: 'b"c' }],
    });
    expect(() => parseScimFilter('userName eq "open')).toThrow(/unterminated/);
    expect(() => parseScimFilter('userName eq "bad \\q"')).toThrow(/invalid escape/);
  });

  it('sends a literal + as %2B and a space as %20', () => {
    expect(encodeQuery({ filter: eqFilter('userName', 'a+b c@x.y') })).toBe(
      'filter=userName%20eq%20%22a%2Bb%20c%40x.y%22',
    );
  });
});

describe('sameUserName', () => {
  it('compares case-insensitively and by unicode normal form', () => {
    expect(sameUserName('Ana@Example.COM', 'ana@example.com')).toBe(true);
    expect(sameUserName('ze\u0301@x.y', 'z\u00e9@x.y')).toBe(true);
    expect(sameUserName('ana@example.com', 'ana2@example.com')).toBe(false);
  });
});
