import { describe, expect, it } from 'vitest';
import { mayHideSecret, REDACTED, scrubParsed, scrubText } from './scrub';

const TOKEN = 'tok/en+Value=9f8e7d6c';

describe('scrubbing server text of secrets', () => {
  it('replaces the token as sent, percent-encoded and JSON-escaped', () => {
    expect(scrubText(`a ${TOKEN} b`, TOKEN)).toBe(`a ${REDACTED} b`);
    expect(scrubText(`?t=${encodeURIComponent(TOKEN)}`, TOKEN)).toBe(`?t=${REDACTED}`);
    expect(scrubText(JSON.stringify({ t: TOKEN }).replace('/', '\\/'), TOKEN)).not.toContain('9f8e7d6c');
  });

  it('replaces anything shaped like a bearer credential or a JWT, and leaves short words alone', () => {
    expect(scrubText('Authorization: Bearer abcdefghijklmnopqrstuvwx', null)).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(scrubText('x eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln y', null)).toBe(`x ${REDACTED} y`);
    expect(scrubText('Alice Bearer, basic plan', null)).toBe('Alice Bearer, basic plan');
  });

  it('scrubs every string and key of parsed JSON when escapes could hide the token', () => {
    const text = JSON.stringify({ [TOKEN]: [{ v: TOKEN }] }).replaceAll('/', '\\/');
    expect(mayHideSecret(text, TOKEN)).toBe(true);
    expect(JSON.stringify(scrubParsed(JSON.parse(text), TOKEN))).not.toContain('9f8e7d6c');
    // The \" of an ETag cannot spell a token: no second pass for it.
    expect(mayHideSecret('{"version":"W/\\"3\\""}', TOKEN)).toBe(false);
    expect(mayHideSecret('{"a":"\\u0041"}', TOKEN)).toBe(true);
  });
});
