import { randomUUID } from 'node:crypto';
import type { Directory } from '../../../shared/domain/directory';
import type { JobView } from '../../../shared/domain/jobs';
import type { UndoAnyway, UndoCheckView, UndoPlanView } from '../../../shared/domain/undo';
import type { AuditService } from '../audit/service';
import type { DirectoryService } from '../directory/service';
import { AppError } from '../errors';
import { beforeStates } from '../jobs/before';
import { describeOperation, requestOf, type Operation } from '../jobs/operations';
import { planRequests } from '../jobs/plan-requests';
import type { JobService } from '../jobs/service';
import { readWhole, staleSteps, type StaleStep } from '../jobs/staleness';
import type { ClockOffset } from '../scim/server-clock';
import { changedSince, noteWrite, stillSkipped, type ChangedStep } from './changed-since';
import { stepsOfEntry } from './entries';
import { inverseOf, type DoneStep, type NotUndone } from './inverse';

export interface UndoServiceDeps {
  directory: Pick<DirectoryService, 'load'>;
  jobs: Pick<JobService, 'record' | 'steps' | 'start' | 'undoneBy' | 'membershipBatchSize'>;
  audit: Pick<AuditService, 'entry' | 'event'>;
  /** How far the tenant's server clock is from ours, from its last answers (after a listing). */
  clockOffset: (tenantId: string) => Promise<ClockOffset | null>;
  now: () => Date;
}

/** Steps and requests sent to the renderer (the job has them all). */
const PREVIEW = 500;
/** Listed examples of skipped and not-undone steps. */
const EXAMPLES = 50;
/** Plans kept at once. */
const KEPT = 4;
/** Above this many steps, or this share of the active members deactivated, the undo asks for a typed confirmation. */
const CONFIRM_STEPS = 500;
const CONFIRM_DEACTIVATE_SHARE = 0.1;

interface Plan {
  id: string;
  tenantId: string;
  undoOf: string;
  reverses: string;
  ops: Operation[];
  notUndone: NotUndone[];
  recreate: boolean;
  phrase: string | null;
  /** When what it reverses last wrote each member (our clock, by lowercased userName). */
  written: Map<string, number>;
}

/** What an undo skips against the tenant read now: steps already back or impossible, and members changed since. */
interface Skips {
  stale: StaleStep[];
  changed: ChangedStep[];
}

const count = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

/**
 * Undo: the inverse of a finished or cancelled job (a bulk action, an import, an undo) or of a
 * single action (by its audit entry), built from the before-state each step recorded, checked
 * against the tenant read now, shown as a plan with its dry run, and applied as a job that reads
 * the tenant again and skips every step whose member or group changed since.
 */
export function createUndoService(deps: UndoServiceDeps) {
  const plans = new Map<string, Plan>();
  const applying = new Set<string>();

  function lookupIn(now: Directory) {
    const members = new Map(now.members.map((m) => [m.userName.toLowerCase(), m.id]));
    const groups = new Map(now.groups.map((g) => [g.displayName.toLowerCase(), g.id]));
    return {
      memberId: (userName: string) => members.get(userName.toLowerCase()) ?? null,
      groupId: (name: string) => groups.get(name.toLowerCase()) ?? null,
    };
  }

  async function build(
    tenantId: string,
    source: { undoOf: string; reverses: string; steps: (now: Directory) => Iterable<DoneStep> },
    recreate: boolean,
    taskId: string,
  ): Promise<UndoPlanView> {
    const now = await readWhole(deps.directory, tenantId, taskId);
    const lookup = lookupIn(now);
    const ops: Operation[] = [];
    const notUndone: NotUndone[] = [];
    const written = new Map<string, number>();
    for (const step of source.steps(now)) {
      noteWrite(written, step);
      const inverse = inverseOf(step, lookup, recreate);
      if (inverse.kind === 'steps') ops.push(...inverse.ops);
      else if (inverse.kind === 'not-undone') notUndone.push(inverse.item);
    }
    const { stale, changed } = await skipsOf({ tenantId, ops, written }, now);
    const deactivate = ops.filter((o) => o.type === 'setActive' && !o.active).length;
    const active = now.members.filter((m) => m.active).length;
    const reasons: string[] = [];
    if (ops.length > CONFIRM_STEPS) reasons.push(`${count(ops.length, 'change')} at once`);
    if (deactivate > 0 && deactivate > active * CONFIRM_DEACTIVATE_SHARE) {
      reasons.push(`${count(deactivate, 'member')} of ${active.toLocaleString('en-US')} active would be deactivated`);
    }
    const phrase = reasons.length ? `undo ${ops.length}` : null;
    const plan: Plan = { id: randomUUID(), tenantId, ...source, ops, notUndone, recreate, phrase, written };
    plans.set(plan.id, plan);
    while (plans.size > KEPT) plans.delete(plans.keys().next().value!);
    const requests = planRequests(
      ops.map((op) => ({ row: null, op })),
      await deps.jobs.membershipBatchSize(tenantId),
      PREVIEW,
    );
    const examples = (list: ReadonlyArray<{ description: string; reason: string }>) => list.slice(0, EXAMPLES);
    return {
      planId: plan.id,
      undoOf: plan.undoOf,
      reverses: plan.reverses,
      plannedAt: now.loadedAt,
      stepCount: ops.length,
      steps: ops.slice(0, PREVIEW).map((op) => ({ description: describeOperation(op), request: requestOf(op) })),
      requests: requests.requests.map((r) => ({ steps: r.steps, description: r.description, request: r.request })),
      writeCount: requests.writes,
      requestCount: requests.total,
      counts: {
        reactivate: ops.filter((o) => o.type === 'setActive' && o.active).length,
        deactivate: ops.filter((o) => o.type === 'setActive' && !o.active && !recreated(ops, o)).length,
        addToGroup: ops.filter((o) => o.type === 'addToGroup').length,
        removeFromGroup: ops.filter((o) => o.type === 'removeFromGroup').length,
        recreate: ops.filter((o) => o.type === 'create').length,
      },
      stale: stale.length,
      staleExamples: examples(describeStale(ops, stale)),
      changed: changed.length,
      changedMembers: new Set(changed.map((c) => c.member)).size,
      changedExamples: changed
        .slice(0, EXAMPLES)
        .map((c) => ({ description: describeOperation(ops[c.index]!), reason: c.reason, member: c.member })),
      notUndone: notUndone.length,
      notUndoneExamples: examples(notUndone),
      deleted:
        notUndone.filter((n) => n.deleted).length + (recreate ? ops.filter((o) => o.type === 'create').length : 0),
      recreateDeleted: recreate,
      safeguard: { required: phrase !== null, reasons, phrase },
      undoneBy: deps.jobs.undoneBy(plan.undoOf),
    };
  }

  /** Steps already back or impossible (state), and those whose member was changed after the change undone. */
  async function skipsOf(plan: Pick<Plan, 'tenantId' | 'ops' | 'written'>, now: Directory): Promise<Skips> {
    const stale = staleSteps(plan.ops, now);
    const already = new Set(stale.map((s) => s.index));
    const offset = await deps.clockOffset(plan.tenantId);
    return { stale, changed: changedSince(plan.ops, plan.written, now, offset, already) };
  }

  /** Every step skipped once the admin's "undo anyway" choices are taken out, in step order. */
  function skipped(skips: Skips, anyway: UndoAnyway | null): StaleStep[] {
    return [...skips.stale, ...stillSkipped(skips.changed, anyway)].sort((a, b) => a.index - b.index);
  }

  function planOf(tenantId: string, planId: string): Plan {
    const plan = plans.get(planId);
    if (!plan || plan.tenantId !== tenantId) {
      throw new AppError('IMPORT_EXPIRED', 'That undo plan is no longer loaded. Choose Undo again to make a new one.');
    }
    return plan;
  }

  return {
    /** The undo plan of a finished or cancelled job of this tenant. */
    async planJob(tenantId: string, jobId: string, recreate: boolean, taskId: string): Promise<UndoPlanView> {
      const job = deps.jobs.record(jobId, tenantId);
      if (job.state === 'running' || job.state === 'paused') {
        throw new AppError('INVALID_INPUT', 'This job has not ended. Let it finish, or cancel it, then undo it.');
      }
      return build(
        tenantId,
        { undoOf: `job:${job.id}`, reverses: job.title, steps: () => deps.jobs.steps(job.id) },
        recreate,
        taskId,
      );
    },
    /** The undo plan of a single action, from its audit entry. */
    async planEntry(tenantId: string, entryId: string, recreate: boolean, taskId: string): Promise<UndoPlanView> {
      const entry = await deps.audit.entry(entryId);
      if (!entry || entry.tenantId !== tenantId) {
        throw new AppError('UNDO_UNAVAILABLE', 'That change is not in the audit history of this tenant.');
      }
      return build(
        tenantId,
        {
          undoOf: `entry:${entry.id}`,
          reverses: `${entry.action} ${entry.target ?? ''}`.trim(),
          steps: (now) => {
            const names = new Map(now.members.map((m) => [m.id, m.userName]));
            return stepsOfEntry(entry, (id) => names.get(id) ?? null);
          },
        },
        recreate,
        taskId,
      );
    },
    /** Reads the tenant again, skips what changed since the plan, and runs the rest as a job linked to what it reverses. */
    async apply(
      tenantId: string,
      planId: string,
      confirmation: string | null,
      anyway: UndoAnyway | null,
      taskId: string,
    ): Promise<JobView> {
      const plan = planOf(tenantId, planId);
      if (applying.has(planId)) throw new AppError('INVALID_INPUT', 'This undo is already being applied.');
      if (plan.ops.length === 0) throw new AppError('INVALID_INPUT', 'This undo has nothing to change.');
      if (plan.phrase && confirmation?.trim().toLowerCase() !== plan.phrase) {
        throw new AppError('CONFIRMATION_REQUIRED', `Type "${plan.phrase}" to apply this undo.`);
      }
      applying.add(planId);
      let job: JobView;
      try {
        const now = await readWhole(deps.directory, tenantId, taskId);
        const stale = skipped(await skipsOf(plan, now), anyway);
        // Each step keeps the state it changes from, so the undo can itself be undone.
        const before = beforeStates(now);
        job = await deps.jobs.start(
          tenantId,
          'undo',
          `Undo: ${plan.reverses}`,
          plan.ops.map(before),
          stale,
          plan.undoOf,
        );
      } finally {
        applying.delete(planId);
      }
      await deps.audit.event('job.undo', {
        tenantId,
        target: plan.undoOf,
        jobId: job.id,
        detail: {
          undoJob: job.id,
          reverses: plan.undoOf,
          steps: plan.ops.length,
          skipped: job.skipped,
          // Members changed since that the admin chose to undo anyway.
          ...(anyway && (anyway.all || anyway.members.length)
            ? { undoneAnyway: anyway.all ? 'all' : anyway.members }
            : {}),
        },
      });
      plans.delete(planId);
      return job;
    },
    /** How many steps of the plan changed since it was made, against the tenant read now. */
    async check(tenantId: string, planId: string, anyway: UndoAnyway | null, taskId: string): Promise<UndoCheckView> {
      const plan = planOf(tenantId, planId);
      const stale = skipped(await skipsOf(plan, await readWhole(deps.directory, tenantId, taskId)), anyway);
      return {
        checkedAt: deps.now().toISOString(),
        stale: stale.length,
        examples: describeStale(plan.ops, stale).slice(0, EXAMPLES),
      };
    },
  };
}

/** A deactivation that belongs to a re-creation (the member was inactive when deleted). */
function recreated(ops: readonly Operation[], op: Operation): boolean {
  return (
    op.type === 'setActive' && op.userId === null && ops.some((o) => o.type === 'create' && o.userName === op.userName)
  );
}

function describeStale(ops: readonly Operation[], stale: readonly StaleStep[]) {
  return stale.map((s) => ({ description: describeOperation(ops[s.index]!), reason: s.reason }));
}

export type UndoService = ReturnType<typeof createUndoService>;
