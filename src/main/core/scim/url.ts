import { AppError } from '../errors';

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  const parts = host.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/**
 * Normalises a SCIM base URL typed by a person: trims, drops a trailing slash, query and fragment.
 * https is required except for loopback addresses (the Sandbox, local test servers).
 */
export function normaliseBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new AppError(
      'SCIM_INSECURE_URL',
      'That is not a valid URL. Paste the SCIM base URL shown in InVision, for example https://yourteam.invisionapp.com/scim/v2.',
    );
  }
  if (url.username || url.password) {
    throw new AppError(
      'SCIM_INSECURE_URL',
      'The base URL must not contain a user name or password; the token is entered separately.',
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new AppError('SCIM_INSECURE_URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError(
      'SCIM_INSECURE_URL',
      `The base URL must start with https:// (it starts with ${url.protocol}//).`,
    );
  }
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

export function isLoopbackUrl(input: string): boolean {
  try {
    return isLoopbackHost(new URL(input).hostname);
  } catch {
    return false;
  }
}
