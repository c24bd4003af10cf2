import { writeFileSync } from 'node:fs';
import type { AuditStatus } from '../../../shared/domain/audit';
import type { Dialogs } from '../deps';
import type { EvidenceSigner } from '../evidence/manifest';
import { AppError } from '../errors';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets/secret-store';
import { createCheckpointKeeper, makeCheckpoint, type Checkpoint } from './checkpoints';
import { checkHistory, type HistoryFinding } from './history-check';
import { loadSigningIdentity, rotateSigningIdentity, type SigningIdentity } from './identity';
import type { AuditStore } from './store';

/**
 * The audit history's seal: the installation's signing identity, a signed checkpoint after every
 * append (kept outside the database), and the start-up check of the database against the newest
 * checkpoint. The service decides what a loss means; this says when there is one.
 */
export function createSealer(deps: { dataDir: string; secrets: SecretStore; now: () => Date; log: Logger }) {
  const checkpoints = createCheckpointKeeper(deps);
  let identity: SigningIdentity | null = null;
  /** The newest checkpoint this run signed or found; every append must continue it. */
  let lastSigned: Checkpoint | null = null;
  /** Set for a new history: the old checkpoints do not apply to it. */
  let freshHistory = false;
  let stopped = false;

  function signHead(id: SigningIdentity, head: { seq: number; hash: string }): void {
    lastSigned = makeCheckpoint(id, head, deps.now());
    checkpoints.write(lastSigned);
  }

  return {
    /** Reads (or makes) the signing identity; null while the keychain cannot hand it out. */
    async load(): Promise<SigningIdentity | null> {
      identity = await loadSigningIdentity(deps.secrets);
      stopped = false;
      return identity;
    },

    /**
     * After each append: signs the new head when it continues the last signed one. Answers the
     * reason when it does not (the history was shortened or changed under the console); nothing is
     * signed from then on.
     */
    seal(row: { seq: number; hash: string; prevHash: string }): string | null {
      if (!identity || stopped) return null;
      const last = lastSigned;
      if (last && !(row.seq === last.seq + 1 && row.prevHash === last.hash)) {
        stopped = true;
        deps.log.error('audit history changed under the console', { seq: row.seq, signed: last.seq });
        return `Entry ${row.seq} does not follow entry ${last.seq}, the last one signed: the history was shortened or changed while the console ran. Nothing more is recorded or signed over it. Put back audit.sqlite from a backup and restart the console, or start a new history in Audit.`;
      }
      signHead(identity, row);
      return null;
    },

    /**
     * Before anything is written: the database against the newest signed checkpoint. Entries
     * recorded while the keychain was locked are accepted only if they link to it; they are then
     * anchored, signed and noted in the history.
     */
    async check(store: AuditStore): Promise<HistoryFinding> {
      if (!identity) return { kind: 'ok' };
      const found = freshHistory ? null : await checkpoints.latest(identity.publicKeyPem);
      freshHistory = false;
      const finding = checkHistory(store, found);
      if (finding.kind === 'lost') {
        stopped = true;
        deps.log.error('audit history lost or rolled back', { lost: finding.lost });
        return finding;
      }
      lastSigned = found;
      const head = store.head();
      if (finding.kind === 'extended') {
        store.reanchor();
        signHead(identity, head!);
        store.append({
          kind: 'event',
          action: 'audit.extended',
          outcome: 'info',
          detail: {
            entries: { from: finding.from, to: finding.to },
            reason: 'recorded while the keychain could not sign; checked to link to the last signed checkpoint',
          },
        });
      } else if (head && (!found || found.seq !== head.seq)) {
        signHead(identity, head);
      }
      return finding;
    },

    /**
     * A new signing key: the rotation is recorded in the history with the old key's endorsement of
     * the new public key, and that entry is the first one the new key signs.
     */
    async rotate(store: AuditStore): Promise<{ fingerprint: string }> {
      const old = identity;
      if (!old || stopped)
        throw new AppError(
          'KEYCHAIN_LOCKED',
          'The signing key cannot be rotated now: the keychain cannot hand out the current key, or the history is not in order.',
        );
      const rotated = await rotateSigningIdentity(deps.secrets, old);
      if (!rotated)
        throw new AppError(
          'KEYCHAIN_UNAVAILABLE',
          'The keychain did not take the new key; the current key stays in use.',
        );
      identity = rotated.identity;
      store.append({
        kind: 'event',
        action: 'audit.key-rotated',
        outcome: 'info',
        detail: {
          previousFingerprint: old.fingerprint,
          fingerprint: rotated.identity.fingerprint,
          publicKey: rotated.identity.publicKeyPem,
          endorsedByPreviousKey: rotated.endorsement,
        },
      });
      return { fingerprint: rotated.identity.fingerprint };
    },

    /** For a new history (after the admin chose to start one): the old checkpoints are kept aside. */
    startFresh(suffix: string): void {
      checkpoints.keepAside(suffix);
      lastSigned = null;
      freshHistory = true;
    },

    /** What signs evidence (exports, packs): the identity, while the keychain hands it out. */
    signer(): EvidenceSigner | null {
      return identity
        ? {
            fingerprint: identity.fingerprint,
            publicKeyPem: identity.publicKeyPem,
            sign: (text) => identity!.sign(text),
          }
        : null;
    },

    signing(): AuditStatus['signing'] {
      if (!identity) return null;
      return {
        fingerprint: identity.fingerprint,
        publicKey: identity.publicKeyPem,
        checkpoint: lastSigned ? { seq: lastSigned.seq, at: lastSigned.at } : null,
      };
    },

    /** Saves the public key that checks this installation's signatures, where the admin chooses. */
    async exportPublicKey(dialogs: Dialogs): Promise<{ path: string | null; fingerprint: string | null }> {
      if (!identity)
        throw new AppError(
          'KEYCHAIN_LOCKED',
          'The signing key is in the keychain, which cannot hand it out now. Unlock the keychain, then restart the console.',
        );
      const target = await dialogs.saveFile({
        title: 'Save the audit signing public key',
        defaultPath: 'scim-console-audit-public-key.pem',
        filters: [{ name: 'PEM', extensions: ['pem'] }],
      });
      if (!target) return { path: null, fingerprint: identity.fingerprint };
      try {
        writeFileSync(target, identity.publicKeyPem);
      } catch (error) {
        throw new AppError('FILE_ERROR', `Could not write ${target}: ${(error as Error).message}`);
      }
      return { path: target, fingerprint: identity.fingerprint };
    },

    /** Resolves once the newest checkpoint is in the keychain too. */
    flush: () => checkpoints.flush(),
  };
}
