import { TableHead } from '../../components/TableHead';
import { ScrollArea } from '../../components/ScrollArea';
import type { PlanOptionsView } from '../../../../shared/domain/jobs';
import { formatNumber } from '../../lib/numbers';
import type { Plan } from './queries';

/**
 * What the plan found besides its steps: the drift between the file and the tenant (with a way to
 * act on it), groups the file names that the tenant lacks, and the rows with problems.
 */
export function PlanFindings({
  plan,
  options,
  onReplan,
  busy,
}: {
  plan: Plan;
  options: PlanOptionsView;
  /** Null for a plan opened from a file: it cannot be planned again here. */
  onReplan: ((o: PlanOptionsView) => void) | null;
  busy: boolean;
}) {
  const errors = plan.issues.filter((i) => i.severity === 'error').length;
  const warnings = plan.issues.length - errors;
  const drift = plan.drift;
  return (
    <>
      <div className="import-card">
        <h2>Drift against the tenant</h2>
        <ul className="plain-list">
          <li>
            <strong>{formatNumber(drift.activeNotInFile.length)}</strong> active in InVision but not in the file
            (possible orphans after offboarding)
            {drift.activeNotInFile.length > 0 ? `: ${preview(drift.activeNotInFile.map((m) => m.userName))}` : ''}
          </li>
          <li>
            <strong>{formatNumber(drift.inFileNotInTenant.length)}</strong> in the file but not in InVision
            {drift.inFileNotInTenant.length > 0 ? `: ${preview(drift.inFileNotInTenant)}` : ''}
          </li>
          <li>
            <strong>{formatNumber(drift.inactiveButActiveInFile.length)}</strong> inactive in InVision but active in the
            file
            {drift.inactiveButActiveInFile.length > 0
              ? `: ${preview(drift.inactiveButActiveInFile.map((m) => m.userName))}`
              : ''}
          </li>
        </ul>
        {onReplan && drift.activeNotInFile.length > 0 && !options.deactivateMissing ? (
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => onReplan({ ...options, deactivateMissing: true })}
          >
            Plan to deactivate the {formatNumber(drift.activeNotInFile.length)} not in the file
          </button>
        ) : null}
        {plan.unknownGroups.length > 0 && !options.createUnknownGroups ? (
          <p>
            The file names {plan.unknownGroups.length} group{plan.unknownGroups.length === 1 ? '' : 's'} the tenant does
            not have ({preview(plan.unknownGroups)}).{' '}
            {onReplan ? (
              <button
                type="button"
                className="link-button"
                disabled={busy}
                onClick={() => onReplan({ ...options, createUnknownGroups: true })}
              >
                Create them
              </button>
            ) : null}
          </p>
        ) : null}
      </div>

      {plan.issues.length > 0 ? (
        <div className="import-card">
          <h2>
            Rows with problems ({formatNumber(errors)} error{errors === 1 ? '' : 's'}, {formatNumber(warnings)} warning
            {warnings === 1 ? '' : 's'})
          </h2>
          <p className="cell-muted">
            Rows with errors are left out; fix them in the file and choose it again to include them.
          </p>
          <ScrollArea label="Rows with problems, scrollable">
            <table className="table table-issues" aria-label="Rows with problems">
              <TableHead columns={['Row', 'Severity', 'Problem']} />
              <tbody>
                {plan.issues.map((issue, i) => (
                  <tr key={i}>
                    <td className="cell-num">{issue.row || '—'}</td>
                    <td>
                      <span className={issue.severity === 'error' ? 'pill pill-failure' : 'pill pill-unknown'}>
                        {issue.severity}
                      </span>
                    </td>
                    <td>{issue.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        </div>
      ) : null}
    </>
  );
}

function preview(names: readonly string[], n = 5): string {
  const shown = names.slice(0, n).join(', ');
  return names.length > n ? `${shown} and ${formatNumber(names.length - n)} more` : shown;
}
