import { AppError } from '../errors';
import { sealWith, type EvidenceSealing } from '../evidence/manifest';
import { writeFileAtomic } from '../fs/atomic';
import { csvLine } from '../fs/csv';
import type { Snapshot } from './rows';
import type { AuditService } from '../audit/service';
import type { Dialogs } from '../deps';
import type { Logger } from '../log';
import type { TenantService } from '../tenants/service';

export const MEMBER_EXPORT_COLUMNS = [
  'id',
  'userName',
  'givenName',
  'familyName',
  'displayName',
  'email',
  'active',
  'roles',
  'groups',
  'lastModified',
] as const;

/**
 * Writes the given members (the ones the table shows) from the last listing to a CSV or JSON
 * file the admin picks. Formula-like cells are defused; the export is recorded in the audit history.
 */
export async function exportMembers(
  deps: {
    dialogs: Dialogs;
    now: () => Date;
    audit: Pick<AuditService, 'event'>;
    tenants: Pick<TenantService, 'auditContext'>;
    log: Logger;
    evidence?: EvidenceSealing;
  },
  s: Snapshot | undefined,
  tenantId: string,
  memberIds: string[],
  format: 'csv' | 'json',
): Promise<{ path: string | null; count: number }> {
  if (!s) throw new AppError('INTERNAL', 'Load the members before exporting them.');
  const stamp = deps.now().toISOString().slice(0, 10);
  const file = await deps.dialogs.saveFile({
    title: 'Export members',
    defaultPath: `members-${stamp}.${format}`,
    filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON', extensions: ['json'] }],
  });
  if (!file) return { path: null, count: 0 };
  const groupName = (id: string) => s.groups.get(id)?.displayName ?? id;
  const rows = memberIds.flatMap((id) => {
    const m = s.members.get(id);
    if (!m) return [];
    return [
      {
        id: m.id,
        userName: m.userName,
        givenName: m.givenName,
        familyName: m.familyName,
        displayName: m.displayName,
        email: m.email ?? m.userName,
        active: m.active,
        roles: m.roles,
        groups: m.groupIds.map(groupName),
        lastModified: m.lastModified,
      },
    ];
  });
  const text =
    format === 'json'
      ? JSON.stringify(rows, null, 2) + '\n'
      : [
          csvLine(MEMBER_EXPORT_COLUMNS),
          ...rows.map((r) =>
            csvLine(
              MEMBER_EXPORT_COLUMNS.map((c) => {
                const v = r[c];
                return Array.isArray(v) ? v.join('; ') : v;
              }),
            ),
          ),
        ].join('\n') + '\n';
  const context = await deps.tenants.auditContext(tenantId);
  try {
    await writeFileAtomic(file, text);
    await sealWith(deps.evidence, {
      file,
      kind: 'members-export',
      content: format,
      records: rows.length,
      now: deps.now(),
      tenant: { id: tenantId, name: context.tenantName, url: context.tenantUrl },
    });
  } catch (error) {
    throw new AppError('FILE_ERROR', `Could not write ${file}: ${(error as Error).message}`);
  }
  await deps.audit
    .event('members.export', {
      ...context,
      target: file,
      detail: { format, count: rows.length },
    })
    .catch((error: unknown) => deps.log.warn('could not record the export', { error: String(error) }));
  return { path: file, count: rows.length };
}
