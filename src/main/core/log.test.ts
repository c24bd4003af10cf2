import { describe, expect, it } from 'vitest';
import { createConsoleLogger, redact } from './log';

describe('redact', () => {
  it.each([
    ['Authorization: Bearer abc.def-123', 'abc.def-123'],
    ['{"authorization":"Bearer s3cr3t"}', 's3cr3t'],
    ['headers authorization=tok_9981', 'tok_9981'],
    ['bearer    spaced-token', 'spaced-token'],
  ])('removes the token from %s', (line, token) => {
    expect(redact(line)).not.toContain(token);
    expect(redact(line)).toContain('[redacted]');
  });

  it('leaves ordinary text alone', () => {
    expect(redact('listed 250 members in 1.2 s')).toBe('listed 250 members in 1.2 s');
  });

  it('redacts fields passed to the logger too', () => {
    const lines: string[] = [];
    createConsoleLogger((l) => lines.push(l)).error('request failed', { header: 'Bearer canary-777' });
    expect(lines.join('\n')).not.toContain('canary-777');
  });
});
