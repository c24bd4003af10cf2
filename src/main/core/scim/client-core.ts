import type { CapabilityProfile } from '../../../shared/domain/scim';
import { ScimError } from './errors';
import type { GroupLocks } from './group-locks';
import type { Quirks } from './pagination';
import { patchBody, type PatchOperation } from './patch';
import { unusableIdReason } from './resources';
import { sleep } from './retry';
import type { Transport } from './transport';

/** Records each write: the intent before the request, the outcome after (see audit/service.ts). */
export interface ScimAuditHook {
  begin(
    action: string,
    context: { target: string | null; request: unknown },
  ): Promise<{
    finish(result: {
      outcome: 'success' | 'failure';
      httpStatus?: number | null;
      errorCode?: string | null;
      durationMs?: number | null;
      detail?: unknown;
    }): void;
  }>;
}

export interface ScimClientOptions {
  /** When set, no write starts unless its intent was recorded first. */
  audit?: ScimAuditHook;
  transport: Transport;
  readOnly: boolean;
  capabilities?: CapabilityProfile;
  onCapabilitiesChanged?: (profile: CapabilityProfile) => void;
  pageSize?: number;
  concurrency?: number;
  maxPages?: number;
  /** Most resources one listing keeps (default 1,000,000). */
  maxItems?: number;
  /** Read-back attempts after a write before it is called a silent no-op (eventual consistency). */
  verifyAttempts?: number;
  verifyDelayMs?: number;
  /** One membership write at a time per group: shared by all of a tenant's clients. */
  groupLocks?: GroupLocks;
}

/**
 * An id as one URL path segment. An id no request may carry (`.` or `..`, which URL parsers
 * resolve as path steps even percent-encoded; broken text) is a typed error, never sent.
 */
export function pathSegment(id: string): string {
  const reason = unusableIdReason(id);
  if (reason) {
    throw new ScimError('SCIM_INVALID_RESPONSE', {
      message: `No request was sent: ${reason}. Refresh the list; if it persists, the server sent a broken id.`,
    });
  }
  return encodeURIComponent(id);
}

export const userPath = (id: string) => `/Users/${pathSegment(id)}`;
export const groupPath = (id: string) => `/Groups/${pathSegment(id)}`;

export function silentNoOp(what: string, extra = ''): ScimError {
  return new ScimError('SCIM_SILENT_NO_OP', {
    detail: `${what} answered 2xx, but reading it back shows no change${extra}`,
  });
}

/** What the users and groups halves of the client share: the transport, the profile, read-backs. */
export interface ClientCore {
  transport: Transport;
  profile: () => CapabilityProfile;
  noteQuirks: (found: Partial<Quirks>) => void;
  /** Reads back until the check passes, a few times, then calls the write a silent no-op. */
  verify: <T>(read: () => Promise<T>, check: (value: T) => boolean, onFail: () => ScimError) => Promise<T>;
  patch: (path: string, operations: PatchOperation[], signal?: AbortSignal) => Promise<void>;
  pageSize: () => number;
}

export function createClientCore(
  options: ScimClientOptions,
  capabilities: { profile: () => CapabilityProfile; noteQuirks: (found: Partial<Quirks>) => void },
): ClientCore {
  const { transport } = options;
  const { profile, noteQuirks } = capabilities;
  const verifyAttempts = options.verifyAttempts ?? 3;
  const verifyDelayMs = options.verifyDelayMs ?? 250;

  function pageSize(): number {
    const requested = options.pageSize ?? 100;
    const max = profile().advertised?.filterMaxResults;
    return max && max > 0 ? Math.min(requested, max) : requested;
  }

  /** Reads back until the check passes, a few times, then calls the write a silent no-op. */
  async function verify<T>(read: () => Promise<T>, check: (value: T) => boolean, onFail: () => ScimError): Promise<T> {
    let last: T | undefined;
    for (let attempt = 0; attempt < verifyAttempts; attempt += 1) {
      if (attempt > 0) await sleep(verifyDelayMs);
      last = await read();
      if (check(last)) return last;
    }
    throw onFail();
  }

  async function patch(path: string, operations: PatchOperation[], signal?: AbortSignal): Promise<void> {
    const response = await transport.request({
      method: 'PATCH',
      path,
      body: patchBody(operations),
      ...(signal ? { signal } : {}),
    });
    if (response.status === 204) noteQuirks({ patch204: true });
  }

  return { transport, profile, noteQuirks, verify, patch, pageSize };
}
