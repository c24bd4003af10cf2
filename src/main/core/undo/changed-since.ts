import type { UndoAnyway } from '../../../shared/domain/undo';
import type { Operation } from '../jobs/operations';
import type { StaleStep } from '../jobs/staleness';
import type { ClockOffset } from '../scim/server-clock';

/** Without a Date header the server's clock is unknown: a change this long after ours still counts as ours. */
export const UNKNOWN_CLOCK_SLACK_MS = 120_000;
/** Beyond the offset's own uncertainty: a server that stamps a write a little after answering it. */
const MARGIN_MS = 2_000;

/** The tenant read now, as far as this check needs it. */
export interface MembersNow {
  members: ReadonlyArray<{ id: string; userName: string; lastModified: string | null }>;
}

/** A step skipped because its member was changed after the change it takes back; the admin may undo it anyway. */
export interface ChangedStep extends StaleStep {
  /** The member's userName, lowercased: what "undo anyway" names. */
  member: string;
}

/**
 * Notes when a step of what the undo reverses last wrote its member (our clock, from the journal or
 * the audit entry): the latest write per member is the moment after which a change is someone else's.
 */
export function noteWrite(written: Map<string, number>, step: { op: Operation; updatedAt?: string | null }): void {
  const { op, updatedAt } = step;
  if (op.type === 'createGroup' || !updatedAt) return;
  const at = Date.parse(updatedAt);
  if (!Number.isFinite(at)) return;
  const key = op.userName.toLowerCase();
  written.set(key, Math.max(written.get(key) ?? -Infinity, at));
}

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/**
 * The undo's steps whose member the server says was modified (`meta.lastModified`) after the
 * change being undone wrote it last: by the IdP, a colleague or another job. The server's time is
 * brought to ours with the offset its Date headers show, plus their uncertainty and two seconds,
 * so the change's own write never counts; a server that sends no Date gets two minutes. A member
 * re-created by the undo, one the server gives no `lastModified`, and steps already skipped
 * (`already`) are left out.
 */
export function changedSince(
  ops: readonly Operation[],
  written: ReadonlyMap<string, number>,
  now: MembersNow,
  offset: ClockOffset | null,
  already: ReadonlySet<number>,
): ChangedStep[] {
  const byId = new Map(now.members.map((m) => [m.id, m]));
  const byName = new Map(now.members.map((m) => [m.userName.toLowerCase(), m]));
  const recreated = new Set(ops.flatMap((op) => (op.type === 'create' ? [op.userName.toLowerCase()] : [])));
  const ahead = offset ? offset.ms + offset.uncertaintyMs + MARGIN_MS : UNKNOWN_CLOCK_SLACK_MS;
  const out: ChangedStep[] = [];
  ops.forEach((op, index) => {
    if (already.has(index) || op.type === 'create' || op.type === 'createGroup') return;
    const key = op.userName.toLowerCase();
    if (recreated.has(key)) return;
    const ours = written.get(key);
    if (ours === undefined) return;
    const member = (op.userId ? byId.get(op.userId) : undefined) ?? byName.get(key);
    const modified = member?.lastModified ? Date.parse(member.lastModified) : NaN;
    if (!Number.isFinite(modified) || modified <= ours + ahead) return;
    out.push({
      index,
      member: key,
      reason: `changed since the plan: the member was changed at ${utc(modified)} (server time), after the change being undone`,
    });
  });
  return out;
}

/** The changed steps still skipped once the admin's "undo anyway" choices are taken out. */
export function stillSkipped(changed: readonly ChangedStep[], anyway: UndoAnyway | null): ChangedStep[] {
  if (!anyway) return [...changed];
  if (anyway.all) return [];
  const chosen = new Set(anyway.members.map((m) => m.toLowerCase()));
  return changed.filter((c) => !chosen.has(c.member));
}
