import type { UndoAnyway, UndoPlanView } from '../../../../shared/domain/undo';
import { formatNumber } from '../../lib/numbers';

/** No member changed since is undone anyway (the choice every new plan starts with). */
export const NO_OVERRIDES: UndoAnyway = { all: false, members: [] };

/** How many of the changed steps the choice sends (the ticked ones are among the listed examples). */
export function overridden(plan: UndoPlanView, choice: UndoAnyway): number {
  if (choice.all) return plan.changed;
  const chosen = new Set(choice.members);
  return plan.changedExamples.filter((e) => chosen.has(e.member)).length;
}

/**
 * Steps whose member was changed after the change being undone (by the IdP, a colleague or another
 * job), though the state the undo checks looks as the change left it: skipped, unless the admin
 * ticks "Undo anyway" for that member, or for all of them.
 */
export function UndoChangedCard({
  plan,
  choice,
  busy,
  onChange,
}: {
  plan: UndoPlanView;
  choice: UndoAnyway;
  busy: boolean;
  onChange: (next: UndoAnyway) => void;
}) {
  if (plan.changed === 0) return null;
  const chosen = new Set(choice.members);
  const toggle = (member: string, on: boolean) =>
    onChange({ all: false, members: on ? [...chosen, member] : [...chosen].filter((m) => m !== member) });
  const one = plan.changedMembers === 1;
  const many = one ? 'this member' : `these ${formatNumber(plan.changedMembers)} members`;
  return (
    <div className="import-card" aria-label="Changed after the change">
      <h2>Changed after the change: skipped unless you choose</h2>
      <p className="cell-muted">
        The server says {many} changed after the change being undone (by the IdP, a colleague or another job), though
        they look as that change left them. Undoing would write over the later change, so {one ? 'it is' : 'each is'}{' '}
        skipped unless you tick it.
      </p>
      <ul className="plain-list choice-list">
        {plan.changedExamples.map((e, i) => (
          <li key={i}>
            <label className="checkbox-row">
              <input
                type="checkbox"
                checked={choice.all || chosen.has(e.member)}
                disabled={busy || choice.all}
                onChange={(event) => toggle(e.member, event.target.checked)}
              />
              <span>
                Undo anyway: {e.description}{' '}
                <span className="cell-muted">– {e.reason.replace(/^changed since the plan: the member was /, '')}</span>
              </span>
            </label>
          </li>
        ))}
        {plan.changed > plan.changedExamples.length ? (
          <li className="cell-muted">… and {formatNumber(plan.changed - plan.changedExamples.length)} more.</li>
        ) : null}
      </ul>
      {plan.changed > 1 ? (
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={choice.all}
            disabled={busy}
            onChange={(event) => onChange({ all: event.target.checked, members: [] })}
          />
          <span>Undo all {formatNumber(plan.changed)} changed steps anyway, writing over the later changes</span>
        </label>
      ) : null}
    </div>
  );
}
