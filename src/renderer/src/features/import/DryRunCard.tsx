import { useState } from 'react';
import type { ImportPlanView } from '../../../../shared/domain/jobs';
import { ErrorText } from '../../components/ErrorText';
import { formatNumber } from '../../lib/numbers';
import { useExportPlan } from './queries';

/** "Row 4: ", "Rows 2-101: " (a batch of consecutive rows), "Rows 2, 5 and 8 others: ", or nothing. */
function rowsLabel(rows: readonly number[]): string {
  if (rows.length === 0) return '';
  if (rows.length === 1) return `Row ${rows[0]}: `;
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  if (last - first === rows.length - 1) return `Rows ${first}-${last}: `;
  return `Rows ${first}, ${rows[1]} and ${formatNumber(rows.length - 2)} more: `;
}

/** The dry run: every write request the job will send, batched as it sends them, and the plan as JSON. */
export function DryRunCard({ tenantId, plan }: { tenantId: string; plan: ImportPlanView }) {
  const [showRequests, setShowRequests] = useState(false);
  const exportPlan = useExportPlan(tenantId);
  return (
    <div className="import-card">
      <h2>Dry run</h2>
      <div className="toolbar">
        <button
          type="button"
          className="button button-small"
          aria-expanded={showRequests}
          onClick={() => setShowRequests(!showRequests)}
          disabled={plan.writeCount === 0}
        >
          {showRequests ? 'Hide the requests' : `Show the ${formatNumber(plan.writeCount)} requests`}
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => exportPlan.mutate(plan.importId)}
          disabled={exportPlan.isPending}
        >
          Export plan (JSON)
        </button>
      </div>
      {exportPlan.error ? <ErrorText error={exportPlan.error} /> : null}
      {showRequests ? (
        <ol className="plain-list" aria-label="Requests the import would send">
          {plan.requests.map((r, i) => (
            <li key={i}>
              <span>
                {rowsLabel(r.rows)}
                {r.description}
              </span>
              <pre className="request-block">
                {r.request.method} {r.request.path}
                {r.request.body === undefined ? '' : `\n${JSON.stringify(r.request.body, null, 2)}`}
              </pre>
            </li>
          ))}
          {plan.writeCount > plan.requests.length ? (
            <li className="cell-muted">
              … and {formatNumber(plan.writeCount - plan.requests.length)} more (Export plan has them all).
            </li>
          ) : null}
        </ol>
      ) : null}
    </div>
  );
}
