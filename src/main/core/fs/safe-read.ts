import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** What reading one of the console's own files gave. */
export type DataFileRead =
  | { state: 'missing' }
  | { state: 'ok'; text: string }
  /** Not read: not a regular file, too large, a link, or unreadable. `oversize` files can be moved aside. */
  | { state: 'refused'; reason: string; oversize: boolean };

// O_NOFOLLOW refuses a symbolic link; O_NONBLOCK keeps a FIFO (or a device) from blocking the open,
// which would hold one of libuv's four threads for good. Both are 0 where the OS lacks them.
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function kindOf(stat: {
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  isDirectory(): boolean;
}): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/**
 * Reads a small text file from the data directory without ever blocking or following a link:
 * opened non-blocking and without following symlinks, checked to be a regular file within
 * `maxBytes` before a byte is read, and read no further than the cap even if it grows.
 */
export async function readDataFile(file: string, maxBytes: number): Promise<DataFileRead> {
  let handle;
  try {
    handle = await open(file, FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'missing' };
    if (code === 'ELOOP' || code === 'EMLINK')
      return { state: 'refused', reason: 'it is a symbolic link', oversize: false };
    return { state: 'refused', reason: `it cannot be opened (${code ?? 'error'})`, oversize: false };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { state: 'refused', reason: `it is ${kindOf(stat)}`, oversize: false };
    if (stat.size > maxBytes) {
      return { state: 'refused', reason: `it is larger than ${Math.round(maxBytes / 1024)} KiB`, oversize: true };
    }
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stat.size + 1, 1)));
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length >= buffer.length) break;
    }
    if (length > maxBytes) {
      return { state: 'refused', reason: `it is larger than ${Math.round(maxBytes / 1024)} KiB`, oversize: true };
    }
    return { state: 'ok', text: buffer.subarray(0, length).toString('utf8') };
  } catch (error) {
    return {
      state: 'refused',
      reason: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      oversize: false,
    };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
