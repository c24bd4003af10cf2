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
