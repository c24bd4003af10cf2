import { useState } from 'react';
import type { ImportFile, PlanOptionsView } from '../../../../shared/domain/jobs';
import type { TenantView } from '../../../../shared/domain/tenant';
import { ErrorText } from '../../components/ErrorText';
import { TaskProgressBar } from '../../components/ProgressBar';
import { WriteButton } from '../../components/WriteButton';
import { exactDateTime } from '../../lib/dates';
import { formatNumber } from '../../lib/numbers';
import { useUi } from '../../stores/ui';
import { DryRunCard } from './DryRunCard';
import { PlanFindings } from './PlanFindings';
import type { Plan, useImportCalls } from './queries';

const COUNT_LABELS: Array<[keyof Plan['counts'], string]> = [
  ['create', 'to create'],
  ['reactivate', 'to reactivate'],
  ['deactivate', 'to deactivate'],
  ['addToGroup', 'group additions'],
  ['removeFromGroup', 'group removals'],
  ['createGroup', 'groups to create'],
  ['noChange', 'already right'],
  ['rejected', 'rows with errors'],
];

/** Step 3: the plan's figures and findings, the dry run, and Apply (with a typed confirmation when the plan is drastic). */
export function PlanCard({
  tenant,
  file,
  plan,
  options,
  onReplan,
  busy,
  apply,
  task,
}: {
  tenant: TenantView;
  file: ImportFile;
  plan: Plan;
  options: PlanOptionsView;
  onReplan: (o: PlanOptionsView) => void;
  busy: boolean;
  apply: ReturnType<typeof useImportCalls>['apply'];
  /** Progress of the fresh read that checks the plan before it is applied. */
  task: ReturnType<typeof useImportCalls>['task'];
}) {
  const [typed, setTyped] = useState('');
  const setView = useUi((s) => s.setView);
  const confirmed = !plan.safeguard.required || typed.trim().toLowerCase() === plan.safeguard.phrase;
  return (
    <>
      <div className="import-card" aria-label="Plan">
        <h2>Plan</h2>
        <p className="cell-muted">
          {formatNumber(plan.rows)} rows of {file.fileName} against {formatNumber(plan.activeMembers)} active members of{' '}
          {tenant.name}: {formatNumber(plan.stepCount)} change{plan.stepCount === 1 ? '' : 's'} in{' '}
          {formatNumber(plan.writeCount)} write request{plan.writeCount === 1 ? '' : 's'} (group changes go up to 100
          members per request), {formatNumber(plan.requestCount)} requests with the read that checks each.
        </p>
        <div className="plan-counts">
          {COUNT_LABELS.map(([key, label]) => (
            <div key={key} className="plan-count" aria-label={`${plan.counts[key]} ${label}`}>
              <strong className={key === 'rejected' && plan.counts[key] ? 'text-danger' : undefined}>
                {formatNumber(plan.counts[key])}
              </strong>
              <span>{label}</span>
            </div>
          ))}
        </div>
      </div>

      <PlanFindings plan={plan} options={options} onReplan={onReplan} busy={busy} />

      <DryRunCard tenantId={tenant.id} plan={plan} />

      <div className="import-card">
        <h2>Apply</h2>
        {plan.safeguard.required ? (
          <div className="form">
            <p className="form-error" role="alert">
              {plan.safeguard.reasons.join('; ')}.
            </p>
            <label className="field">
              <span className="field-label">
                Type <strong>{plan.safeguard.phrase}</strong> to confirm
              </span>
              <input aria-label="Confirmation" value={typed} onChange={(e) => setTyped(e.target.value)} />
            </label>
          </div>
        ) : null}
        <div className="toolbar">
          <WriteButton
            readOnly={tenant.effectiveReadOnly}
            className={plan.safeguard.required ? 'button button-danger' : 'button button-primary'}
            disabled={plan.stepCount === 0 || !confirmed || apply.isPending || busy}
            onClick={() =>
              apply.mutate(
                {
                  importId: plan.importId,
                  planId: plan.planId,
                  confirmation: plan.safeguard.required ? typed : null,
                },
                { onSuccess: () => setView('jobs') },
              )
            }
          >
            {apply.isPending
              ? 'Starting…'
              : plan.stepCount === 0
                ? 'Nothing to apply'
                : `Apply ${formatNumber(plan.stepCount)} step${plan.stepCount === 1 ? '' : 's'}`}
          </WriteButton>
          <span className="cell-muted">
            Planned {exactDateTime(plan.plannedAt)}. Applying reads {tenant.name} again first: a step whose member or
            group changed since is skipped and listed in the report. Runs as a job: pause, cancel, Retry failed and the
            report are in Jobs.
          </span>
        </div>
        <TaskProgressBar task={task} when={apply.isPending} />
        {apply.error ? <ErrorText error={apply.error} /> : null}
      </div>
    </>
  );
}
