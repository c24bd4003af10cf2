import { randomBytes } from 'node:crypto';
import type { Logger } from '../log';
import { keychainFailure } from '../secrets/keychain-error';
import type { SecretStore } from '../secrets/secret-store';
import type { SandboxFaults } from './faults';
import { startSandbox, type Sandbox } from './server';

/** The keychain account that holds the built-in Sandbox's token. */
export const SANDBOX_ACCOUNT = 'sandbox';

export interface SandboxStatus {
  running: boolean;
  baseUrl: string | null;
  members: number;
  groups: number;
  faults: SandboxFaults | null;
}

const NEEDS_KEYCHAIN = 'The Sandbox tenant keeps its token in the OS keychain like any other tenant.';

/**
 * The built-in Sandbox tenant inside the app: started on first use on a random loopback port,
 * with a token generated once and kept in the OS keychain like any other tenant's.
 */
export function createSandboxService(deps: {
  secrets: SecretStore;
  log: Logger;
  size?: { members: number; groups: number };
}) {
  let running: Promise<Sandbox> | undefined;

  async function token(): Promise<string> {
    const stored = await deps.secrets.get(SANDBOX_ACCOUNT);
    if (stored.state === 'ok') return stored.value;
    if (stored.state !== 'not-set') throw keychainFailure(stored, NEEDS_KEYCHAIN);
    const fresh = randomBytes(24).toString('base64url');
    const saved = await deps.secrets.set(SANDBOX_ACCOUNT, fresh);
    if (saved.state !== 'ok') throw keychainFailure(saved, NEEDS_KEYCHAIN);
    return fresh;
  }

  async function start(): Promise<Sandbox> {
    const sandbox = await startSandbox({ token: await token(), ...(deps.size ?? {}) });
    deps.log.info('sandbox tenant started', { baseUrl: sandbox.baseUrl });
    return sandbox;
  }

  /** Starts the Sandbox if needed and returns it. */
  function ensure(): Promise<Sandbox> {
    running ??= start().catch((error: unknown) => {
      running = undefined;
      throw error;
    });
    return running;
  }

  return {
    ensure,
    /** The token, for the tenant that points at this Sandbox (main only; never sent to the renderer). */
    token,
    async status(): Promise<SandboxStatus> {
      if (!running) return { running: false, baseUrl: null, members: 0, groups: 0, faults: null };
      const sandbox = await running;
      const counts = sandbox.store.counts();
      return {
        running: true,
        baseUrl: sandbox.baseUrl,
        members: counts.users,
        groups: counts.groups,
        faults: sandbox.faults(),
      };
    },
    async configure(faults: Partial<SandboxFaults>): Promise<SandboxFaults> {
      return (await ensure()).configure(faults);
    },
    async close(): Promise<void> {
      if (!running) return;
      const sandbox = await running.catch(() => null);
      running = undefined;
      await sandbox?.close();
    },
  };
}

export type SandboxService = ReturnType<typeof createSandboxService>;
