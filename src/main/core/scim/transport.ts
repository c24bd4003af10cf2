import type { ErrorCode } from '../../../shared/ipc/result';
import { ScimError } from './errors';
import { LimiterHeld, LimiterQueueTimeout, type Limiter } from './limiter';
import { backoffDelay, parseRetryAfter, sleep, type BackoffPolicy } from './retry';
import { readCapped, stalls } from './body';
import { interpret, type ScimResponse } from './response';
import { scrubText } from './scrub';
import { createServerClock, type ClockOffset } from './server-clock';

export const SCIM_MEDIA_TYPE = 'application/scim+json';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TransportOptions {
  baseUrl: string;
  getToken: () => Promise<string>;
  fetch: typeof globalThis.fetch;
  limiter: Limiter;
  timeoutMs?: number;
  /** A body that sends nothing for this long has stalled (default: 10 s, or timeoutMs if shorter). */
  idleTimeoutMs?: number;
  /** Longest wait for a turn in the tenant's queue (default: maxRetryAfterMs + timeoutMs). */
  queueTimeoutMs?: number;
  maxResponseBytes?: number;
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /** Longest Retry-After the client will wait out by itself before reporting the rate limit. */
  maxRetryAfterMs?: number;
  now?: () => number;
  /** The clock the server's (Date headers) is measured against: the one the journal stamps with (default: now). */
  clockNow?: () => number;
  random?: () => number;
  /** Called once per HTTP attempt (for tests, benchmarks and the audit trail's durations). */
  onAttempt?: (info: { method: HttpMethod; path: string; status: number | null; ms: number }) => void;
}

export interface ScimRequest {
  method: HttpMethod;
  /** Path below the base URL, starting with '/', e.g. `/Users/abc`. */
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
  ifMatch?: string;
  signal?: AbortSignal;
  /** POST is never retried here: the caller reconciles first (look the user up by userName). */
  retry?: boolean;
}

export interface Transport {
  request(request: ScimRequest): Promise<ScimResponse>;
  readonly baseUrl: string;
  /** How far the server's clock is from ours, from its answers' Date headers (null before any). */
  clockOffset(): ClockOffset | null;
}

/** True when the error is worth another attempt for an idempotent request. */
function retryable(code: ErrorCode): boolean {
  return (
    code === 'SCIM_SERVER_ERROR' || code === 'SCIM_NETWORK' || code === 'SCIM_TIMEOUT' || code === 'SCIM_RATE_LIMITED'
  );
}

/**
 * Percent-encodes query parameters: a space travels as %20 and a literal '+' (common in emails)
 * as %2B, so no server can read it back as a space.
 */
export function encodeQuery(query: Record<string, string | number>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.set(key, String(value));
  // URLSearchParams writes spaces as '+' and a literal '+' as %2B: every remaining '+' is a space.
  return params.toString().replace(/\+/g, '%20');
}

export function createTransport(options: TransportOptions): Transport {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
  const maxAttempts = options.maxAttempts ?? 5;
  const backoff = options.backoff ?? { baseMs: 300, capMs: 15_000 };
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const idleMs = options.idleTimeoutMs ?? Math.min(10_000, timeoutMs);
  const queueTimeoutMs = options.queueTimeoutMs ?? maxRetryAfterMs + timeoutMs;
  const now = options.now ?? (() => Date.now());
  const clockNow = options.clockNow ?? now;
  const random = options.random ?? Math.random;
  const base = options.baseUrl.replace(/\/+$/, '');
  const clock = createServerClock();

  function urlFor(request: ScimRequest): string {
    const query = encodeQuery(request.query ?? {});
    return `${base}${request.path}${query ? `?${query}` : ''}`;
  }

  interface Exchanged {
    response: Response;
    bytes: Uint8Array;
  }

  /**
   * The part of a request that holds a limiter slot: send it and read the bytes. Parsing happens
   * after the slot is released, so "concurrency" counts requests on the wire, not CPU work.
   */
  async function exchange(request: ScimRequest, token: string): Promise<Exchanged> {
    // One controller and one cleared timer per attempt: cheaper than AbortSignal.timeout + any.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    }, timeoutMs);
    const cancel = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await exchangeWith(request, token, controller.signal, () => timedOut);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', cancel);
    }
  }

  async function exchangeWith(
    request: ScimRequest,
    token: string,
    signal: AbortSignal,
    timedOut: () => boolean,
  ): Promise<Exchanged> {
    const headers: Record<string, string> = {
      Accept: `${SCIM_MEDIA_TYPE}, application/json`,
      Authorization: `Bearer ${token}`,
    };
    if (request.body !== undefined) headers['Content-Type'] = SCIM_MEDIA_TYPE;
    if (request.ifMatch) headers['If-Match'] = request.ifMatch;

    let response: Response;
    const started = now();
    const sentAt = clockNow();
    try {
      response = await options.fetch(urlFor(request), {
        method: request.method,
        headers,
        body: request.body === undefined ? null : JSON.stringify(request.body),
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      options.onAttempt?.({ method: request.method, path: request.path, status: null, ms: now() - started });
      if (request.signal?.aborted) throw new ScimError('CANCELLED');
      options.limiter.feedback('overloaded', started);
      if (timedOut()) throw new ScimError('SCIM_TIMEOUT', { detail: `no answer within ${timeoutMs} ms` });
      const message =
        error instanceof Error
          ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}`
          : '';
      const tls = /certificate|CERT_|SSL|TLS|self.signed/i.test(message);
      throw new ScimError('SCIM_NETWORK', {
        detail: scrubText(message, token).slice(0, 300) || 'connection failed',
        ...(tls
          ? {
              message:
                'The TLS certificate of the SCIM server was not accepted. Check the base URL; a corporate proxy may need its certificate installed in the OS store.',
            }
          : {}),
      });
    }

    const status = response.status;
    clock.note(response.headers.get('date'), sentAt, clockNow());
    options.limiter.feedback(status === 429 ? 'rate-limited' : status >= 500 ? 'overloaded' : 'ok', started);
    let bytes: Uint8Array;
    try {
      bytes = await readCapped(response, maxBytes, idleMs);
    } catch (error) {
      options.onAttempt?.({ method: request.method, path: request.path, status, ms: now() - started });
      if (error instanceof ScimError) throw error;
      if (request.signal?.aborted) throw new ScimError('CANCELLED');
      if (timedOut()) throw new ScimError('SCIM_TIMEOUT', { status, detail: 'the body did not arrive in time' });
      throw new ScimError('SCIM_NETWORK', { status, detail: 'the connection dropped while reading the answer' });
    }
    options.onAttempt?.({ method: request.method, path: request.path, status, ms: now() - started });
    if (status === 429 || status === 503) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
      // Set the hold while this request still holds its limiter slot, so nothing queued behind
      // it can start before Retry-After; every request of this tenant waits too.
      if (retryAfterMs !== null) options.limiter.holdUntil(now() + retryAfterMs);
    }
    return { response, bytes };
  }

  /** The server asked for a longer wait than the console honours: fail now, saying until when. */
  function heldError(untilMs: number, status: number | null = 429): ScimError {
    const waitMs = Math.max(0, untilMs - now());
    return new ScimError('SCIM_RATE_LIMITED', {
      status,
      retryAfterMs: waitMs,
      message: `The SCIM server asked for a pause of ${describeWait(waitMs)} (until ${new Date(untilMs).toISOString().replace('T', ' ').slice(0, 16)} UTC). The console sends nothing to this tenant until then: try again after that time.`,
    });
  }

  return {
    baseUrl: base,
    clockOffset: () => clock.offset(),
    async request(request) {
      const idempotent = request.method !== 'POST';
      const mayRetry = request.retry ?? idempotent;
      const token = await options.getToken();
      const turn = {
        maxHoldMs: maxRetryAfterMs,
        queueTimeoutMs,
        ...(request.signal ? { signal: request.signal } : {}),
      };
      let stalled = 0;
      for (let attemptNo = 0; ; attemptNo += 1) {
        try {
          return interpret(request, token, await options.limiter.run(() => exchange(request, token), turn), now());
        } catch (caught) {
          const error = caught instanceof LimiterHeld ? heldError(caught.untilMs) : caught;
          if (error instanceof LimiterQueueTimeout) {
            throw new ScimError('SCIM_TIMEOUT', {
              detail: `waited ${Math.round(error.waitedMs / 1000)} s for a turn in this tenant's queue`,
            });
          }
          if (!(error instanceof ScimError)) {
            if (request.signal?.aborted) throw new ScimError('CANCELLED');
            throw error;
          }
          // A body that stops arriving is tried once more, not maxAttempts times.
          if (stalls.has(error) && ++stalled >= 2) throw error;
          const isRateLimit = error.status === 429 || error.status === 503;
          const last = attemptNo + 1 >= maxAttempts;
          // A 429 is safe to resend even for POST: the server refused it before doing anything.
          const canRetry = error.status === 429 || (mayRetry && retryable(error.code));
          if (!canRetry || last) throw error;
          if (isRateLimit && error.retryAfterMs !== null) {
            if (error.retryAfterMs > maxRetryAfterMs) throw heldError(now() + error.retryAfterMs, error.status);
            await sleep(error.retryAfterMs, request.signal).catch(() => {
              throw new ScimError('CANCELLED');
            });
          } else {
            await sleep(backoffDelay(attemptNo, backoff, random), request.signal).catch(() => {
              throw new ScimError('CANCELLED');
            });
          }
        }
      }
    },
  };
}

/** "3 min", "2 h", "5 days": a wait as a person reads it. */
export function describeWait(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 2 * 3600) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}
