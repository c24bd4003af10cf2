import type { ImportPlanView, PlanOptionsView } from '../../../shared/domain/jobs';
import { describeOperation, requestOf } from '../jobs/operations';
import { planRequests } from '../jobs/plan-requests';
import type { ColumnMapping } from './mapping';
import type { ImportPlan } from './plan';
import type { PlanOrigin } from './plan-file';

/** Steps a plan sends to the renderer with their requests (the JSON export has all of them). */
const PREVIEW_STEPS = 500;
/** Issues sent to the renderer (the rest are counted). */
const PREVIEW_ISSUES = 2_000;

/** A plan as the import service keeps it until it is applied. */
export interface StoredPlan {
  id: string;
  plan: ImportPlan;
  mapping: ColumnMapping;
  options: PlanOptionsView;
  /** Members per group PATCH on this tenant when the plan was made. */
  batchSize: number;
  /** When the tenant was read for it. */
  plannedAt: string;
  /** For a plan opened from a file: who made it, and which file. */
  origin: PlanOrigin | null;
}

/** What the renderer shows of a plan: figures, findings, the first steps and requests (the dry run). */
export function planView(
  importId: string,
  stored: StoredPlan,
  ownFingerprint: string | null = null,
): ImportPlanView & { planId: string } {
  const { plan, origin } = stored;
  const requests = planRequests(plan.steps, stored.batchSize, PREVIEW_STEPS);
  return {
    importId,
    planId: stored.id,
    plannedAt: stored.plannedAt,
    rows: plan.rows,
    issues: plan.issues.slice(0, PREVIEW_ISSUES),
    steps: plan.steps.slice(0, PREVIEW_STEPS).map((s) => ({
      row: s.row,
      type: s.op.type,
      description: describeOperation(s.op),
      request: requestOf(s.op),
    })),
    stepCount: plan.steps.length,
    requests: requests.requests,
    writeCount: requests.writes,
    requestCount: requests.total,
    counts: plan.counts,
    unknownGroups: plan.unknownGroups,
    drift: plan.drift,
    safeguard: plan.safeguard,
    activeMembers: plan.activeMembers,
    origin: origin
      ? {
          fileName: origin.fileName,
          source: origin.source,
          plannedAt: origin.plannedAt,
          plannedBy: origin.plannedBy,
          byThisInstallation: ownFingerprint !== null && ownFingerprint === origin.plannedBy,
        }
      : null,
  };
}
