/**
 * Every keychain call ends in one of these states; nothing throws. `not-set` only means the
 * keychain answered "no such entry": callers that know a token was stored must treat it as
 * "locked or removed outside the app", never as permission to write a new one.
 */
export type SecretOutcome<T> =
  | { state: 'ok'; value: T }
  | { state: 'not-set' }
  | { state: 'locked'; message: string }
  | { state: 'unavailable'; message: string }
  | { state: 'timed-out'; message: string };

export interface SecretStore {
  readonly kind: 'os-keychain' | 'memory';
  get(account: string): Promise<SecretOutcome<string>>;
  set(account: string, secret: string): Promise<SecretOutcome<void>>;
  delete(account: string): Promise<SecretOutcome<boolean>>;
  /** Ends what the store runs (the keychain child process), if anything. */
  close?(): void;
}

export const SECRET_SERVICE_NAME = 'invision-scim-console';
