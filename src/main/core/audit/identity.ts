import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { SecretStore } from '../secrets/secret-store';

/** The keychain account holding this installation's Ed25519 private key (PKCS#8 DER, base64). */
export const SIGNING_KEY_ACCOUNT = 'audit-signing-key';

/**
 * The installation's signing identity: an Ed25519 key pair whose private half lives only in the
 * OS keychain. It signs the audit history's checkpoints; an auditor checks them with the public
 * key alone.
 */
export interface SigningIdentity {
  sign(text: string): string;
  publicKeyPem: string;
  /** A short, readable fingerprint of the public key: the first 80 bits of its SHA-256, in groups of four. */
  fingerprint: string;
}

export function fingerprintOf(publicKey: KeyObject): string {
  const digest = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
  return digest.slice(0, 20).match(/.{4}/g)!.join(' ');
}

function identityFrom(privateKey: KeyObject): SigningIdentity {
  const publicKey = createPublicKey(privateKey);
  return {
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: fingerprintOf(publicKey),
  };
}

/** True when `signature` (base64) is the Ed25519 signature of `text` under the PEM public key. */
export function verifySignature(publicKeyPem: string, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Makes a new identity and stores it in the keychain (read back before it is trusted); null when the keychain refuses. */
async function createIdentity(secrets: SecretStore): Promise<SigningIdentity | null> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const encoded = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  const saved = await secrets.set(SIGNING_KEY_ACCOUNT, encoded);
  if (saved.state !== 'ok') return null;
  const back = await secrets.get(SIGNING_KEY_ACCOUNT);
  return back.state === 'ok' && back.value === encoded ? identityFrom(privateKey) : null;
}

/** What the old key signs when it hands over to a new one: the new public key, in a fixed, versioned text. */
export function rotationText(newPublicKeyPem: string): string {
  return `scim-console signing key rotation v1\n${newPublicKeyPem}`;
}

/**
 * Replaces the identity with a new one. Answers the new identity and the old key's signature over
 * the new public key (the endorsement an auditor checks with the old key), or null when the
 * keychain refuses (the old identity stays).
 */
export async function rotateSigningIdentity(
  secrets: SecretStore,
  old: SigningIdentity,
): Promise<{ identity: SigningIdentity; endorsement: string } | null> {
  const next = await createIdentity(secrets);
  return next ? { identity: next, endorsement: old.sign(rotationText(next.publicKeyPem)) } : null;
}

/**
 * Reads the identity from the keychain, or makes one the first time (and reads it back before
 * trusting it). Null when the keychain cannot answer (locked, unavailable): nothing is signed then,
 * and no second identity is ever made over one the keychain merely failed to hand out.
 */
export async function loadSigningIdentity(secrets: SecretStore): Promise<SigningIdentity | null> {
  const existing = await secrets.get(SIGNING_KEY_ACCOUNT);
  if (existing.state === 'ok') {
    try {
      return identityFrom(
        createPrivateKey({ key: Buffer.from(existing.value, 'base64'), format: 'der', type: 'pkcs8' }),
      );
    } catch {
      return null;
    }
  }
  if (existing.state !== 'not-set') return null;
  return createIdentity(secrets);
}
