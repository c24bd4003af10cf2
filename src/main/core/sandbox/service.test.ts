import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { createMemoryStore } from '../secrets/memory-store';
import type { SecretStore } from '../secrets/secret-store';
import { createSandboxService, SANDBOX_ACCOUNT } from './service';

describe('the built-in Sandbox service', () => {
  it('generates its token once, keeps it in the secret store and serves with it', async () => {
    const secrets = createMemoryStore();
    const service = createSandboxService({ secrets, log: silentLogger });
    expect((await service.status()).running).toBe(false);
    const sandbox = await service.ensure();
    const stored = await secrets.get(SANDBOX_ACCOUNT);
    expect(stored.state).toBe('ok');
    const token = stored.state === 'ok' ? stored.value : '';
    expect(token.length).toBeGreaterThanOrEqual(32);
    const response = await fetch(`${sandbox.baseUrl}/Users?count=1`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await service.ensure()).toBe(sandbox);
    expect(await service.status()).toMatchObject({ running: true, members: 250, groups: 12 });
    expect((await service.configure({ ssoInactive: true })).ssoInactive).toBe(true);
    await service.close();
    expect((await service.status()).running).toBe(false);
  });

  it('reuses the token already in the keychain', async () => {
    const secrets = createMemoryStore({ [SANDBOX_ACCOUNT]: 'existing-sandbox-token-123' });
    const service = createSandboxService({ secrets, log: silentLogger });
    expect(await service.token()).toBe('existing-sandbox-token-123');
  });

  it('refuses to start, with the keychain guidance, when the keychain is locked', async () => {
    const locked: SecretStore = {
      kind: 'os-keychain',
      get: async () => ({ state: 'locked', message: 'The keyring is locked. Unlock it, then retry.' }),
      set: async () => ({ state: 'locked', message: 'The keyring is locked. Unlock it, then retry.' }),
      delete: async () => ({ state: 'locked', message: 'locked' }),
    };
    const service = createSandboxService({ secrets: locked, log: silentLogger });
    await expect(service.ensure()).rejects.toThrow(/keyring is locked/);
    expect((await service.status()).running).toBe(false);
  });

  it.each([
    ['locked', 'KEYCHAIN_LOCKED'],
    ['timed-out', 'KEYCHAIN_TIMEOUT'],
    ['unavailable', 'KEYCHAIN_UNAVAILABLE'],
  ] as const)('reports a %s keychain with %s, never INTERNAL', async (state, code) => {
    const failing: SecretStore = {
      kind: 'os-keychain',
      get: async () => ({ state, message: `the keychain is ${state}` }),
      set: async () => ({ state, message: `the keychain is ${state}` }),
      delete: async () => ({ state, message: `the keychain is ${state}` }),
    };
    const service = createSandboxService({ secrets: failing, log: silentLogger });
    const error = await service.ensure().then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error?.code).toBe(code);
    expect(error?.message).toContain(`is ${state}`);
  });
});
