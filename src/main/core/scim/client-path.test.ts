import { describe, expect, it } from 'vitest';
import { pathSegment } from './client';

describe('pathSegment', () => {
  it('puts an id in one path segment', () => {
    expect(pathSegment('a/b c?d')).toBe('a%2Fb%20c%3Fd');
  });

  it('names an id no URL can carry (a lone surrogate from a hostile server) as a typed SCIM error', () => {
    expect(() => pathSegment('\ud800')).toThrow(expect.objectContaining({ code: 'SCIM_INVALID_RESPONSE' }));
  });
});
