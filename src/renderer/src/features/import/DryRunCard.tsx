import type { ImportPlanView } from '../../../../shared/domain/jobs';
import { ErrorText } from '../../components/ErrorText';
import { DryRunRequests } from '../../components/PlannedRequests';
import { useExportPlan } from './queries';

/** The dry run: every write request the job will send, batched as it sends them, and the plan as JSON. */
export function DryRunCard({
  tenantId,
  plan,
  canExport,
}: {
  tenantId: string;
  plan: ImportPlanView;
  /** False for a plan opened from a file: share that file instead. */
  canExport: boolean;
}) {
  const exportPlan = useExportPlan(tenantId);
  return (
    <div className="import-card">
      <h2>Dry run</h2>
      <DryRunRequests
        label="Requests the import would send"
        requests={plan.requests}
        total={plan.writeCount}
        more={canExport ? 'Export plan has them all' : 'the plan file has them all'}
      >
        {canExport ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => exportPlan.mutate(plan.importId)}
            disabled={exportPlan.isPending}
          >
            Export plan (JSON)
          </button>
        ) : null}
      </DryRunRequests>
      {exportPlan.error ? <ErrorText error={exportPlan.error} /> : null}
    </div>
  );
}
