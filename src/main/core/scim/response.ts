import { codeForStatus, ScimError } from './errors';
import { parseRetryAfter } from './retry';
import { mayHideSecret, scrubParsed, scrubText } from './scrub';

const ACCEPTED_TYPES = ['application/scim+json', 'application/json', 'text/json'];
const MAX_DEPTH = 64;

export interface ScimResponse {
  status: number;
  /** Parsed JSON, or null for an empty body (204). */
  body: unknown;
  etag: string | null;
  location: string | null;
  numbersAsStrings: boolean;
}

/** True when no value in `value` is nested deeper than `limit` levels (it walks no further than that). */
function depthWithin(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (limit < 0) return false;
  // A plain loop per level and no list of pending values: a 100-member page has ~500 objects.
  if (Array.isArray(value)) {
    for (const child of value) if (!depthWithin(child, limit - 1)) return false;
    return true;
  }
  for (const key in value) {
    if (!depthWithin((value as Record<string, unknown>)[key], limit - 1)) return false;
  }
  return true;
}

function mediaTypeOf(response: Response): string | null {
  const raw = response.headers.get('content-type');
  return raw ? (raw.split(';')[0] ?? '').trim().toLowerCase() : null;
}

function bodyHadNumbersAsStrings(body: unknown): boolean {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  return Object.entries(body).some(
    ([k, v]) => ['totalresults', 'itemsperpage', 'startindex'].includes(k.toLowerCase()) && typeof v === 'string',
  );
}

/** Pulls status, scimType and detail from a SCIM error body, tolerating every shape. */
function errorFields(body: unknown): { scimType: string | null; detail: string | null } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { scimType: null, detail: null };
  let scimType: string | null = null;
  let detail: string | null = null;
  for (const [key, value] of Object.entries(body)) {
    const k = key.toLowerCase();
    if (k === 'scimtype' && typeof value === 'string') scimType = value.slice(0, 64);
    if (k === 'detail' && typeof value === 'string') detail = value.slice(0, 400);
  }
  return { scimType, detail };
}

/** Turns the bytes of an exchange into a SCIM response or a typed error. */
export function interpret(
  request: { method: string },
  token: string,
  { response, bytes }: { response: Response; bytes: Uint8Array },
  now: number,
): ScimResponse {
  const status = response.status;
  const mediaType = mediaTypeOf(response);
  // Scrubbed before anything reads it: nothing below (cuts, parsers, errors) sees the token.
  const text = scrubText(new TextDecoder('utf-8', { fatal: false }).decode(bytes), token);
  const header = (name: string): string | null => {
    const value = response.headers.get(name);
    return value === null ? null : scrubText(value, token);
  };
  let body: unknown = null;
  let parsed = false;
  if (text.trim().length > 0 && (mediaType === null || ACCEPTED_TYPES.includes(mediaType))) {
    try {
      body = JSON.parse(text) as unknown;
      parsed = true;
      // An escape (\u0061, \/) can spell the token in a form the text scrub did not match.
      if (mayHideSecret(text, token)) body = scrubParsed(body, token);
    } catch {
      parsed = false;
    }
  }

  if (status >= 300 && status < 400) {
    throw new ScimError('SCIM_INVALID_RESPONSE', {
      status,
      message: `The SCIM server redirected the request${header('location') ? ` to ${(header('location') ?? '').slice(0, 200)}` : ''}. Update the base URL to the address it points to.`,
    });
  }
  if (status >= 400) {
    const fields = parsed ? errorFields(body) : { scimType: null, detail: null };
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
    throw new ScimError(codeForStatus(status), {
      status,
      scimType: fields.scimType,
      detail: fields.detail,
      retryAfterMs,
    });
  }
  // 2xx from here on.
  if (text.trim().length === 0) {
    if (status === 204 || request.method === 'DELETE' || request.method === 'PATCH') {
      return {
        status,
        body: null,
        etag: header('etag'),
        location: header('location'),
        numbersAsStrings: false,
      };
    }
    throw new ScimError('SCIM_INVALID_RESPONSE', { status, detail: 'empty body where a SCIM resource was expected' });
  }
  if (mediaType === 'text/html' || /^\s*<(!doctype|html)/i.test(text)) {
    throw new ScimError('SCIM_INVALID_RESPONSE', {
      status,
      message:
        'The SCIM server answered with an HTML page instead of SCIM JSON. A proxy, firewall or sign-in page may be in the way: check the base URL and the network.',
    });
  }
  if (mediaType !== null && !ACCEPTED_TYPES.includes(mediaType)) {
    throw new ScimError('SCIM_INVALID_RESPONSE', {
      status,
      detail: `unexpected content type ${mediaType.slice(0, 80)}`,
    });
  }
  if (!parsed) {
    throw new ScimError('SCIM_INVALID_RESPONSE', {
      status,
      detail: 'the body is not valid JSON (truncated or malformed)',
    });
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ScimError('SCIM_INVALID_RESPONSE', { status, detail: 'the body is not a JSON object' });
  }
  if (!depthWithin(body, MAX_DEPTH)) {
    throw new ScimError('SCIM_INVALID_RESPONSE', {
      status,
      detail: `the body is nested deeper than ${MAX_DEPTH} levels`,
    });
  }
  return {
    status,
    body,
    etag: header('etag'),
    location: header('location'),
    numbersAsStrings: bodyHadNumbersAsStrings(body),
  };
}
