import { useEffect, useRef, useState } from 'react';
import type { TenantView } from '../../../../shared/domain/tenant';
import type { UndoAnyway } from '../../../../shared/domain/undo';
import { ErrorText } from '../../components/ErrorText';
import { TaskProgressBar } from '../../components/ProgressBar';
import { ViewHeader } from '../../components/ViewHeader';
import { useUi, type UndoTarget } from '../../stores/ui';
import { useUndoCalls } from './queries';
import { UndoApplyCard } from './UndoApplyCard';
import { NO_OVERRIDES, UndoChangedCard } from './UndoChangedCard';
import { UndoPlanCard } from './UndoPlanCard';

/**
 * Undo of a job or a single action: the inverse plan, built from what each step changed from and
 * checked against the tenant read now, its dry run, and Apply (a job, with the typed confirmation
 * when it is large). Nothing is written until the admin applies it.
 */
export function UndoView({ tenant, target }: { tenant: TenantView; target: UndoTarget }) {
  const calls = useUndoCalls(target, tenant.name);
  const setView = useUi((s) => s.setView);
  const [recreate, setRecreate] = useState(false);
  const { plan } = calls;
  // The admin's "undo anyway" choices belong to one plan: a new plan starts without any.
  const [anyway, setAnyway] = useState<{ planId: string | null; choice: UndoAnyway }>({
    planId: null,
    choice: NO_OVERRIDES,
  });
  const planned = useRef(false);
  useEffect(() => {
    // Plans once on arrival; the admin re-plans with "Plan again" or the re-create option.
    if (planned.current) return;
    planned.current = true;
    plan.mutate(false);
  }, [plan]);
  const data = plan.data;
  const choice = data && anyway.planId === data.planId ? anyway.choice : NO_OVERRIDES;
  const back = target.from === 'audit' ? 'Audit' : 'Jobs';
  return (
    <section className="view-fill" aria-labelledby="undo-title">
      <ViewHeader
        id="undo-title"
        title="Undo"
        subtitle={
          <>
            Takes back <strong>{target.label}</strong> on {tenant.name}. Nothing is written until you apply it.
          </>
        }
        refresh={{ run: () => plan.mutate(recreate), busy: plan.isPending }}
      >
        <button type="button" className="button" onClick={() => setView(target.from)}>
          Back to {back}
        </button>
      </ViewHeader>
      <div className="import-body">
        <TaskProgressBar task={calls.task} when={plan.isPending} />
        {plan.isPending && !data ? (
          <p className="state" role="status">
            Reading {tenant.name} to plan the undo…
          </p>
        ) : null}
        {plan.error ? (
          <div className="import-card">
            <h2>The undo could not be planned</h2>
            <ErrorText error={plan.error} />
            <div className="toolbar">
              <button type="button" className="button" onClick={() => plan.mutate(recreate)}>
                Try again
              </button>
            </div>
          </div>
        ) : null}
        {data ? (
          <>
            <UndoPlanCard
              plan={data}
              busy={plan.isPending}
              onRecreate={(next) => {
                setRecreate(next);
                plan.mutate(next);
              }}
            />
            <UndoChangedCard
              plan={data}
              choice={choice}
              busy={plan.isPending || calls.apply.isPending}
              onChange={(next) => {
                setAnyway({ planId: data.planId, choice: next });
                // A check made with other choices no longer says what Apply would skip.
                calls.check.reset();
              }}
            />
            <UndoApplyCard
              tenant={tenant}
              plan={data}
              anyway={choice}
              calls={calls}
              onReplan={() => plan.mutate(recreate)}
              onApplied={() => setView('jobs')}
            />
          </>
        ) : null}
      </div>
    </section>
  );
}
