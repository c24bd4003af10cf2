import type { SecretStore } from './secret-store';

/** For unit tests only: never wired into the app, so a packaged build cannot select it. */
export function createMemoryStore(initial: Record<string, string> = {}): SecretStore {
  const entries = new Map(Object.entries(initial));
  return {
    kind: 'memory',
    get: async (account) => {
      const value = entries.get(account);
      return value === undefined ? { state: 'not-set' } : { state: 'ok', value };
    },
    set: async (account, secret) => {
      entries.set(account, secret);
      return { state: 'ok', value: undefined };
    },
    delete: async (account) => ({ state: 'ok', value: entries.delete(account) }),
  };
}
