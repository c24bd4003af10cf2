import { useState } from 'react';
import type { TenantView } from '../../../../shared/domain/tenant';
import type { UndoAnyway, UndoPlanView } from '../../../../shared/domain/undo';
import { ErrorText } from '../../components/ErrorText';
import { TypedConfirmation, typedConfirms } from '../../components/TypedConfirmation';
import { DryRunRequests } from '../../components/PlannedRequests';
import { TaskProgressBar } from '../../components/ProgressBar';
import { WriteButton } from '../../components/WriteButton';
import { exactDateTime } from '../../lib/dates';
import { formatNumber } from '../../lib/numbers';
import type { useUndoCalls } from './queries';
import { overridden } from './UndoChangedCard';

/** The undo's dry run, the check for changes since, and Apply (typed confirmation when it is large). */
export function UndoApplyCard({
  tenant,
  plan,
  anyway,
  calls,
  onReplan,
  onApplied,
}: {
  tenant: TenantView;
  plan: UndoPlanView;
  anyway: UndoAnyway;
  calls: ReturnType<typeof useUndoCalls>;
  onReplan: () => void;
  onApplied: () => void;
}) {
  const [typed, setTyped] = useState('');
  const { apply, check } = calls;
  const confirmed = typedConfirms(plan.safeguard, typed);
  const checked = check.data && check.variables?.planId === plan.planId ? check.data : null;
  const busy = apply.isPending || check.isPending || calls.plan.isPending;
  const toSend = plan.stepCount - (checked?.stale ?? plan.stale + plan.changed - overridden(plan, anyway));
  return (
    <>
      <div className="import-card">
        <h2>Dry run</h2>
        <DryRunRequests
          label="Requests the undo would send"
          requests={plan.requests}
          total={plan.writeCount}
          more="the job's report lists every step"
        />
      </div>

      <div className="import-card">
        <h2>Apply</h2>
        <TypedConfirmation safeguard={plan.safeguard} value={typed} onChange={setTyped} />
        <div className="toolbar">
          <WriteButton
            readOnly={tenant.effectiveReadOnly}
            className="button button-primary"
            disabled={plan.stepCount === 0 || toSend <= 0 || !confirmed || busy}
            onClick={() =>
              apply.mutate(
                { planId: plan.planId, confirmation: plan.safeguard.required ? typed : null, undoAnyway: anyway },
                { onSuccess: onApplied },
              )
            }
          >
            {apply.isPending
              ? 'Starting…'
              : plan.stepCount === 0 || toSend <= 0
                ? 'Nothing to undo'
                : `Undo ${formatNumber(toSend)} change${toSend === 1 ? '' : 's'}`}
          </WriteButton>
          <button
            type="button"
            className="button"
            disabled={busy || plan.stepCount === 0}
            onClick={() => check.mutate({ planId: plan.planId, undoAnyway: anyway })}
          >
            {check.isPending ? 'Checking…' : 'Check for changes since'}
          </button>
          <button type="button" className="button" disabled={busy} onClick={onReplan}>
            Plan again
          </button>
        </div>
        <p className="cell-muted">
          Applying reads {tenant.name} again first: a step whose member or group changed since is skipped and listed,
          unless you chose to undo it anyway. Runs as a job: pause, cancel, Retry failed and the report are in Jobs, and
          the undo can itself be undone.
        </p>
        <TaskProgressBar task={calls.task} when={apply.isPending || check.isPending} />
        {checked ? (
          <p
            role="status"
            aria-label="Changes since the plan"
            className={checked.stale ? 'form-error' : 'form-success'}
          >
            {checked.stale === 0
              ? `Checked ${exactDateTime(checked.checkedAt)}: nothing in the undo changed since it was planned.`
              : `Checked ${exactDateTime(checked.checkedAt)}: ${formatNumber(checked.stale)} step${checked.stale === 1 ? '' : 's'} changed since and will be skipped.`}
          </p>
        ) : null}
        {check.error ? <ErrorText error={check.error} /> : null}
        {apply.error ? <ErrorText error={apply.error} /> : null}
      </div>
    </>
  );
}
