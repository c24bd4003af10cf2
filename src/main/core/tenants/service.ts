import type { TargetNamer } from '../audit/target-names';
import { randomUUID } from 'node:crypto';
import { SANDBOX_TENANT_ID, type TenantProfile, type TenantView } from '../../../shared/domain/tenant';
import type { CapabilityProfile, ConnectionReport } from '../../../shared/domain/scim';
import type { Dialogs } from '../deps';
import { AppError } from '../errors';
import type { Logger } from '../log';
import type { SandboxService } from '../sandbox/service';
import { normaliseBaseUrl } from '../scim/url';
import { keychainFailure } from '../secrets/keychain-error';
import type { SecretStore } from '../secrets/secret-store';
import type { AuditService } from '../audit/service';
import { createClients } from './clients';
import { createTenantRecorder } from './events';
import { cleanName, createProfiles, type LaunchChoice } from './profiles';
import type { TenantStore } from './store';
import { checkToken, fingerprint } from './token';
import { createTokens } from './tokens';
import { createProfileTransfer } from './transfer';

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
  /** Names each write's target in its audit entry (from the listing the directory keeps). */
  names?: TargetNamer;
  /** Launch options (scripted runs, support engineers): which tenant opens first, and read-only. */
  launch?: LaunchChoice;
}

export interface TenantList {
  tenants: TenantView[];
  activeId: string | null;
  notice: string | null;
}

/**
 * Tenants: profiles (`profiles.ts`), their tokens in the keychain (`tokens.ts`), one SCIM client
 * per tenant (`clients.ts`), export and import of profiles (`transfer.ts`), and the actions the
 * console offers on them, each recorded in the audit history (`events.ts`).
 */
export function createTenantService(deps: TenantServiceDeps) {
  const record = createTenantRecorder(deps.audit, deps.log);
  const profiles = createProfiles({
    store: deps.store,
    record,
    onChanged: (id) => clients.forget(id),
    ...(deps.launch ? { launch: deps.launch } : {}),
  });
  const { data, commit, profile, replaceProfile, effectiveReadOnly, sessionReadOnly } = profiles;
  const tokens = createTokens({ secrets: deps.secrets, sandbox: deps.sandbox, profile });
  const { readToken, storeToken } = tokens;
  const clients = createClients({
    profiles,
    tokens,
    sandbox: deps.sandbox,
    fetch: deps.fetch,
    platform: deps.platform,
    log: deps.log,
    now: deps.now,
    limits: deps.limits,
    audit: deps.audit,
    names: deps.names,
  });
  const testDraft = clients.testDraft;
  const transfer = createProfileTransfer({ profiles, dialogs: deps.dialogs, now: deps.now, record });

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

  return {
    async list(): Promise<TenantList> {
      const file = await data();
      return {
        tenants: await Promise.all(file.tenants.map(view)),
        activeId: profiles.activeId(),
        notice: profiles.notice(),
      };
    },

    async open(id: string, readOnly: boolean): Promise<TenantView> {
      const tenant = await profile(id);
      if (readOnly) sessionReadOnly.add(id);
      else sessionReadOnly.delete(id);
      clients.forget(id);
      profiles.setActiveId(id);
      const file = await data();
      if (file.lastUsedId !== id) await commit({ ...file, lastUsedId: id });
      if (readOnly) await record('tenant.openedReadOnly', tenant);
      return view(tenant);
    },

    testDraft: clients.testDraft,

    /** Tests a saved tenant with its stored token; a pass records the time and what the server can do. */
    async test(id: string): Promise<ConnectionReport> {
      const tenant = await profile(id);
      const client = await clients.clientFor(id);
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
        requireSeparateApplier: false,
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

    async update(
      id: string,
      changes: { name: string; readOnly: boolean; requireSeparateApplier?: boolean | undefined },
    ): Promise<TenantView> {
      const tenant = await profile(id);
      const next = {
        ...tenant,
        name: tenant.kind === 'sandbox' ? tenant.name : cleanName(changes.name),
        readOnly: changes.readOnly,
        requireSeparateApplier: changes.requireSeparateApplier ?? tenant.requireSeparateApplier,
      };
      await replaceProfile(next);
      await record('tenant.updated', next, {
        detail: { name: next.name, readOnly: next.readOnly, requireSeparateApplier: next.requireSeparateApplier },
      });
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
      clients.forget(id, true);
      sessionReadOnly.delete(id);
      if (profiles.activeId() === id) profiles.setActiveId(SANDBOX_TENANT_ID);
      await record('tenant.removed', tenant, {
        outcome: 'success',
        detail: { tokenFingerprint: tenant.tokenFingerprint },
      });
    },

    exportProfiles: transfer.exportProfiles,
    importProfiles: transfer.importProfiles,
    clientFor: clients.clientFor,

    /**
     * Who an audit entry about this tenant names: id, name and the base URL requests go to (the
     * Sandbox's loopback URL for the built-in tenant). Reads the profile only, never the keychain.
     */
    async auditContext(id: string): Promise<{ tenantId: string; tenantName: string; tenantUrl: string }> {
      const tenant = await profile(id);
      return { tenantId: id, tenantName: tenant.name, tenantUrl: await clients.baseUrlOf(tenant) };
    },

    /** Where a plan file must come from to be applied here, and whether its planner may apply it. */
    async planPolicy(id: string): Promise<{ tenantName: string; tenantUrl: string; requireSeparateApplier: boolean }> {
      const tenant = await profile(id);
      return {
        tenantName: tenant.name,
        tenantUrl: await clients.baseUrlOf(tenant),
        requireSeparateApplier: tenant.requireSeparateApplier,
      };
    },

    /** What the tenant's server advertised and was seen doing (no keychain read). */
    async capabilities(id: string): Promise<CapabilityProfile> {
      return (await profile(id)).capabilities;
    },

    /** True when writes to the tenant must be refused (profile or session). */
    async isReadOnly(id: string): Promise<boolean> {
      return effectiveReadOnly(await profile(id));
    },
    activeId: profiles.activeId,
  };
}

export type TenantService = ReturnType<typeof createTenantService>;
