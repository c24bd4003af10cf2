import { FocusHeading } from '../../components/FocusHeading';
import { useState } from 'react';
import type { PlanOptionsView } from '../../../../shared/domain/jobs';
import type { TenantView } from '../../../../shared/domain/tenant';
import { ErrorText } from '../../components/ErrorText';
import { TypedConfirmation, typedConfirms } from '../../components/TypedConfirmation';
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
  ['skipped', 'skipped (inactive, not in the tenant)'],
  ['rejected', 'rows with errors'],
];

/** Step 3: the plan's figures and findings, the dry run, and Apply (with a typed confirmation when the plan is drastic). */
export function PlanCard({
  tenant,
  fileName,
  plan,
  options,
  onReplan,
  busy,
  apply,
  check,
  task,
}: {
  tenant: TenantView;
  fileName: string;
  plan: Plan;
  options: PlanOptionsView;
  /** Null for a plan opened from a plan file (it is planned again only where its CSV is). */
  onReplan: ((o: PlanOptionsView) => void) | null;
  busy: boolean;
  apply: ReturnType<typeof useImportCalls>['apply'];
  check: ReturnType<typeof useImportCalls>['check'];
  /** Progress of the fresh read that checks the plan before it is applied. */
  task: ReturnType<typeof useImportCalls>['task'];
}) {
  const [typed, setTyped] = useState('');
  const setView = useUi((s) => s.setView);
  const confirmed = typedConfirms(plan.safeguard, typed);
  return (
    <>
      <div className="import-card" aria-label="Plan">
        <FocusHeading>Plan</FocusHeading>
        <p className="cell-muted">
          {formatNumber(plan.rows)} rows of {fileName} against {formatNumber(plan.activeMembers)} active members of{' '}
          {tenant.name}: {formatNumber(plan.stepCount)} change{plan.stepCount === 1 ? '' : 's'} in{' '}
          {formatNumber(plan.writeCount)} write request{plan.writeCount === 1 ? '' : 's'} (group changes go up to 100
          members per request), {formatNumber(plan.requestCount)} requests with the read that checks each.
        </p>
        {plan.origin ? <PlanOrigin origin={plan.origin} /> : null}
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

      <DryRunCard tenantId={tenant.id} plan={plan} canExport={plan.origin === null} />

      <div className="import-card">
        <h2>Apply</h2>
        <TypedConfirmation safeguard={plan.safeguard} value={typed} onChange={setTyped} />
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
        </div>
        <p className="cell-muted">
          Planned {exactDateTime(plan.plannedAt)}. Applying reads {tenant.name} again first: a step whose member or
          group changed since is skipped and listed in the report. Runs as a job: pause, cancel, Retry failed and the
          report are in Jobs.
        </p>
        <TaskProgressBar task={task} when={apply.isPending || check.isPending} />
        <StaleCheck
          plan={plan}
          check={check}
          onReplan={onReplan ? () => onReplan(options) : null}
          busy={busy || apply.isPending}
        />
        {apply.error ? <ErrorText error={apply.error} /> : null}
      </div>
    </>
  );
}

/** "Check for changes": how many steps went stale since the plan, the first few with why, and Plan again. */
function StaleCheck({
  plan,
  check,
  onReplan,
  busy,
}: {
  plan: Plan;
  check: ReturnType<typeof useImportCalls>['check'];
  onReplan: (() => void) | null;
  busy: boolean;
}) {
  const result = check.data && check.variables?.planId === plan.planId ? check.data : null;
  return (
    <div className="stale-check">
      <div className="toolbar">
        <button
          type="button"
          className="button button-small"
          disabled={busy || check.isPending || plan.stepCount === 0}
          onClick={() => check.mutate({ importId: plan.importId, planId: plan.planId })}
        >
          {check.isPending ? 'Checking…' : 'Check for changes since the plan'}
        </button>
        {result && result.stale > 0 && onReplan ? (
          <button type="button" className="button button-small" disabled={busy} onClick={onReplan}>
            Plan again
          </button>
        ) : null}
      </div>
      {result ? (
        <div role="status" aria-label="Changes since the plan">
          <p className={result.stale ? 'form-error' : 'form-success'}>
            {result.stale === 0
              ? `Checked ${exactDateTime(result.checkedAt)}: nothing in the plan changed since it was made.`
              : `Checked ${exactDateTime(result.checkedAt)}: ${formatNumber(result.stale)} step${result.stale === 1 ? '' : 's'} changed since the plan and will be skipped when it is applied. Plan again to include what changed.`}
          </p>
          {result.examples.length > 0 ? (
            <ul className="plain-list">
              {result.examples.slice(0, 5).map((e, i) => (
                <li key={i}>
                  {e.row ? `Row ${e.row}: ` : ''}
                  {e.description}: {e.reason.replace(/^changed since the plan: /, '')}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {check.error ? <ErrorText error={check.error} /> : null}
    </div>
  );
}

/** Where a plan opened from a file came from: the file, when, and which installation made it. */
function PlanOrigin({ origin }: { origin: NonNullable<Plan['origin']> }) {
  return (
    <p className="plan-origin" aria-label="Plan origin">
      Opened from <strong>{origin.fileName}</strong>, signed and unchanged: planned {exactDateTime(origin.plannedAt)} by
      the installation with key <code>{origin.plannedBy}</code>
      {origin.byThisInstallation ? ' (this one)' : ' (another installation)'}. Applying records who planned it and who
      applied it.
    </p>
  );
}
