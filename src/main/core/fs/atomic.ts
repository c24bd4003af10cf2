import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that a crash leaves either the old or the new content, never a mix: write a
 * temporary file beside it, flush it to disk, then rename over the target.
 */
export async function writeFileAtomic(file: string, data: string, mode = 0o600): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', mode);
  try {
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    // A full disk, a failed sync or rename: never leave the half-written temporary file behind.
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
