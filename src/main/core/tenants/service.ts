import { randomUUID } from 'node:crypto';
import {
  SANDBOX_TENANT_ID,
  tenantExportSchema,
  type TenantExport,
  type TenantProfile,
  type TenantsFile,
  type TenantView,
  type TokenState,
} from '../../../shared/domain/tenant';
import { emptyCapabilityProfile, type CapabilityProfile, type ConnectionReport } from '../../../shared/domain/scim';
import type { Dialogs } from '../deps';
import { AppError } from '../errors';
import { writeFileAtomic } from '../fs/atomic';
import { readDataFile } from '../fs/safe-read';
import type { Logger } from '../log';
import type { SandboxService } from '../sandbox/service';
import { createScimClient, type ScimAuditHook, type ScimClient } from '../scim/client';
import { createGroupLocks, type GroupLocks } from '../scim/group-locks';
import { createLimiter, type Limiter } from '../scim/limiter';
import { createTransport } from '../scim/transport';
import { normaliseBaseUrl } from '../scim/url';
import { keychainFailure } from '../secrets/keychain-error';
import type { SecretStore } from '../secrets/secret-store';
import type { AuditService } from '../audit/service';
import { TENANTS_FILE_MAX_BYTES, type TenantStore } from './store';
import { checkToken, fingerprint } from './token';

export interface TenantServiceDeps {
  store: TenantStore;
  secrets: SecretStore;
  sandbox: SandboxService;
  fetch: typeof globalThis.fetch;
  dialogs: Dialogs;
  now: () => Date;
  platform: NodeJS.Platform;
  log: Logger;
  /** Per-tenant request limits; tests lower them. */
  limits?: { concurrency: number; requestsPerSecond: number | null };
  /** Where tenant and token events, and every SCIM write, are recorded. */
  audit?: Pick<AuditService, 'event' | 'begin'>;
  /** Launch options (scripted runs, support engineers): which tenant opens first, and read-only. */
  launch?: LaunchChoice;
}

export interface LaunchChoice {
  /** A tenant's id or name (names ignore case); the last used tenant when absent. */
  tenant?: string;
  /** Open that tenant read-only for the session. */
  readOnly?: boolean;
}

export interface TenantList {
  tenants: TenantView[];
  activeId: string | null;
  notice: string | null;
}

function cleanName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed.length === 0 || trimmed.length > 120)
    throw new AppError('INVALID_INPUT', 'Give the tenant a name of 1 to 120 characters.');
  return trimmed;
}

/** Tenant profiles, their tokens in the keychain, read-only sessions, and one SCIM client per tenant. */
export function createTenantService(deps: TenantServiceDeps) {
  let state: TenantsFile | undefined;
  let notice: string | null = null;
  const sessionReadOnly = new Set<string>();
  let activeId: string | null = null;
  const limiters = new Map<string, Limiter>();
  /** One membership writer per group across all of a tenant's clients (jobs and the Members view). */
  const groupLocks = new Map<string, GroupLocks>();
  const clients = new Map<string, { client: ScimClient; readOnly: boolean; baseUrl: string }>();

  async function data(): Promise<TenantsFile> {
    if (!state) {
      // Loaded once: a file that cannot be used is a notice and a fresh list (see store.load).
      const loaded = await deps.store.load();
      state = loaded.file;
      notice = loaded.notice;
      activeId = state.tenants.some((t) => t.id === state?.lastUsedId) ? state.lastUsedId : SANDBOX_TENANT_ID;
      await applyLaunchChoice(state);
    }
    return state;
  }

  /** The launch options pick the first tenant without changing the last used one on disk. */
  async function applyLaunchChoice(file: TenantsFile): Promise<void> {
    const choice = deps.launch;
    if (!choice) return;
    if (choice.tenant !== undefined) {
      const wanted = choice.tenant.trim().toLowerCase();
      const found =
        file.tenants.find((t) => t.id === choice.tenant) ?? file.tenants.find((t) => t.name.toLowerCase() === wanted);
      if (found) activeId = found.id;
      else {
        const fallback = file.tenants.find((t) => t.id === activeId)?.name ?? 'the last used tenant';
        notice = [
          notice,
          `No tenant has the name or id "${choice.tenant}" (from --tenant): ${fallback} is open instead.`,
        ]
          .filter(Boolean)
          .join(' ');
      }
    }
    const opened = file.tenants.find((t) => t.id === activeId);
    if (choice.readOnly && opened) {
      sessionReadOnly.add(opened.id);
      await record('tenant.openedReadOnly', opened, { detail: { from: 'launch option' } });
    }
  }

  async function commit(next: TenantsFile): Promise<void> {
    await deps.store.save(next);
    state = next;
  }

  async function profile(id: string): Promise<TenantProfile> {
    const found = (await data()).tenants.find((t) => t.id === id);
    if (!found) throw new AppError('TENANT_NOT_FOUND');
    return found;
  }

  async function replaceProfile(next: TenantProfile): Promise<void> {
    const file = await data();
    await commit({ ...file, tenants: file.tenants.map((t) => (t.id === next.id ? next : t)) });
    clients.delete(next.id);
  }

  /** The keychain's answer for a tenant, read with its profile in mind. */
  async function readToken(
    tenant: TenantProfile,
  ): Promise<{ state: TokenState; token: string | null; message: string | null }> {
    if (tenant.kind === 'sandbox') {
      try {
        return { state: 'stored', token: await deps.sandbox.token(), message: null };
      } catch (error) {
        return { state: 'unavailable', token: null, message: error instanceof Error ? error.message : null };
      }
    }
    const outcome = await deps.secrets.get(tenant.id);
    switch (outcome.state) {
      case 'ok':
        return { state: 'stored', token: outcome.value, message: null };
      case 'not-set':
        // keytar answers null for a locked Linux keyring too: a token the profile says was stored
        // is "locked or removed outside the app", never "no token", and is never overwritten silently.
        return tenant.tokenFingerprint
          ? {
              state: 'locked',
              token: null,
              message: 'The keychain is locked, or the token was removed outside the app.',
            }
          : { state: 'missing', token: null, message: null };
      default:
        return { state: outcome.state, token: null, message: outcome.message };
    }
  }

  async function tokenFor(id: string): Promise<string> {
    const read = await readToken(await profile(id));
    if (read.token) return read.token;
    if (read.state === 'missing') throw new AppError('TOKEN_MISSING');
    if (read.state === 'locked') throw new AppError('KEYCHAIN_LOCKED', read.message ?? undefined);
    if (read.state === 'timed-out') throw new AppError('KEYCHAIN_TIMEOUT', read.message ?? undefined);
    throw new AppError('KEYCHAIN_UNAVAILABLE', read.message ?? undefined);
  }

  /**
   * The token for one client, read from the keychain once: a listing is hundreds of requests, and
   * each read is a D-Bus round trip. A client is discarded on rotation, removal or any profile
   * change, so it never outlives its token; a failed read is not kept, so a retry reads again.
   */
  function tokenOnce(id: string): () => Promise<string> {
    let pending: Promise<string> | undefined;
    return () => {
      pending ??= tokenFor(id).catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
      return pending;
    };
  }

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

  /** Records a tenant or token event; a failure to record is logged, never fatal to the action. */
  async function record(
    action: string,
    tenant: Pick<TenantProfile, 'id' | 'name' | 'baseUrl'>,
    extra: { outcome?: 'success' | 'failure' | 'info'; detail?: unknown } = {},
  ): Promise<void> {
    try {
      await deps.audit?.event(action, {
        tenantId: tenant.id,
        tenantName: tenant.name,
        tenantUrl: tenant.baseUrl || null,
        target: tenant.name,
        outcome: extra.outcome ?? 'info',
        detail: extra.detail ?? null,
      });
    } catch (error) {
      deps.log.warn('could not record a tenant event', { action, error: (error as Error).message });
    }
  }

  function effectiveReadOnly(tenant: TenantProfile): boolean {
    return tenant.readOnly || sessionReadOnly.has(tenant.id);
  }

  async function view(tenant: TenantProfile): Promise<TenantView> {
    const token = await readToken(tenant);
    return {
      ...tenant,
      tokenState: token.state,
      tokenMessage: token.message,
      sessionReadOnly: sessionReadOnly.has(tenant.id),
      effectiveReadOnly: effectiveReadOnly(tenant),
    };
  }

  /** Stores a token and reads it back before trusting it (a keychain can accept and lose a write). */
  async function storeToken(id: string, token: string): Promise<void> {
    const saved = await deps.secrets.set(id, token);
    if (saved.state !== 'ok') throw keychainFailure(saved);
    const check = await deps.secrets.get(id);
    if (check.state !== 'ok' || check.value !== token) {
      throw check.state === 'ok' || check.state === 'not-set'
        ? new AppError(
            'KEYCHAIN_UNAVAILABLE',
            'The keychain accepted the token but did not return it. The console will not use it; check the keychain and retry.',
          )
        : keychainFailure(check);
    }
  }

  return {
    async list(): Promise<TenantList> {
      const file = await data();
      return { tenants: await Promise.all(file.tenants.map(view)), activeId, notice };
    },

    async open(id: string, readOnly: boolean): Promise<TenantView> {
      const tenant = await profile(id);
      if (readOnly) sessionReadOnly.add(id);
      else sessionReadOnly.delete(id);
      clients.delete(id);
      activeId = id;
      const file = await data();
      if (file.lastUsedId !== id) await commit({ ...file, lastUsedId: id });
      if (readOnly) await record('tenant.openedReadOnly', tenant);
      return view(tenant);
    },

    testDraft,

    /** Tests a saved tenant with its stored token; a pass records the time and what the server can do. */
    async test(id: string): Promise<ConnectionReport> {
      const tenant = await profile(id);
      const client = await this.clientFor(id);
      const report = await client.testConnection();
      if (report.ok)
        await replaceProfile({ ...tenant, lastTestedAt: deps.now().toISOString(), capabilities: report.capabilities });
      await record('tenant.tested', tenant, {
        outcome: report.ok ? 'success' : 'failure',
        detail: { failed: report.steps.filter((s) => s.status === 'fail').map((s) => s.id) },
      });
      return report;
    },

    /** Adds a tenant only after a read-only connection test passes; the token goes to the keychain only. */
    async add(input: {
      name: string;
      baseUrl: string;
      token: string;
      readOnly: boolean;
    }): Promise<{ tenant: TenantView | null; report: ConnectionReport }> {
      const name = cleanName(input.name);
      const baseUrl = normaliseBaseUrl(input.baseUrl);
      const token = checkToken(input.token, deps.platform);
      const report = await testDraft(baseUrl, token);
      if (!report.ok) {
        await record(
          'tenant.addRefused',
          { id: '', name, baseUrl },
          { outcome: 'failure', detail: { failed: report.steps.filter((s) => s.status === 'fail').map((s) => s.id) } },
        );
        return { tenant: null, report };
      }
      const id = randomUUID();
      await storeToken(id, token);
      const now = deps.now().toISOString();
      const tenant: TenantProfile = {
        id,
        kind: 'scim',
        name,
        baseUrl,
        readOnly: input.readOnly,
        tokenFingerprint: fingerprint(token),
        tokenSavedAt: now,
        lastTestedAt: now,
        capabilities: report.capabilities,
      };
      const file = await data();
      try {
        await commit({ ...file, tenants: [...file.tenants, tenant] });
      } catch (error) {
        await deps.secrets.delete(id);
        throw new AppError('FILE_ERROR', `The tenant could not be saved: ${(error as Error).message}`);
      }
      deps.log.info('tenant added', { id, fingerprint: tenant.tokenFingerprint });
      await record('tenant.added', tenant, {
        outcome: 'success',
        detail: { tokenFingerprint: tenant.tokenFingerprint, readOnly: tenant.readOnly },
      });
      return { tenant: await view(tenant), report };
    },

    async update(id: string, changes: { name: string; readOnly: boolean }): Promise<TenantView> {
      const tenant = await profile(id);
      const next = {
        ...tenant,
        name: tenant.kind === 'sandbox' ? tenant.name : cleanName(changes.name),
        readOnly: changes.readOnly,
      };
      await replaceProfile(next);
      await record('tenant.updated', next, { detail: { name: next.name, readOnly: next.readOnly } });
      return view(next);
    },

    /**
     * Tests the new token first and swaps it in only when the test passes; until then the old one
     * stays in the keychain untouched.
     */
    async rotateToken(id: string, rawToken: string): Promise<{ tenant: TenantView | null; report: ConnectionReport }> {
      const tenant = await profile(id);
      if (tenant.kind === 'sandbox') throw new AppError('INVALID_INPUT', 'The Sandbox manages its own token.');
      const token = checkToken(rawToken, deps.platform);
      const report = await testDraft(tenant.baseUrl, token);
      if (!report.ok) {
        await record('tenant.tokenRotationRefused', tenant, {
          outcome: 'failure',
          detail: { failed: report.steps.filter((s) => s.status === 'fail').map((s) => s.id) },
        });
        return { tenant: null, report };
      }
      await storeToken(id, token);
      const now = deps.now().toISOString();
      const next = {
        ...tenant,
        tokenFingerprint: fingerprint(token),
        tokenSavedAt: now,
        lastTestedAt: now,
        capabilities: report.capabilities,
      };
      await replaceProfile(next);
      deps.log.info('tenant token rotated', { id, fingerprint: next.tokenFingerprint });
      await record('tenant.tokenRotated', next, {
        outcome: 'success',
        detail: { from: tenant.tokenFingerprint, to: next.tokenFingerprint },
      });
      return { tenant: await view(next), report };
    },

    /** Removes the keychain entry and the profile; if the keychain refuses, the profile stays so it can be retried. */
    async remove(id: string): Promise<void> {
      const tenant = await profile(id);
      if (tenant.kind === 'sandbox')
        throw new AppError('INVALID_INPUT', 'The Sandbox tenant is built in and cannot be removed.');
      const deleted = await deps.secrets.delete(id);
      if (deleted.state !== 'ok') throw keychainFailure(deleted);
      const file = await data();
      await commit({
        ...file,
        tenants: file.tenants.filter((t) => t.id !== id),
        lastUsedId: file.lastUsedId === id ? SANDBOX_TENANT_ID : file.lastUsedId,
      });
      clients.delete(id);
      limiters.delete(id);
      groupLocks.delete(id);
      sessionReadOnly.delete(id);
      if (activeId === id) activeId = SANDBOX_TENANT_ID;
      await record('tenant.removed', tenant, {
        outcome: 'success',
        detail: { tokenFingerprint: tenant.tokenFingerprint },
      });
    },

    /** Writes every profile except the Sandbox, without tokens or fingerprints. */
    async exportProfiles(): Promise<{ path: string | null; count: number }> {
      const target = await deps.dialogs.saveFile({
        title: 'Export tenant profiles (no tokens)',
        defaultPath: 'scim-console-tenants.json',
        filters: [{ name: 'JSON', extensions: ['json'] }],
      });
      if (!target) return { path: null, count: 0 };
      const tenants = (await data()).tenants
        .filter((t) => t.kind === 'scim')
        .map((t) => ({ name: t.name, baseUrl: t.baseUrl, readOnly: t.readOnly }));
      const body: TenantExport = {
        format: 'invision-scim-console/tenants',
        version: 1,
        exportedAt: deps.now().toISOString(),
        tenants,
      };
      try {
        await writeFileAtomic(target, JSON.stringify(body, null, 2) + '\n', 0o644);
      } catch (error) {
        throw new AppError('FILE_ERROR', `Could not write ${target}: ${(error as Error).message}`);
      }
      await record(
        'tenant.profilesExported',
        { id: '', name: 'all tenants', baseUrl: '' },
        { outcome: 'success', detail: { count: tenants.length } },
      );
      return { path: target, count: tenants.length };
    },

    /** Reads exported profiles; each arrives without a token, to be added with Rotate token. */
    async importProfiles(): Promise<{ path: string | null; added: number; skipped: string[] }> {
      const source = await deps.dialogs.openFile({
        title: 'Import tenant profiles',
        filters: [{ name: 'JSON', extensions: ['json'] }],
      });
      if (!source) return { path: null, added: 0, skipped: [] };
      let parsed: TenantExport;
      try {
        const read = await readDataFile(source, TENANTS_FILE_MAX_BYTES);
        if (read.state !== 'ok') throw new Error(read.state === 'missing' ? 'the file is gone' : read.reason);
        const result = tenantExportSchema.safeParse(JSON.parse(read.text));
        if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'unexpected shape');
        parsed = result.data;
      } catch (error) {
        throw new AppError(
          'FILE_ERROR',
          `That file is not an export of tenant profiles (${(error as Error).message}).`,
        );
      }
      const file = await data();
      const skipped: string[] = [];
      const added: TenantProfile[] = [];
      for (const entry of parsed.tenants) {
        let baseUrl: string;
        try {
          baseUrl = normaliseBaseUrl(entry.baseUrl);
        } catch {
          skipped.push(`${entry.name}: unusable base URL`);
          continue;
        }
        if ([...file.tenants, ...added].some((t) => t.baseUrl === baseUrl && t.name === entry.name)) {
          skipped.push(`${entry.name}: already present`);
          continue;
        }
        added.push({
          id: randomUUID(),
          kind: 'scim',
          name: cleanName(entry.name),
          baseUrl,
          readOnly: entry.readOnly,
          tokenFingerprint: null,
          tokenSavedAt: null,
          lastTestedAt: null,
          capabilities: emptyCapabilityProfile(),
        });
      }
      if (added.length) await commit({ ...file, tenants: [...file.tenants, ...added] });
      await record(
        'tenant.profilesImported',
        { id: '', name: 'imported tenants', baseUrl: '' },
        { outcome: 'success', detail: { added: added.map((t) => t.name), skipped } },
      );
      return { path: source, added: added.length, skipped };
    },

    /**
     * The tenant's SCIM client: one limiter per tenant shared by all its work; writes refused when
     * read-only. With a job id, a client of its own (same limiter) whose audit entries carry the job.
     */
    async clientFor(id: string, options: { jobId?: string } = {}): Promise<ScimClient> {
      const tenant = await profile(id);
      const readOnly = effectiveReadOnly(tenant);
      const baseUrl = await baseUrlOf(tenant);
      const cached = clients.get(id);
      if (!options.jobId && cached && cached.readOnly === readOnly && cached.baseUrl === baseUrl) return cached.client;
      const client = buildClient({
        baseUrl,
        getToken: tokenOnce(id),
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
                    request: context.request,
                    ...(options.jobId ? { jobId: options.jobId } : {}),
                  }),
              },
            }
          : {}),
        onCapabilities: (capabilities) => {
          void profile(id)
            .then((current) => replaceProfile({ ...current, capabilities }))
            .catch((error: unknown) => deps.log.warn('could not save capabilities', { id, error: String(error) }));
        },
      });
      if (!options.jobId) clients.set(id, { client, readOnly, baseUrl });
      return client;
    },

    /**
     * Who an audit entry about this tenant names: id, name and the base URL requests go to (the
     * Sandbox's loopback URL for the built-in tenant). Reads the profile only, never the keychain.
     */
    async auditContext(id: string): Promise<{ tenantId: string; tenantName: string; tenantUrl: string }> {
      const tenant = await profile(id);
      return { tenantId: id, tenantName: tenant.name, tenantUrl: await baseUrlOf(tenant) };
    },

    /** True when writes to the tenant must be refused (profile or session). */
    /** What the tenant's server advertised and was seen doing (no keychain read). */
    async capabilities(id: string): Promise<CapabilityProfile> {
      return (await profile(id)).capabilities;
    },

    async isReadOnly(id: string): Promise<boolean> {
      return effectiveReadOnly(await profile(id));
    },
    activeId: () => activeId,
  };
}

export type TenantService = ReturnType<typeof createTenantService>;
