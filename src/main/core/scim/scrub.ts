/**
 * Secrets out of server text, in one place: the transport runs every byte a SCIM server sends
 * (body, error fields, headers kept, network error text) through here before anything cuts, parses,
 * logs, audits or forwards it. A hostile or broken server may echo the bearer token anywhere.
 */

export const REDACTED = '[redacted]';

/** `Bearer <b64token>` (RFC 6750 §2.1) with a credential-length value, in text or a URL. */
const BEARER = /\b(bearer|basic)((?:\s|%20|\+)+)[A-Za-z0-9\-._~+/]{16,}=*/gi;
/** A JSON Web Token: three base64url parts, the first two JSON objects (`eyJ`). */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
/** Quick test before the regular expressions run over a large body. */
const HINT = /bearer|basic|eyJ/i;

let cached: { secret: string; variants: string[] } | null = null;

/** The forms a token can take in text: as sent, percent-encoded, JSON-escaped (computed once per token). */
function variantsOf(secret: string): string[] {
  if (cached?.secret === secret) return cached.variants;
  cached = { secret, variants: computeVariants(secret) };
  return cached.variants;
}

function computeVariants(secret: string): string[] {
  const out = new Set([secret]);
  try {
    out.add(encodeURIComponent(secret));
  } catch {
    /* a token that cannot be encoded has no encoded form to look for */
  }
  const escaped = JSON.stringify(secret).slice(1, -1);
  out.add(escaped);
  out.add(escaped.replaceAll('/', '\\/'));
  return [...out].filter((v) => v.length >= 4);
}

/** Replaces the secret (in any of its forms) and anything shaped like a bearer credential. */
export function scrubText(text: string, secret: string | null): string {
  let out = text;
  if (secret && secret.length >= 4) {
    for (const variant of variantsOf(secret)) if (out.includes(variant)) out = out.split(variant).join(REDACTED);
  }
  if (HINT.test(out)) {
    out = out.replace(BEARER, (_m, scheme: string, gap: string) => `${scheme}${gap}${REDACTED}`).replace(JWT, REDACTED);
  }
  return out;
}

/**
 * True when JSON text holds escapes that could spell the secret in a form the text scrub cannot
 * see (`\u0061…`, or `\/` for a token with a slash); the common `\"` of an ETag is not one.
 */
export function mayHideSecret(text: string, secret: string | null): boolean {
  if (text.includes('\\u')) return true;
  return secret !== null && secret.includes('/') && text.includes('\\/');
}

/**
 * Scrubs every string (keys and values) of freshly parsed JSON in place and returns it. Used after
 * JSON.parse when the raw text held escapes that could have spelt the token in a form the text
 * scrub did not see (`\u0061…`).
 */
export function scrubParsed(value: unknown, secret: string | null, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value, secret);
  if (depth > 256 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = scrubParsed(value[i], secret, depth + 1);
    return value;
  }
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const clean = scrubText(key, secret);
    const v = scrubParsed(obj[key], secret, depth + 1);
    if (clean !== key) {
      delete obj[key];
      obj[clean] = v;
    } else obj[key] = v;
  }
  return obj;
}
