import { createHash } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets/secret-store';
import { verifySignature, type SigningIdentity } from './identity';

/**
 * A signed statement of the history's head: "entry `seq` has hash `hash`", signed at `at` with the
 * installation's key. Kept where deleting or rolling back `audit.sqlite` cannot take it along: an
 * append-only file beside it and the OS keychain.
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  sig: string;
}

export const CHECKPOINT_FILE = 'audit.checkpoints';
/** Past this size the file is started again from its last checkpoint (atomically). */
const ROTATE_BYTES = 1024 * 1024;
/** Only the end of the file is read: the newest checkpoint is the last valid line. */
const TAIL_BYTES = 64 * 1024;

const checkpointSchema = z
  .object({
    seq: z.number().int().nonnegative(),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.string().max(40),
    sig: z.string().max(200),
  })
  .strict();

/** What is signed: a fixed, versioned text, so a signature cannot be replayed as anything else. */
export function checkpointText(c: Pick<Checkpoint, 'seq' | 'hash' | 'at'>): string {
  return `scim-console audit checkpoint v1\nseq ${c.seq}\nhash ${c.hash}\nat ${c.at}`;
}

export function makeCheckpoint(identity: SigningIdentity, head: { seq: number; hash: string }, at: Date): Checkpoint {
  const unsigned = { seq: head.seq, hash: head.hash, at: at.toISOString() };
  return { ...unsigned, sig: identity.sign(checkpointText(unsigned)) };
}

/** A checkpoint from text, only when it parses and its signature verifies under `publicKeyPem`. */
export function parseCheckpoint(text: string, publicKeyPem: string): Checkpoint | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) return null;
  return verifySignature(publicKeyPem, checkpointText(parsed.data), parsed.data.sig) ? parsed.data : null;
}

/** The keychain account of this data folder's checkpoint (several profiles may share one keychain). */
export function checkpointAccount(dataDir: string): string {
  return `audit-checkpoint:${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}`;
}

/** The last valid checkpoint in the file's tail, or null (no file, not a regular file, nothing valid). */
function lastInFile(file: string, publicKeyPem: string): Checkpoint | null {
  if (!existsSync(file)) return null;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile()) return null;
    const length = Math.min(stat.size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, stat.size - length);
    const lines = buffer.toString('utf8').split('\n');
    for (let i = lines.length - 1; i >= 0; i -= 1) {
      const found = lines[i]!.trim() ? parseCheckpoint(lines[i]!, publicKeyPem) : null;
      if (found) return found;
    }
    return null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes and reads this data folder's checkpoints. Each write appends a line to the file at once;
 * the keychain copy is written in the background, newest first (a write waiting there is replaced
 * by a newer one). Nothing here throws at the caller: a checkpoint that cannot be written is
 * logged, and the next one covers it.
 */
export function createCheckpointKeeper(deps: { dataDir: string; secrets: SecretStore; log: Logger }) {
  const file = path.join(deps.dataDir, CHECKPOINT_FILE);
  const account = checkpointAccount(deps.dataDir);
  /** The file's size as this run wrote it (read once), so an append needs no stat. */
  let size: number | null = null;
  let waiting: Checkpoint | null = null;
  let writing: Promise<void> | null = null;

  async function drain(): Promise<void> {
    while (waiting) {
      const next = waiting;
      waiting = null;
      const saved = await deps.secrets.set(account, JSON.stringify(next));
      if (saved.state !== 'ok') deps.log.warn('audit checkpoint not saved in the keychain', { state: saved.state });
    }
    writing = null;
  }

  return {
    /** The newest valid checkpoint of the file and the keychain (the higher one), or null. */
    async latest(publicKeyPem: string): Promise<Checkpoint | null> {
      const fromFile = lastInFile(file, publicKeyPem);
      const held = await deps.secrets.get(account);
      const fromKeychain = held.state === 'ok' ? parseCheckpoint(held.value, publicKeyPem) : null;
      if (!fromFile) return fromKeychain;
      if (!fromKeychain) return fromFile;
      return fromKeychain.seq > fromFile.seq ? fromKeychain : fromFile;
    },

    write(checkpoint: Checkpoint): void {
      const line = `${JSON.stringify(checkpoint)}\n`;
      try {
        size ??= existsSync(file) ? statSync(file).size : 0;
        appendFileSync(file, line, { mode: 0o600 });
        size += Buffer.byteLength(line);
        if (size > ROTATE_BYTES) {
          // Started again from this checkpoint: written aside, then renamed over, so it is never empty.
          writeFileSync(`${file}.tmp`, line, { mode: 0o600 });
          renameSync(`${file}.tmp`, file);
          size = Buffer.byteLength(line);
        }
      } catch (error) {
        deps.log.warn('audit checkpoint not written to its file', { error: (error as Error).message });
      }
      waiting = checkpoint;
      writing ??= drain();
    },

    /** Resolves once the keychain holds the newest checkpoint written (or has refused it). */
    async flush(): Promise<void> {
      while (writing) await writing;
    },

    /** Moves the file aside with a new history (`startFresh`); the keychain copy is replaced by the next write. */
    keepAside(suffix: string): void {
      if (existsSync(file)) renameSync(file, `${file}.${suffix}`);
      size = null;
    },
  };
}

export type CheckpointKeeper = ReturnType<typeof createCheckpointKeeper>;
