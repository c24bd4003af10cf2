import type { UndoPlanView } from '../../../../shared/domain/undo';
import { exactDateTime } from '../../lib/dates';
import { formatNumber } from '../../lib/numbers';

const COUNT_LABELS: Array<[keyof UndoPlanView['counts'], string]> = [
  ['reactivate', 'to reactivate'],
  ['deactivate', 'to deactivate'],
  ['addToGroup', 'group additions'],
  ['removeFromGroup', 'group removals'],
  ['recreate', 'to re-create'],
];

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** The undo plan's figures, what changed since (skipped), and what it cannot take back (with the re-create option). */
export function UndoPlanCard({
  plan,
  busy,
  onRecreate,
}: {
  plan: UndoPlanView;
  busy: boolean;
  onRecreate: (recreate: boolean) => void;
}) {
  return (
    <>
      <div className="import-card" aria-label="Undo plan">
        <h2>Undo plan</h2>
        <p className="cell-muted">
          {plan.stepCount === 0
            ? 'Nothing to take back: every change of it is already undone, changed nothing, or cannot be undone (listed below).'
            : `${plural(plan.stepCount, 'change')} in ${plural(plan.writeCount, 'write request')}, ${formatNumber(plan.requestCount)} requests with the read that checks each.`}{' '}
          Planned {exactDateTime(plan.plannedAt)}, against the tenant as read then.
        </p>
        <div className="plan-counts">
          {COUNT_LABELS.filter(([key]) => plan.counts[key] > 0).map(([key, label]) => (
            <div key={key} className="plan-count" aria-label={`${plan.counts[key]} ${label}`}>
              <strong>{formatNumber(plan.counts[key])}</strong>
              <span>{label}</span>
            </div>
          ))}
          <div className="plan-count" aria-label={`${plan.stale + plan.changed} changed since`}>
            <strong className={plan.stale + plan.changed ? 'text-warn' : undefined}>
              {formatNumber(plan.stale + plan.changed)}
            </strong>
            <span>changed since</span>
          </div>
        </div>
        {plan.undoneBy ? (
          <p className="form-error" role="note">
            This was undone before (see Jobs). An undo again only sends what is not already back.
          </p>
        ) : null}
      </div>

      {plan.stale > 0 ? (
        <div className="import-card" aria-label="Changed since">
          <h2>Changed since: skipped</h2>
          <p className="cell-muted">
            {plural(plan.stale, 'step')} {plan.stale === 1 ? 'targets' : 'target'} a member or group that changed after
            the original change (by the IdP, a colleague or another job). They are skipped and listed in the undo job,
            not written over.
          </p>
          <ul className="plain-list">
            {plan.staleExamples.map((e, i) => (
              <li key={i}>
                {e.description}: {e.reason.replace(/^changed since the plan: /, '')}
              </li>
            ))}
            {plan.stale > plan.staleExamples.length ? (
              <li className="cell-muted">… and {formatNumber(plan.stale - plan.staleExamples.length)} more.</li>
            ) : null}
          </ul>
        </div>
      ) : null}

      {plan.notUndone > 0 || plan.deleted > 0 ? (
        <div className="import-card" aria-label="Not undone">
          <h2>Cannot be undone as it was</h2>
          {plan.deleted > 0 ? (
            <label className="checkbox-row">
              <input
                type="checkbox"
                checked={plan.recreateDeleted}
                disabled={busy}
                onChange={(e) => onRecreate(e.target.checked)}
              />
              <span>
                Re-create the {plural(plan.deleted, 'deleted member')} with the same userName, names, state and groups.
                They get <strong>new ids</strong>: links to the old accounts (files, comments, SSO history) do not come
                back.
              </span>
            </label>
          ) : null}
          {plan.notUndone > 0 ? (
            <ul className="plain-list">
              {plan.notUndoneExamples.map((e, i) => (
                <li key={i}>
                  {e.description}: {e.reason}
                </li>
              ))}
              {plan.notUndone > plan.notUndoneExamples.length ? (
                <li className="cell-muted">
                  … and {formatNumber(plan.notUndone - plan.notUndoneExamples.length)} more.
                </li>
              ) : null}
            </ul>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
