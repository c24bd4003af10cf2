import { z } from 'zod';

/** Everything that can be switched at runtime, by tests, benchmarks and the developer menu. */
export const sandboxFaultsSchema = z.object({
  latencyMs: z.number().int().min(0).max(60_000),
  jitterMs: z.number().int().min(0).max(60_000),
  /** Requests per second before answering 429 with Retry-After; null for no limit. */
  rateLimit: z.number().positive().max(100_000).nullable(),
  retryAfterFormat: z.enum(['seconds', 'http-date']),
  /** Share of requests answered with a random 500 or 503. */
  errorRate: z.number().min(0).max(1),
  /** Share of requests whose connection is dropped without an answer. */
  dropRate: z.number().min(0).max(1),
  /** InVision with SAML SSO inactive: writes answer 2xx and change nothing. */
  ssoInactive: z.boolean(),
  /** Most resources per page, whatever `count` asks for; null for no cap. */
  pageCap: z.number().int().positive().max(100_000).nullable(),
  ignoreCount: z.boolean(),
  numbersAsStrings: z.boolean(),
  patch204: z.boolean(),
  /** Share of requests answered 200 with an HTML page, as a captive proxy would. */
  htmlRate: z.number().min(0).max(1),
  /** Members the listing serves after the real ones with ids no request may carry (`..`, control characters). */
  brokenMembers: z.number().int().min(0).max(1_000),
  /** `userName eq` filters compare case-exactly (uniqueness on create stays case-insensitive). */
  caseExactFilter: z.boolean(),
  /**
   * Group PATCHes applied as read-modify-write: the group is read, the server waits this long,
   * then writes the patched copy, so concurrent PATCHes of one group lose each other's work. 0 is off.
   */
  readModifyWriteMs: z.number().int().min(0).max(10_000),
  /** Most member values one group PATCH may carry before the server answers 413; null for no cap. */
  groupPatchMax: z.number().int().positive().max(100_000).nullable(),
  /** Users are served without their `groups` attribute (RFC 7643 lets a server leave it out). */
  omitUserGroups: z.boolean(),
  /** Added to the user listing's totalResults: a server whose count includes members it does not serve. */
  overstateTotal: z.number().int().min(0).max(1_000_000),
});
export type SandboxFaults = z.infer<typeof sandboxFaultsSchema>;

export const NO_FAULTS: SandboxFaults = {
  latencyMs: 0,
  jitterMs: 0,
  rateLimit: null,
  retryAfterFormat: 'seconds',
  errorRate: 0,
  dropRate: 0,
  ssoInactive: false,
  pageCap: null,
  ignoreCount: false,
  numbersAsStrings: false,
  patch204: false,
  htmlRate: 0,
  brokenMembers: 0,
  caseExactFilter: false,
  readModifyWriteMs: 0,
  groupPatchMax: null,
  omitUserGroups: false,
  overstateTotal: 0,
};

/**
 * A token bucket holding one second of requests: a burst up to the limit, then one request per
 * 1/limit seconds. Answers how long to wait when empty.
 */
export function createRateGate(now: () => number) {
  let tokens = 0;
  let last = now();
  let limit: number | null = null;
  return {
    setLimit(value: number | null) {
      limit = value;
      tokens = value ?? 0;
      last = now();
    },
    /** 0 when the request may go through, otherwise milliseconds until a token is free. */
    take(): number {
      if (limit === null) return 0;
      const t = now();
      tokens = Math.min(limit, tokens + ((t - last) / 1000) * limit);
      last = t;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.ceil(((1 - tokens) / limit) * 1000);
    },
  };
}
