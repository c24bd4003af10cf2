import { withNames, type TargetNamer } from '../audit/target-names';
import { emptyCapabilityProfile, type CapabilityProfile, type ConnectionReport } from '../../../shared/domain/scim';
import type { TenantProfile } from '../../../shared/domain/tenant';
import type { AuditService } from '../audit/service';
import type { Logger } from '../log';
import type { SandboxService } from '../sandbox/service';
import { createScimClient, type ScimAuditHook, type ScimClient } from '../scim/client';
import { createGroupLocks, type GroupLocks } from '../scim/group-locks';
import { createLimiter, type Limiter } from '../scim/limiter';
import { createTransport } from '../scim/transport';
import { normaliseBaseUrl } from '../scim/url';
import type { Profiles } from './profiles';
import { checkToken } from './token';
import type { Tokens } from './tokens';

/**
 * One SCIM client per tenant (and one per job), composed from the tenant's profile, its token,
 * its limiter and its group locks (both shared by all of the tenant's work), and its audit hook.
 */
export function createClients(deps: {
  profiles: Profiles;
  tokens: Tokens;
  sandbox: SandboxService;
  fetch: typeof globalThis.fetch;
  platform: NodeJS.Platform;
  log: Logger;
  /** The clock the journal and the audit history stamp with: the server's clock is measured against it. */
  now: () => Date;
  limits?: { concurrency: number; requestsPerSecond: number | null } | undefined;
  audit?: Pick<AuditService, 'begin'> | undefined;
  /** Names each write's target (a member's email, a group's name) in its audit entry. */
  names?: TargetNamer | undefined;
}) {
  const { profiles } = deps;
  const limiters = new Map<string, Limiter>();
  /** One membership writer per group across all of a tenant's clients (jobs and the Members view). */
  const groupLocks = new Map<string, GroupLocks>();
  const clients = new Map<string, { client: ScimClient; readOnly: boolean; baseUrl: string }>();

  async function baseUrlOf(tenant: TenantProfile): Promise<string> {
    return tenant.kind === 'sandbox' ? (await deps.sandbox.ensure()).baseUrl : tenant.baseUrl;
  }

  function limiterFor(id: string): Limiter {
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = createLimiter({ adaptive: true, ...(deps.limits ?? { concurrency: 8, requestsPerSecond: null }) });
      limiters.set(id, limiter);
    }
    return limiter;
  }

  function buildClient(options: {
    baseUrl: string;
    getToken: () => Promise<string>;
    readOnly: boolean;
    limiter: Limiter;
    capabilities: CapabilityProfile;
    onCapabilities?: (p: CapabilityProfile) => void;
    audit?: ScimAuditHook;
    groupLocks?: GroupLocks;
  }): ScimClient {
    const transport = createTransport({
      baseUrl: options.baseUrl,
      getToken: options.getToken,
      fetch: deps.fetch,
      limiter: options.limiter,
      clockNow: () => deps.now().getTime(),
    });
    return createScimClient({
      transport,
      readOnly: options.readOnly,
      capabilities: options.capabilities,
      concurrency: options.limiter.concurrency,
      ...(options.groupLocks ? { groupLocks: options.groupLocks } : {}),
      ...(options.audit ? { audit: options.audit } : {}),
      ...(options.onCapabilities ? { onCapabilitiesChanged: options.onCapabilities } : {}),
    });
  }

  /** A read-only test of a URL and token that are not saved yet, with a limiter of its own. */
  async function testDraft(baseUrl: string, token: string): Promise<ConnectionReport> {
    const url = normaliseBaseUrl(baseUrl);
    const checked = checkToken(token, deps.platform);
    const client = buildClient({
      baseUrl: url,
      getToken: async () => checked,
      readOnly: true,
      limiter: createLimiter({ concurrency: 2, requestsPerSecond: null }),
      capabilities: emptyCapabilityProfile(),
    });
    return client.testConnection();
  }

  /**
   * The tenant's SCIM client: one limiter per tenant shared by all its work; writes refused when
   * read-only. With a job id, a client of its own (same limiter) whose audit entries carry the job.
   */
  async function clientFor(id: string, options: { jobId?: string } = {}): Promise<ScimClient> {
    const tenant = await profiles.profile(id);
    const readOnly = profiles.effectiveReadOnly(tenant);
    const baseUrl = await baseUrlOf(tenant);
    const cached = clients.get(id);
    if (!options.jobId && cached && cached.readOnly === readOnly && cached.baseUrl === baseUrl) return cached.client;
    const client = buildClient({
      baseUrl,
      getToken: deps.tokens.tokenOnce(id),
      readOnly,
      limiter: limiterFor(id),
      groupLocks: groupLocks.get(id) ?? groupLocks.set(id, createGroupLocks()).get(id)!,
      capabilities: tenant.capabilities,
      ...(deps.audit
        ? {
            audit: {
              begin: (action: string, context: { target: string | null; request: unknown }) =>
                deps.audit!.begin(action, {
                  tenantId: id,
                  tenantName: tenant.name,
                  tenantUrl: baseUrl,
                  target: context.target,
                  request: withNames(
                    context.request,
                    deps.names?.(id, action, context.target, context.request) ?? null,
                  ),
                  ...(options.jobId ? { jobId: options.jobId } : {}),
                }),
            },
          }
        : {}),
      onCapabilities: (capabilities) => {
        void profiles
          .profile(id)
          .then((current) => profiles.replaceProfile({ ...current, capabilities }))
          .catch((error: unknown) => deps.log.warn('could not save capabilities', { id, error: String(error) }));
      },
    });
    if (!options.jobId) clients.set(id, { client, readOnly, baseUrl });
    return client;
  }

  return {
    baseUrlOf,
    testDraft,
    clientFor,
    /** Drops the tenant's cached client (its profile changed); with `all`, its limiter and locks too (removed). */
    forget: (id: string, all = false): void => {
      clients.delete(id);
      if (!all) return;
      limiters.delete(id);
      groupLocks.delete(id);
    },
  };
}
