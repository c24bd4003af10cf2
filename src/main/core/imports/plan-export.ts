import type { Dialogs } from '../deps';
import { sealWith, type EvidenceSealing } from '../evidence/manifest';
import { AppError } from '../errors';
import { writeFileAtomic } from '../fs/atomic';
import { describeOperation } from '../jobs/operations';
import { planRequests } from '../jobs/plan-requests';
import type { ColumnMapping } from './mapping';
import type { ImportPlan, PlanOptions } from './plan';

/**
 * Saves the whole plan as JSON where the admin chooses (every step with its row, and every request
 * the job sends, batched as it sends them), sealed with a signed manifest.
 */
export async function exportPlanFile(
  deps: { dialogs: Dialogs; evidence?: EvidenceSealing },
  fileName: string,
  planned: { plan: ImportPlan; mapping: ColumnMapping; options: PlanOptions; batchSize: number },
): Promise<{ path: string | null; steps: number }> {
  const file = await deps.dialogs.saveFile({
    title: 'Save the import plan',
    defaultPath: `${fileName.replace(/\.[^.]+$/, '')}-plan.json`,
    filters: [{ name: 'JSON', extensions: ['json'] }],
  });
  if (!file) return { path: null, steps: 0 };
  const { plan, mapping, options, batchSize } = planned;
  const requests = planRequests(plan.steps, batchSize);
  const body = {
    file: fileName,
    mapping,
    options,
    counts: plan.counts,
    issues: plan.issues,
    drift: plan.drift,
    steps: plan.steps.map((s) => ({ row: s.row, description: describeOperation(s.op) })),
    // The requests the job sends, batched as it sends them; each is read back once.
    writeRequests: requests.writes,
    totalRequests: requests.total,
    requests: requests.requests,
  };
  try {
    await writeFileAtomic(file, JSON.stringify(body, null, 2) + '\n');
    await sealWith(deps.evidence, { file, kind: 'import-plan', content: 'other', records: null, now: new Date() });
  } catch (error) {
    throw new AppError('FILE_ERROR', `Could not write ${file}: ${(error as Error).message}`);
  }
  return { path: file, steps: plan.steps.length };
}
