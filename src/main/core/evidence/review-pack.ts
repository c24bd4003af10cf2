import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { Directory } from '../../../shared/domain/directory';
import type { AuditService } from '../audit/service';
import type { Dialogs } from '../deps';
import type { DirectoryService } from '../directory/service';
import { AppError } from '../errors';
import { writeFileAtomic } from '../fs/atomic';
import { csvLine } from '../fs/csv';
import type { TenantService } from '../tenants/service';
import { describeFile, writeManifest, type EvidenceFile, type EvidenceSealing } from './manifest';
import { summaryPage } from './summary-page';

/** Changes that remove a member's access: a leaver is a member one of these succeeded for in the period. */
const REMOVALS = new Set(['member.deactivate', 'member.delete']);
const PAGE = 500;

export interface ReviewPackResult {
  path: string | null;
  members: number;
  changes: number;
  leavers: number;
  signed: boolean;
}

/** The period as the admin picks it (whole days, local time), as instants. */
function periodOf(from: string, to: string): { from: Date; to: Date } {
  const start = new Date(`${from}T00:00:00`);
  const end = new Date(`${to}T23:59:59.999`);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start > end)
    throw new AppError('INVALID_INPUT', 'Choose a period whose start is on or before its end.');
  return { from: start, to: end };
}

/**
 * An access-review pack for a tenant and a period, in a new folder: the roster read fresh (refused
 * when the listing is incomplete), every change the console made to the tenant in the period, the
 * leavers with the time each removal took effect, a summary page for the auditor, and a signed
 * manifest over all of it. `resources/evidence-verify.mjs` checks it without the console.
 */
export function createReviewPacks(deps: {
  audit: Pick<AuditService, 'query' | 'event' | 'evidenceSigner'>;
  directory: Pick<DirectoryService, 'load'>;
  tenants: Pick<TenantService, 'auditContext'>;
  dialogs: Dialogs;
  now: () => Date;
  evidence: EvidenceSealing;
}) {
  /** Every audit entry of the tenant in the period, oldest first (paged, so a long period fits). */
  async function changesIn(tenantId: string, period: { from: Date; to: Date }): Promise<AuditEntry[]> {
    const filter = { tenantId, from: period.from.toISOString(), to: period.to.toISOString() };
    const all: AuditEntry[] = [];
    for (let before: number | null = null; ;) {
      const page = await deps.audit.query(filter, before, PAGE);
      all.push(...page.entries);
      if (page.nextBefore === null || page.entries.length === 0) break;
      before = page.nextBefore;
    }
    return all.reverse();
  }

  function refuseIncomplete(dir: Directory): void {
    if (dir.announcedMembers !== null && dir.members.length < dir.announcedMembers) {
      throw new AppError(
        'SCIM_INVALID_RESPONSE',
        `The roster read was incomplete (the server announced ${dir.announcedMembers} members and served ${dir.members.length}), so no pack was built: a review needs every member. Retry when the server answers the whole listing.`,
      );
    }
    if (dir.truncated || dir.skipped > 0) {
      throw new AppError(
        'SCIM_INVALID_RESPONSE',
        `The roster read was incomplete (${dir.notice ?? 'the listing was cut short'}), so no pack was built: a review needs every member. Retry when the server answers the whole listing.`,
      );
    }
  }

  return {
    async build(input: { tenantId: string; from: string; to: string; taskId: string }): Promise<ReviewPackResult> {
      const period = periodOf(input.from, input.to);
      const context = await deps.tenants.auditContext(input.tenantId);
      const folder = await deps.dialogs.saveFile({
        title: 'Save the access-review pack (a new folder)',
        defaultPath: `access-review-${context.tenantName.replace(/[^\w.-]+/g, '-')}-${input.from}-to-${input.to}`,
        filters: [],
      });
      if (!folder) return { path: null, members: 0, changes: 0, leavers: 0, signed: false };
      if (existsSync(folder) && readdirSync(folder).length > 0)
        throw new AppError('FILE_ERROR', `${folder} is not empty: choose a new folder for the pack.`);
      const roster = await deps.directory.load(input.tenantId, input.taskId);
      refuseIncomplete(roster);
      const readAt = deps.now();
      const changes = await changesIn(input.tenantId, period);
      const leavers = changes.filter((e) => REMOVALS.has(e.action) && e.outcome === 'success');
      const groupName = new Map(roster.groups.map((g) => [g.id, g.displayName]));
      // Removals are recorded against the member's id; the roster names those still there.
      const userNameOf = new Map(roster.members.map((m) => [m.id, m.userName]));
      const leaverRows = leavers.map((e) => ({
        memberId: e.target ?? '',
        member: userNameOf.get(e.target ?? '') ?? '',
        removal: e.action === 'member.delete' ? 'deleted' : 'deactivated',
        at: e.finishedAt ?? e.at,
        actor: e.actor,
        jobId: e.jobId,
        seq: e.seq,
      }));

      const files: Array<{ name: string; text: string; records: number | null; content: EvidenceFile['content'] }> = [
        {
          name: 'roster.csv',
          content: 'csv',
          records: roster.members.length,
          text: lines(
            ['id', 'userName', 'givenName', 'familyName', 'email', 'active', 'groups', 'lastModified'],
            roster.members.map((m) => [
              m.id,
              m.userName,
              m.givenName,
              m.familyName,
              m.email ?? m.userName,
              m.active,
              m.groupIds.map((id) => groupName.get(id) ?? id).join('; '),
              m.lastModified,
            ]),
          ),
        },
        {
          name: 'changes.csv',
          content: 'csv',
          records: changes.length,
          text: lines(
            [
              'at',
              'finishedAt',
              'action',
              'target',
              'outcome',
              'httpStatus',
              'errorCode',
              'actor',
              'jobId',
              'seq',
              'hash',
            ],
            changes.map((e) => [
              e.at,
              e.finishedAt,
              e.action,
              e.target,
              e.outcome,
              e.httpStatus,
              e.errorCode,
              e.actor,
              e.jobId,
              e.seq,
              e.hash,
            ]),
          ),
        },
        {
          name: 'leavers.csv',
          content: 'csv',
          records: leavers.length,
          text: lines(
            ['memberId', 'userName', 'removal', 'accessRemovedAt', 'actor', 'jobId', 'seq'],
            leaverRows.map((l) => [l.memberId, l.member, l.removal, l.at, l.actor, l.jobId, l.seq]),
          ),
        },
      ];
      const signer = deps.evidence.signer();
      files.push({
        name: 'summary.html',
        content: 'html',
        records: null,
        text: summaryPage({
          tenant: context,
          period: { from: input.from, to: input.to },
          readAt: readAt.toISOString(),
          members: roster.members.length,
          active: roster.members.filter((m) => m.active).length,
          changes: changes.length,
          leavers: leaverRows.map((l) => ({
            member: l.member ? `${l.member} (${l.memberId})` : `${l.memberId} (no longer in the tenant)`,
            removal: l.removal,
            at: l.at,
          })),
          fingerprint: signer?.fingerprint ?? null,
          consoleVersion: deps.evidence.consoleVersion,
        }),
      });

      try {
        mkdirSync(folder, { recursive: true });
        const described: EvidenceFile[] = [];
        for (const f of files) {
          const file = path.join(folder, f.name);
          await writeFileAtomic(file, f.text);
          described.push(await describeFile(file, f.content, f.records));
        }
        const { signed } = await writeManifest(
          path.join(folder, 'manifest.json'),
          {
            kind: 'access-review',
            consoleVersion: deps.evidence.consoleVersion,
            createdAt: readAt.toISOString(),
            tenant: { id: input.tenantId, name: context.tenantName, url: context.tenantUrl },
            period: { from: period.from.toISOString(), to: period.to.toISOString() },
            files: described,
            chain: null,
          },
          signer,
        );
        await deps.audit.event('audit.review-pack', {
          ...context,
          target: folder,
          outcome: 'success',
          detail: { from: input.from, to: input.to, members: roster.members.length, changes: changes.length, signed },
        });
        return {
          path: folder,
          members: roster.members.length,
          changes: changes.length,
          leavers: leavers.length,
          signed,
        };
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('FILE_ERROR', `Could not write the pack to ${folder}: ${(error as Error).message}`);
      }
    },
  };
}

/** CSV text with a header; every cell formula-safe. */
function lines(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return [csvLine(header), ...rows.map((r) => csvLine(r))].join('\n') + '\n';
}

export type ReviewPacks = ReturnType<typeof createReviewPacks>;
