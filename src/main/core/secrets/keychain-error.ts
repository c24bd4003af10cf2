import { AppError } from '../errors';
import type { SecretOutcome } from './secret-store';

/**
 * Maps a keychain outcome that is not `ok` to the typed error a person can act on, with an
 * optional sentence before the keychain's own guidance (what needed the keychain).
 */
export function keychainFailure(outcome: SecretOutcome<unknown>, context?: string): AppError {
  const say = (message: string | undefined) => (context && message ? `${context} ${message}` : (message ?? context));
  switch (outcome.state) {
    case 'locked':
      return new AppError('KEYCHAIN_LOCKED', say(outcome.message));
    case 'timed-out':
      return new AppError('KEYCHAIN_TIMEOUT', say(outcome.message));
    case 'unavailable':
      return new AppError('KEYCHAIN_UNAVAILABLE', say(outcome.message));
    default:
      return new AppError('KEYCHAIN_UNAVAILABLE', context);
  }
}
