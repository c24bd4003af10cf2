import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyCapabilityProfile } from '../../../shared/domain/scim';
import { SANDBOX_TENANT_ID } from '../../../shared/domain/tenant';
import { silentLogger } from '../log';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { createSandboxService } from '../sandbox/service';
import { createMemoryStore } from '../secrets/memory-store';
import type { SecretStore } from '../secrets/secret-store';
import { createAuditService } from '../audit/service';
import { createTenantService } from './service';
import { createTenantStore, TENANTS_FILE } from './store';
import { checkToken, fingerprint } from './token';

const CANARY = 'canary-token-4b1d9e7f3a2c';
let server: Sandbox;

beforeAll(async () => {
  server = await startSandbox({ token: CANARY });
});
afterAll(async () => {
  await server.close();
});

function setup(
  options: {
    dataDir?: string;
    secrets?: SecretStore;
    saveTo?: string;
    openFrom?: string;
    launch?: { tenant?: string; readOnly?: boolean };
  } = {},
) {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'tenants-'));
  const secrets = options.secrets ?? createMemoryStore();
  const sandbox = createSandboxService({ secrets, log: silentLogger });
  const dialogs = { saveFile: async () => options.saveTo ?? null, openFile: async () => options.openFrom ?? null };
  const audit = createAuditService({
    dataDir,
    secrets,
    dialogs,
    appVersion: '0.1.0',
    now: () => new Date(),
    log: silentLogger,
  });
  const service = createTenantService({
    audit,
    store: createTenantStore({ dataDir, now: () => new Date('2026-11-23T12:00:00Z') }),
    secrets,
    sandbox,
    fetch: globalThis.fetch,
    dialogs: { saveFile: async () => options.saveTo ?? null, openFile: async () => options.openFrom ?? null },
    now: () => new Date('2026-11-23T12:00:00Z'),
    platform: 'linux',
    log: silentLogger,
    limits: { concurrency: 4, requestsPerSecond: null },
    ...(options.launch ? { launch: options.launch } : {}),
  });
  return { dataDir, secrets, sandbox, service, audit, file: path.join(dataDir, TENANTS_FILE) };
}

describe('tenant service', () => {
  it('starts with the built-in Sandbox tenant, opened, with its token in the keychain', async () => {
    const { service, sandbox } = setup();
    const list = await service.list();
    expect(list.tenants.map((t) => t.id)).toEqual([SANDBOX_TENANT_ID]);
    expect(list.activeId).toBe(SANDBOX_TENANT_ID);
    expect(list.tenants[0]).toMatchObject({ kind: 'sandbox', tokenState: 'stored', effectiveReadOnly: false });
    const report = await service.test(SANDBOX_TENANT_ID);
    expect(report.ok).toBe(true);
    await sandbox.close();
  });

  it('does not save a tenant whose connection test fails, nor its token', async () => {
    const { service, secrets, file } = setup();
    const result = await service.add({
      name: 'Acme',
      baseUrl: server.baseUrl,
      token: 'wrong-token-000',
      readOnly: false,
    });
    expect(result.tenant).toBeNull();
    expect(result.report.ok).toBe(false);
    expect(result.report.steps.find((s) => s.id === 'auth')?.status).toBe('fail');
    expect((await service.list()).tenants).toHaveLength(1);
    expect(existsSync(file)).toBe(false);
    expect(await secrets.get('anything')).toEqual({ state: 'not-set' });
  });

  it('saves a tested tenant: token in the keychain only, its fingerprint in tenants.json', async () => {
    const { service, secrets, file } = setup();
    const { tenant } = await service.add({
      name: '  Acme   Design ',
      baseUrl: `${server.baseUrl}/`,
      token: ` Bearer ${CANARY} `,
      readOnly: false,
    });
    expect(tenant).toMatchObject({
      name: 'Acme Design',
      baseUrl: server.baseUrl,
      tokenState: 'stored',
      tokenFingerprint: fingerprint(CANARY),
    });
    expect(await secrets.get(tenant!.id)).toEqual({ state: 'ok', value: CANARY });
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain(CANARY);
    expect(onDisk).toContain(fingerprint(CANARY));
    expect(JSON.stringify(await service.list())).not.toContain(CANARY);
    expect(tenant!.capabilities.advertised?.patch).toBe(true);
  });

  it('rotates a token only when the new one passes the test, keeping the old one until then', async () => {
    const { service, secrets } = setup();
    const { tenant } = await service.add({ name: 'Acme', baseUrl: server.baseUrl, token: CANARY, readOnly: false });
    const failed = await service.rotateToken(tenant!.id, 'not-the-right-token');
    expect(failed.tenant).toBeNull();
    expect(await secrets.get(tenant!.id)).toEqual({ state: 'ok', value: CANARY });
    const other = await startSandbox({ token: 'second-token-77aa' });
    try {
      // The same server with a new token: simulate InVision issuing a new one.
      const { service: s2 } = setup();
      const added = await s2.add({ name: 'B', baseUrl: other.baseUrl, token: 'second-token-77aa', readOnly: false });
      const rotated = await s2.rotateToken(added.tenant!.id, 'second-token-77aa');
      expect(rotated.tenant?.tokenFingerprint).toBe(fingerprint('second-token-77aa'));
    } finally {
      await other.close();
    }
  });

  it('treats a token missing from the keychain as locked when the profile says one was stored', async () => {
    const { service, secrets } = setup();
    const { tenant } = await service.add({ name: 'Acme', baseUrl: server.baseUrl, token: CANARY, readOnly: false });
    await secrets.delete(tenant!.id);
    const view = (await service.list()).tenants.find((t) => t.id === tenant!.id);
    expect(view?.tokenState).toBe('locked');
    const client = await service.clientFor(tenant!.id);
    await expect(client.listUsers()).rejects.toMatchObject({ code: 'KEYCHAIN_LOCKED' });
  });

  it('reads the token from the keychain once per client, not once per request', async () => {
    const inner = createMemoryStore();
    let reads = 0;
    const counting: SecretStore = { ...inner, get: (account) => ((reads += 1), inner.get(account)) };
    const { service } = setup({ secrets: counting });
    const { tenant } = await service.add({ name: 'Acme', baseUrl: server.baseUrl, token: CANARY, readOnly: false });
    server.configure({ pageCap: 10 });
    try {
      reads = 0;
      const listed = await (await service.clientFor(tenant!.id)).listUsers();
      expect(listed.items.length).toBeGreaterThan(100);
      expect(reads).toBe(1);
    } finally {
      server.configure({ pageCap: null });
    }
  });

  it('opens a tenant read-only for the session and refuses writes in main', async () => {
    const { service, dataDir, secrets } = setup();
    const { tenant } = await service.add({ name: 'Customer', baseUrl: server.baseUrl, token: CANARY, readOnly: false });
    const opened = await service.open(tenant!.id, true);
    expect(opened).toMatchObject({ sessionReadOnly: true, effectiveReadOnly: true, readOnly: false });
    expect(await service.isReadOnly(tenant!.id)).toBe(true);
    const client = await service.clientFor(tenant!.id);
    const someone = (await client.listUsers()).items[0]!;
    await expect(client.setActive(someone.id, !someone.active)).rejects.toMatchObject({ code: 'READ_ONLY_TENANT' });
    // The last tenant used reopens next time; the session's read-only flag does not persist.
    const again = setup({ dataDir, secrets }).service;
    const list = await again.list();
    expect(list.activeId).toBe(tenant!.id);
    expect(list.tenants.find((t) => t.id === tenant!.id)?.effectiveReadOnly).toBe(false);
  });

  it('opens the tenant the launch options name (id or name, any case), read-only if asked, without changing the last used one', async () => {
    const first = setup();
    const added = await first.service.add({
      name: 'Acme Design',
      baseUrl: server.baseUrl,
      token: CANARY,
      readOnly: false,
    });
    await first.service.open(SANDBOX_TENANT_ID, false);
    const acme = added.tenant!.id;

    const byName = setup({
      dataDir: first.dataDir,
      secrets: first.secrets,
      launch: { tenant: 'acme design', readOnly: true },
    });
    const list = await byName.service.list();
    expect(list.activeId).toBe(acme);
    expect(list.tenants.find((t) => t.id === acme)).toMatchObject({ sessionReadOnly: true, effectiveReadOnly: true });
    // The session's read-only reaches the client: a write is refused before anything is sent.
    server.resetStats();
    const client = await byName.service.clientFor(acme);
    await expect(client.setActive('any-member', false)).rejects.toMatchObject({ code: 'READ_ONLY_TENANT' });
    expect(server.stats().byMethod.PATCH ?? 0).toBe(0);
    expect((JSON.parse(readFileSync(first.file, 'utf8')) as { lastUsedId: string }).lastUsedId).toBe(SANDBOX_TENANT_ID);

    const byId = setup({ dataDir: first.dataDir, secrets: first.secrets, launch: { tenant: acme } });
    expect((await byId.service.list()).activeId).toBe(acme);
    expect((await byId.service.list()).tenants.find((t) => t.id === acme)?.effectiveReadOnly).toBe(false);

    const unknown = setup({ dataDir: first.dataDir, secrets: first.secrets, launch: { tenant: 'Nobody' } });
    const fallback = await unknown.service.list();
    expect(fallback.activeId).toBe(SANDBOX_TENANT_ID);
    expect(fallback.notice).toMatch(/No tenant has the name or id "Nobody".*Sandbox is open instead/);
  });

  it('removes the keychain entry and the profile; the Sandbox cannot be removed', async () => {
    const { service, secrets, file } = setup();
    const { tenant } = await service.add({ name: 'Gone', baseUrl: server.baseUrl, token: CANARY, readOnly: false });
    await service.open(tenant!.id, false);
    await service.remove(tenant!.id);
    expect(await secrets.get(tenant!.id)).toEqual({ state: 'not-set' });
    expect(readFileSync(file, 'utf8')).not.toContain(tenant!.id);
    expect((await service.list()).activeId).toBe(SANDBOX_TENANT_ID);
    await expect(service.remove(SANDBOX_TENANT_ID)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('exports profiles without tokens or fingerprints, and imports them as tenants needing a token', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'export-')), 'tenants.json');
    const { service } = setup({ saveTo: out });
    await service.add({ name: 'Acme', baseUrl: server.baseUrl, token: CANARY, readOnly: true });
    expect(await service.exportProfiles()).toEqual({ path: out, count: 1 });
    const exported = readFileSync(out, 'utf8');
    expect(exported).not.toContain(CANARY);
    expect(exported).not.toContain(fingerprint(CANARY));
    const { service: other } = setup({ openFrom: out });
    expect(await other.importProfiles()).toMatchObject({ added: 1, skipped: [] });
    const imported = (await other.list()).tenants.find((t) => t.name === 'Acme');
    expect(imported).toMatchObject({ tokenState: 'missing', readOnly: true, tokenFingerprint: null });
    expect(await other.importProfiles()).toMatchObject({ added: 0, skipped: ['Acme: already present'] });
  });

  it('refuses a file that is not an export', async () => {
    const bad = path.join(mkdtempSync(path.join(tmpdir(), 'import-')), 'x.json');
    writeFileSync(bad, '{"tenants": "nope"}');
    await expect(setup({ openFrom: bad }).service.importProfiles()).rejects.toMatchObject({ code: 'FILE_ERROR' });
  });

  it.each([
    ['not JSON', '{ this is not json'],
    ['a wrong type', JSON.stringify({ version: 1, lastUsedId: null, tenants: [{ id: 7 }] })],
    [
      'a hand-edited insecure URL',
      JSON.stringify({
        version: 1,
        lastUsedId: null,
        tenants: [
          {
            id: 'a',
            kind: 'scim',
            name: 'A',
            baseUrl: 'http://example.com/scim',
            readOnly: false,
            tokenFingerprint: null,
            tokenSavedAt: null,
            lastTestedAt: null,
            capabilities: emptyCapabilityProfile(),
          },
        ],
      }),
    ],
  ])('keeps a tenants.json with %s aside, says so, and does not overwrite it', async (_what, content) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'corrupt-'));
    const file = path.join(dataDir, TENANTS_FILE);
    writeFileSync(file, content);
    const { service } = setup({ dataDir });
    const list = await service.list();
    expect(list.notice).toMatch(/could not be used/);
    expect(list.tenants.map((t) => t.id)).toEqual([SANDBOX_TENANT_ID]);
    expect(readFileSync(file, 'utf8')).toBe(content);
    const kept = readdirSync(dataDir).find((f) => f.startsWith(`${TENANTS_FILE}.unreadable-`));
    expect(kept && readFileSync(path.join(dataDir, kept), 'utf8')).toBe(content);
  });
});

describe('tenant service and the audit history', () => {
  it('records tenant and token events, and every SCIM write as intent and outcome', async () => {
    const { service, audit } = setup();
    await service.add({ name: 'Acme', baseUrl: server.baseUrl, token: 'wrong-token-000', readOnly: false });
    const { tenant } = await service.add({ name: 'Acme', baseUrl: server.baseUrl, token: CANARY, readOnly: false });
    const client = await service.clientFor(tenant!.id);
    const member = (await client.listUsers()).items.find((m) => m.active)!;
    await client.setActive(member.id, false);
    await client.setActive(member.id, true);
    await service.test(tenant!.id);
    await service.open(tenant!.id, true);
    const readOnlyClient = await service.clientFor(tenant!.id);
    await expect(readOnlyClient.setActive(member.id, false)).rejects.toMatchObject({ code: 'READ_ONLY_TENANT' });
    const { entries } = await audit.query({}, null, 50);
    expect(entries.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'tenant.openedReadOnly:info',
      'tenant.tested:success',
      'member.reactivate:success',
      'member.deactivate:success',
      'tenant.added:success',
      'tenant.addRefused:failure',
    ]);
    const deactivation = entries.find((e) => e.action === 'member.deactivate')!;
    expect(deactivation).toMatchObject({
      tenantId: tenant!.id,
      tenantName: 'Acme',
      target: member.id,
      request: { method: 'PATCH', body: { active: false } },
    });
    expect(deactivation.finishedAt).not.toBeNull();
    expect(JSON.stringify(entries)).not.toContain(CANARY);
    expect((await audit.verify()).ok).toBe(true);
    audit.close();
  });
});

describe('checkToken', () => {
  it('strips a pasted Bearer prefix and whitespace, and refuses junk', () => {
    expect(checkToken('  Bearer abcdefgh123 ', 'linux')).toBe('abcdefgh123');
    expect(() => checkToken('short', 'linux')).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }));
    expect(() => checkToken('has inner space 123', 'linux')).toThrow(
      expect.objectContaining({ code: 'TOKEN_INVALID' }),
    );
  });

  it('refuses a token longer than Windows Credential Manager can hold, on Windows only', () => {
    const long = 'x'.repeat(1281);
    expect(() => checkToken(long, 'win32')).toThrow(/2,560 bytes/);
    expect(checkToken(long, 'linux')).toBe(long);
  });
});
