import { copyFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { sandboxProfile, SANDBOX_TENANT_ID, tenantsFileSchema, type TenantsFile } from '../../../shared/domain/tenant';
import { writeFileAtomic } from '../fs/atomic';
import { readDataFile } from '../fs/safe-read';
import { normaliseBaseUrl } from '../scim/url';

export const TENANTS_FILE = 'tenants.json';
/** Far above any real profile list (a profile is about 1 KiB). */
export const TENANTS_FILE_MAX_BYTES = 4 * 1024 * 1024;

export interface LoadResult {
  file: TenantsFile;
  /** Set when tenants.json could not be used: what was wrong and where the original was kept. */
  notice: string | null;
}

function withSandbox(file: TenantsFile): TenantsFile {
  if (file.tenants.some((t) => t.id === SANDBOX_TENANT_ID)) return file;
  return { ...file, tenants: [sandboxProfile(), ...file.tenants] };
}

function fresh(): TenantsFile {
  return { version: 1, tenants: [sandboxProfile()], lastUsedId: SANDBOX_TENANT_ID };
}

/** Checks what a schema cannot: unique ids, and URLs the console would accept when typed in. */
function problemsIn(file: TenantsFile): string | null {
  const ids = new Set<string>();
  for (const tenant of file.tenants) {
    if (ids.has(tenant.id)) return `two tenants share the id ${tenant.id}`;
    ids.add(tenant.id);
    if (tenant.kind === 'scim') {
      try {
        normaliseBaseUrl(tenant.baseUrl);
      } catch {
        return `the tenant "${tenant.name}" has an unusable base URL (${tenant.baseUrl.slice(0, 80)})`;
      }
    }
  }
  return null;
}

/** tenants.json: zod-validated, written atomically; a file that cannot be used is kept aside, never lost. */
export function createTenantStore(options: { dataDir: string; now: () => Date }) {
  const file = path.join(options.dataDir, TENANTS_FILE);
  let writing: Promise<void> = Promise.resolve();

  async function keepAside(reason: string, move = false): Promise<string> {
    const stamp = options.now().toISOString().replace(/[:.]/g, '-');
    const kept = `${file}.unreadable-${stamp}`;
    // A regular file is copied (the original stays until the admin changes something); one too
    // large to copy cheaply is moved.
    try {
      await (move ? rename(file, kept) : copyFile(file, kept));
    } catch (error) {
      // Not even a copy could be made (a folder that takes no writes): say so; the original stays.
      return `tenants.json could not be used (${reason}), and it could not be kept aside (${(error as NodeJS.ErrnoException).code ?? String(error)}). The original is untouched; tokens in the keychain are untouched. Check the data folder, then fix or re-import the profiles.`;
    }
    return `tenants.json could not be used (${reason}). The original was kept as ${path.basename(kept)} in the data directory; tokens in the keychain are untouched. Fix or re-import it, or add the tenants again.`;
  }

  return {
    path: file,
    /** Never throws: a file that cannot be used becomes a fresh list and a notice. */
    async load(): Promise<LoadResult> {
      const read = await readDataFile(file, TENANTS_FILE_MAX_BYTES);
      if (read.state === 'missing') return { file: fresh(), notice: null };
      if (read.state === 'refused') {
        if (read.oversize) return { file: fresh(), notice: await keepAside(read.reason, true) };
        // A pipe, a device or a link: nothing of the admin's to keep; the next change replaces the entry.
        return {
          file: fresh(),
          notice: `tenants.json could not be used (${read.reason}), so it was not read. It was left as it is; the next change to the tenants replaces it. Tokens in the keychain are untouched: re-import the profiles or add the tenants again.`,
        };
      }
      const text = read.text;
      let json: unknown;
      try {
        json = JSON.parse(text) as unknown;
      } catch {
        return { file: fresh(), notice: await keepAside('it is not valid JSON') };
      }
      const parsed = tenantsFileSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return {
          file: fresh(),
          notice: await keepAside(`${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'unexpected shape'}`),
        };
      }
      const problem = problemsIn(parsed.data);
      if (problem) return { file: fresh(), notice: await keepAside(problem) };
      return { file: withSandbox(parsed.data), notice: null };
    },
    /** Saves one write after another, so two quick changes never interleave. */
    save(next: TenantsFile): Promise<void> {
      const data = JSON.stringify(tenantsFileSchema.parse(next), null, 2) + '\n';
      writing = writing.catch(() => undefined).then(() => writeFileAtomic(file, data));
      return writing;
    },
  };
}

export type TenantStore = ReturnType<typeof createTenantStore>;
