import type { Dialogs } from '../deps';
import { sealWith, type EvidenceSealing } from '../evidence/manifest';
import { AppError } from '../errors';
import { writeFileAtomic } from '../fs/atomic';
import { describeOperation } from '../jobs/operations';
import { planRequests } from '../jobs/plan-requests';
import type { ColumnMapping } from './mapping';
import type { ImportPlan, PlanOptions } from './plan';

/** What a plan file is, for the installation that opens it. */
export const PLAN_FILE_FORMAT = 'invision-scim-console/import-plan';

/**
 * Saves the whole plan as JSON where the admin chooses (every step with its row, and every request
 * the job sends, batched as it sends them), sealed with a signed manifest. The `apply` section is
 * what another installation of the console needs to review and apply it: the tenant it was made
 * for, when and by which installation (fingerprint and public key), and every step with the state
 * it expects. An unsigned plan (the keychain would not sign) can be read but not applied elsewhere.
 */
export async function exportPlanFile(
  deps: { dialogs: Dialogs; evidence?: EvidenceSealing },
  fileName: string,
  tenant: { id: string; name: string; url: string },
  planned: {
    plan: ImportPlan;
    mapping: ColumnMapping;
    options: PlanOptions;
    batchSize: number;
    plannedAt: string;
  },
): Promise<{ path: string | null; steps: number; signed: boolean }> {
  const file = await deps.dialogs.saveFile({
    title: 'Save the import plan',
    defaultPath: `${fileName.replace(/\.[^.]+$/, '')}-plan.json`,
    filters: [{ name: 'JSON', extensions: ['json'] }],
  });
  if (!file) return { path: null, steps: 0, signed: false };
  const { plan, mapping, options, batchSize } = planned;
  const requests = planRequests(plan.steps, batchSize);
  const signer = deps.evidence?.signer() ?? null;
  const body = {
    format: PLAN_FILE_FORMAT,
    version: 1,
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
    apply: {
      tenant: { name: tenant.name, url: tenant.url },
      plannedAt: planned.plannedAt,
      plannedBy: signer?.publicKeyPem ? { fingerprint: signer.fingerprint, publicKeyPem: signer.publicKeyPem } : null,
      rows: plan.rows,
      activeMembers: plan.activeMembers,
      unknownGroups: plan.unknownGroups,
      safeguard: plan.safeguard,
      ops: plan.steps,
    },
  };
  let signed: boolean;
  try {
    await writeFileAtomic(file, JSON.stringify(body, null, 2) + '\n');
    ({ signed } = await sealWith(deps.evidence, {
      file,
      kind: 'import-plan',
      content: 'other',
      records: null,
      now: new Date(),
      tenant,
    }));
  } catch (error) {
    throw new AppError('FILE_ERROR', `Could not write ${file}: ${(error as Error).message}`);
  }
  return { path: file, steps: plan.steps.length, signed };
}
