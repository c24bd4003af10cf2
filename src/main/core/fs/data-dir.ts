import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';

/** A file-system error code as a person reads it. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EROFS':
      return 'it is on a read-only file system';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'ENOTDIR':
      return 'part of its path is a file, not a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** True for the errors a full disk (or an exhausted quota) gives, in any layer that reports them. */
export function isDiskFull(error: unknown): boolean {
  const e = error as { code?: unknown; errcode?: unknown; message?: unknown } | null;
  if (e?.code === 'ENOSPC' || e?.code === 'EDQUOT') return true;
  // SQLite: SQLITE_FULL (13), or an I/O error whose text names the disk.
  if (e?.errcode === 13) return true;
  return typeof e?.message === 'string' && /database or disk is full|ENOSPC|no space left/i.test(e.message);
}

/** The sentence the admin sees when the data folder cannot be written. */
export function unwritableMessage(dataDir: string, reason: string): string {
  return `The console cannot write to its data folder ${dataDir} (${reason}). It refuses changes it could not record. Make the folder writable (or free space on its disk), then restart the console.`;
}

/**
 * Checks at start-up that the data folder exists and takes a write: null when it does, else the
 * message to show. Never throws.
 */
export function probeDataDir(dataDir: string): string | null {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const probe = path.join(dataDir, `.write-probe-${randomBytes(4).toString('hex')}`);
    const fd = openSync(probe, 'wx', 0o600);
    try {
      writeSync(fd, 'ok');
    } finally {
      closeSync(fd);
      unlinkSync(probe);
    }
    return null;
  } catch (error) {
    return unwritableMessage(dataDir, describeFsError(error));
  }
}

/** An AppError for a store in the data folder that could not be opened or written. */
export function dataFileError(dataDir: string, what: string, error: unknown): AppError {
  if (isDiskFull(error)) {
    return new AppError('DISK_FULL', `The disk that holds ${what} in ${dataDir} is full. Free some space, then retry.`);
  }
  return new AppError('DATA_DIR_UNWRITABLE', unwritableMessage(dataDir, describeFsError(error)));
}
