import type { TenantProfile, TokenState } from '../../../shared/domain/tenant';
import { AppError } from '../errors';
import type { SandboxService } from '../sandbox/service';
import { keychainFailure } from '../secrets/keychain-error';
import type { SecretStore } from '../secrets/secret-store';

/** Tenants' tokens in the OS keychain (the Sandbox's from its own service): read, read once per client, stored and checked. */
export function createTokens(deps: {
  secrets: SecretStore;
  sandbox: SandboxService;
  profile: (id: string) => Promise<TenantProfile>;
}) {
  const profile = deps.profile;

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

  return { readToken, tokenOnce, storeToken };
}

export type Tokens = ReturnType<typeof createTokens>;
