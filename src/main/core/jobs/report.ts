import type { Dialogs } from '../deps';
import { sealWith, type EvidenceSealing } from '../evidence/manifest';
import { AppError } from '../errors';
import { writeFileAtomic } from '../fs/atomic';
import { csvLine } from '../fs/csv';
import type { TenantService } from '../tenants/service';
import type { Journal, JobRecord } from './journal';
import type { Operation } from './operations';

/** Report rows read from the journal at once. */
const REPORT_PAGE = 1_000;

/** A step's action as a person reads it. */
const ACTIONS: Record<Operation['type'], (op: Operation) => string> = {
  create: () => 'create',
  createGroup: () => 'create group',
  setActive: (op) => (op.type === 'setActive' && op.active ? 'reactivate' : 'deactivate'),
  delete: () => 'delete',
  addToGroup: () => 'add to group',
  removeFromGroup: () => 'remove from group',
};

/**
 * A job's per-step report as CSV (row or step, action, member, group, state, result, error), where
 * the admin chooses: an import's lines start with the row of the file that asked for the step, any
 * other job's with the step's number. Sealed with a signed manifest. Read a page at a time with the event loop free
 * between pages, so a 200,000-step job does not stall main.
 */
export async function exportJobReport(
  deps: { dialogs: Dialogs; tenants: Pick<TenantService, 'auditContext'>; now: () => Date; evidence?: EvidenceSealing },
  journal: Pick<Journal, 'after'>,
  job: JobRecord,
): Promise<{ path: string | null; count: number }> {
  const file = await deps.dialogs.saveFile({
    title: 'Save the job report',
    defaultPath: `${job.kind}-report-${job.createdAt.slice(0, 10)}.csv`,
    filters: [{ name: 'CSV', extensions: ['csv'] }],
  });
  if (!file) return { path: null, count: 0 };
  const byRow = job.kind === 'import';
  const lines = [csvLine([byRow ? 'row' : 'step', 'action', 'member', 'group', 'state', 'result', 'error'])];
  for (let after = -1; ;) {
    const page = journal.after(job.id, after, REPORT_PAGE);
    if (page.length) after = page[page.length - 1]!.seq;
    for (const o of page) {
      const op = o.op as Operation & { row?: number | null };
      lines.push(
        csvLine([
          byRow ? (op.row ?? '') : o.seq + 1,
          ACTIONS[op.type](op),
          'userName' in op ? op.userName : '',
          'groupName' in op ? op.groupName : '',
          o.state,
          o.result ?? '',
          o.errorMessage ?? '',
        ]),
      );
    }
    if (page.length < REPORT_PAGE) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const count = lines.length - 1;
  try {
    await writeFileAtomic(file, lines.join('\n') + '\n');
    const context = await deps.tenants.auditContext(job.tenantId).catch(() => null);
    await sealWith(deps.evidence, {
      file,
      kind: 'job-report',
      content: 'csv',
      records: count,
      now: deps.now(),
      tenant: context ? { id: job.tenantId, name: context.tenantName, url: context.tenantUrl } : null,
    });
  } catch (error) {
    throw new AppError('FILE_ERROR', `Could not write ${file}: ${(error as Error).message}`);
  }
  return { path: file, count };
}
