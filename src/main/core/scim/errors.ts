import { ERROR_HINTS, type ErrorCode } from '../../../shared/ipc/result';
import { AppError } from '../errors';

export interface ScimErrorInit {
  status?: number | null;
  scimType?: string | null;
  detail?: string | null;
  retryAfterMs?: number | null;
  message?: string;
}

/** A typed SCIM failure: the code drives the UI, the message says what to do next. */
export class ScimError extends AppError {
  readonly status: number | null;
  readonly scimType: string | null;
  readonly serverDetail: string | null;
  readonly retryAfterMs: number | null;

  constructor(code: ErrorCode, init: ScimErrorInit = {}) {
    const parts = [
      init.status ? `HTTP ${init.status}` : null,
      init.scimType ? `scimType ${init.scimType}` : null,
      init.detail ? init.detail : null,
    ].filter((p): p is string => p !== null);
    super(code, init.message ?? ERROR_HINTS[code], parts.length ? parts.join(' · ').slice(0, 600) : undefined);
    this.name = 'ScimError';
    this.status = init.status ?? null;
    this.scimType = init.scimType ?? null;
    this.serverDetail = init.detail ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

/** Maps an HTTP status (and SCIM error body) to the closed set of codes. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'SCIM_UNAUTHORIZED';
  if (status === 403) return 'SCIM_FORBIDDEN';
  if (status === 404) return 'SCIM_NOT_FOUND';
  if (status === 409) return 'SCIM_CONFLICT';
  if (status === 412) return 'SCIM_PRECONDITION_FAILED';
  if (status === 429) return 'SCIM_RATE_LIMITED';
  if (status >= 500) return 'SCIM_SERVER_ERROR';
  if (status >= 400) return 'SCIM_BAD_REQUEST';
  return 'SCIM_INVALID_RESPONSE';
}

/** Replaces every occurrence of a secret in text a server sent back (a hostile server may echo it). */
export function scrubText(text: string, secret: string | null): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join('[redacted]');
}

/** Deep copy of a JSON value with every string scrubbed of the secret. */
export function scrubJson(value: unknown, secret: string | null, depth = 0): unknown {
  if (!secret) return value;
  if (typeof value === 'string') return scrubText(value, secret);
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, secret, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[scrubText(key, secret)] = scrubJson(v, secret, depth + 1);
  return out;
}
