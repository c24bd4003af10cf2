import { randomUUID } from 'node:crypto';
import { emptyCapabilityProfile } from '../../../shared/domain/scim';
import { tenantExportSchema, type TenantExport, type TenantProfile } from '../../../shared/domain/tenant';
import type { Dialogs } from '../deps';
import { AppError } from '../errors';
import { writeFileAtomic } from '../fs/atomic';
import { readDataFile } from '../fs/safe-read';
import { normaliseBaseUrl } from '../scim/url';
import type { TenantRecorder } from './events';
import { cleanName, type Profiles } from './profiles';
import { TENANTS_FILE_MAX_BYTES } from './store';

/** Tenant profiles to and from a file, never with tokens: an imported tenant gets its token with Rotate token. */
export function createProfileTransfer(deps: {
  profiles: Profiles;
  dialogs: Dialogs;
  now: () => Date;
  record: TenantRecorder;
}) {
  /** Writes every profile except the Sandbox, without tokens or fingerprints. */
  async function exportProfiles(): Promise<{ path: string | null; count: number }> {
    const target = await deps.dialogs.saveFile({
      title: 'Export tenant profiles (no tokens)',
      defaultPath: 'scim-console-tenants.json',
      filters: [{ name: 'JSON', extensions: ['json'] }],
    });
    if (!target) return { path: null, count: 0 };
    const tenants = (await deps.profiles.data()).tenants
      .filter((t) => t.kind === 'scim')
      .map((t) => ({ name: t.name, baseUrl: t.baseUrl, readOnly: t.readOnly }));
    const body: TenantExport = {
      format: 'invision-scim-console/tenants',
      version: 1,
      exportedAt: deps.now().toISOString(),
      tenants,
    };
    try {
      await writeFileAtomic(target, JSON.stringify(body, null, 2) + '\n', 0o644);
    } catch (error) {
      throw new AppError('FILE_ERROR', `Could not write ${target}: ${(error as Error).message}`);
    }
    await deps.record(
      'tenant.profilesExported',
      { id: '', name: 'all tenants', baseUrl: '' },
      { outcome: 'success', detail: { count: tenants.length } },
    );
    return { path: target, count: tenants.length };
  }

  /** Reads exported profiles; each arrives without a token, to be added with Rotate token. */
  async function importProfiles(): Promise<{ path: string | null; added: number; skipped: string[] }> {
    const source = await deps.dialogs.openFile({
      title: 'Import tenant profiles',
      filters: [{ name: 'JSON', extensions: ['json'] }],
    });
    if (!source) return { path: null, added: 0, skipped: [] };
    let parsed: TenantExport;
    try {
      const read = await readDataFile(source, TENANTS_FILE_MAX_BYTES);
      if (read.state !== 'ok') throw new Error(read.state === 'missing' ? 'the file is gone' : read.reason);
      const result = tenantExportSchema.safeParse(JSON.parse(read.text));
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'unexpected shape');
      parsed = result.data;
    } catch (error) {
      throw new AppError('FILE_ERROR', `That file is not an export of tenant profiles (${(error as Error).message}).`);
    }
    const file = await deps.profiles.data();
    const skipped: string[] = [];
    const added: TenantProfile[] = [];
    for (const entry of parsed.tenants) {
      let baseUrl: string;
      try {
        baseUrl = normaliseBaseUrl(entry.baseUrl);
      } catch {
        skipped.push(`${entry.name}: unusable base URL`);
        continue;
      }
      if ([...file.tenants, ...added].some((t) => t.baseUrl === baseUrl && t.name === entry.name)) {
        skipped.push(`${entry.name}: already present`);
        continue;
      }
      added.push({
        id: randomUUID(),
        kind: 'scim',
        requireSeparateApplier: false,
        name: cleanName(entry.name),
        baseUrl,
        readOnly: entry.readOnly,
        tokenFingerprint: null,
        tokenSavedAt: null,
        lastTestedAt: null,
        capabilities: emptyCapabilityProfile(),
      });
    }
    if (added.length) await deps.profiles.commit({ ...file, tenants: [...file.tenants, ...added] });
    await deps.record(
      'tenant.profilesImported',
      { id: '', name: 'imported tenants', baseUrl: '' },
      { outcome: 'success', detail: { added: added.map((t) => t.name), skipped } },
    );
    return { path: source, added: added.length, skipped };
  }

  return { exportProfiles, importProfiles };
}
