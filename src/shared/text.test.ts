import { describe, expect, it } from 'vitest';
import { isCleanId, isWellFormedText } from './text';

describe('text checks', () => {
  it('refuses lone surrogates and accepts paired ones', () => {
    expect(isWellFormedText('ok 🙂 名前')).toBe(true);
    expect(isWellFormedText('\ud800')).toBe(false);
    expect(isWellFormedText('a\udc00b')).toBe(false);
    expect(isWellFormedText('\ud83d\ude42')).toBe(true);
  });

  it('refuses control characters in ids only', () => {
    expect(isCleanId('2819c223-7f76-453a-919d-413861904646')).toBe(true);
    expect(isCleanId('a\u0000b')).toBe(false);
    expect(isCleanId('line\nbreak')).toBe(false);
    expect(isWellFormedText('line\nbreak')).toBe(true);
  });
});
