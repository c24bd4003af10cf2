import { describe, expect, it } from 'vitest';
import { isLoopbackUrl, normaliseBaseUrl } from './url';

describe('normaliseBaseUrl', () => {
  it('keeps an https URL and drops the trailing slash, query and fragment', () => {
    expect(normaliseBaseUrl('  https://team.invisionapp.com/scim/v2/?x=1#top ')).toBe(
      'https://team.invisionapp.com/scim/v2',
    );
  });

  it.each([
    'http://127.0.0.1:4600/scim/v2',
    'http://localhost:80/scim/v2',
    'http://[::1]:4600/scim/v2',
    'http://127.8.9.10/scim',
  ])('allows plain http on loopback: %s', (url) => {
    expect(() => normaliseBaseUrl(url)).not.toThrow();
    expect(isLoopbackUrl(url)).toBe(true);
  });

  it.each([
    'http://team.invisionapp.com/scim/v2',
    'http://10.0.0.5/scim/v2',
    'http://127.0.0.1.evil.example/scim',
    'http://localhost.evil.example/',
  ])('refuses plain http elsewhere: %s', (url) => {
    expect(() => normaliseBaseUrl(url)).toThrow(expect.objectContaining({ code: 'SCIM_INSECURE_URL' }));
  });

  it.each(['not a url', 'ftp://example.com/scim', 'https://user:pw@example.com/scim', 'javascript:alert(1)'])(
    'refuses %s',
    (url) => {
      expect(() => normaliseBaseUrl(url)).toThrow(expect.objectContaining({ code: 'SCIM_INSECURE_URL' }));
    },
  );
});
