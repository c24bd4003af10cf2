import { createHash } from 'node:crypto';
import { AppError } from '../errors';

/** First 8 hex characters of the token's SHA-256: enough to tell tokens apart, useless to an attacker. */
export function fingerprint(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 8);
}

/** Windows Credential Manager stores at most 2,560 bytes per secret (UTF-16: 1,280 characters). */
export const WINDOWS_MAX_TOKEN_CHARS = 1280;

/** Checks a pasted token: trimmed, no inner whitespace, a sane length, and what this OS can store. */
export function checkToken(raw: string, platform: NodeJS.Platform): string {
  const token = raw.trim().replace(/^bearer\s+/i, '');
  if (token.length < 8 || token.length > 8192 || /\s/.test(token)) {
    throw new AppError('TOKEN_INVALID');
  }
  if (platform === 'win32' && token.length > WINDOWS_MAX_TOKEN_CHARS) {
    throw new AppError(
      'TOKEN_INVALID',
      `This token is ${token.length} characters long; Windows Credential Manager holds at most ${WINDOWS_MAX_TOKEN_CHARS} (2,560 bytes). The console will not store it anywhere else.`,
    );
  }
  return token;
}
