import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Mount {
  dir: string;
  /** Unmounts and removes the mount point. */
  release(): void;
}

/**
 * A real, small tmpfs for the tests of full and read-only disks (mounting needs root, as in CI).
 * Returns the reason instead when this machine will not mount one, for the test to print as it skips.
 */
export function mountTmpfs(options: { sizeBytes: number; readOnly?: boolean }): Mount | string {
  if (process.platform !== 'linux') return 'tmpfs mounts are a Linux feature';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root (CI runs as root)';
  const dir = mkdtempSync(path.join(tmpdir(), 'scim-console-mount-'));
  try {
    const opts = [`size=${options.sizeBytes}`, 'mode=0700', ...(options.readOnly ? ['ro'] : [])].join(',');
    execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `this machine would not mount a tmpfs (${(error as Error).message.split('\n')[0]})`;
  }
  return {
    dir,
    release() {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
