import { withBefore } from '../scim/audited';
import type { Settlement, OpRecord } from './journal';
import { errorFields, type Operation, type StepContext } from './operations';

type MembershipOp = Extract<Operation, { type: 'addToGroup' | 'removeFromGroup' }>;
export type MembershipRecord = OpRecord & { op: MembershipOp };

export function isMembershipOp(op: Operation): op is MembershipOp {
  return op.type === 'addToGroup' || op.type === 'removeFromGroup';
}

/** Steps that may share one PATCH: the same change to the same group. */
function batchKey(op: MembershipOp): string {
  return `${op.type}\u0000${op.groupId ?? `name:${op.groupName.toLowerCase()}`}`;
}

/**
 * Gathers a phase's membership steps into batches of up to `size()` steps of one change to one
 * group, reading the journal a page at a time. A batch leaves when it is full, or when the steps
 * run out; steps of many groups interleaved in the file still end up in full batches.
 */
export function createBatcher(readPage: (afterSeq: number) => OpRecord[], pageSize: number, size: () => number) {
  const open = new Map<string, MembershipRecord[]>();
  const ready: MembershipRecord[][] = [];
  let lastSeq = -1;
  let exhausted = false;
  return {
    next(): MembershipRecord[] | null {
      while (ready.length === 0 && !exhausted) {
        const page = readPage(lastSeq);
        if (page.length < pageSize) exhausted = true;
        if (page.length) lastSeq = page[page.length - 1]!.seq;
        for (const record of page) {
          if (!isMembershipOp(record.op)) continue;
          const key = batchKey(record.op);
          const batch = open.get(key) ?? [];
          batch.push(record as MembershipRecord);
          open.set(key, batch);
          if (batch.length >= size()) {
            ready.push(batch);
            open.delete(key);
          }
        }
        if (exhausted) {
          ready.push(...open.values());
          open.clear();
        }
      }
      return ready.shift() ?? null;
    },
  };
}

const failed = (error: unknown): Settlement => ({ state: 'failed', ...failure(error) });
function failure(error: unknown): { errorCode: string; errorMessage: string } {
  const { code, message } = errorFields(error);
  return { errorCode: code, errorMessage: message };
}

/** Each step's member id (from the plan, earlier steps or a lookup); a step whose member cannot be found fails alone. */
async function memberIds(batch: MembershipRecord[], ctx: StepContext) {
  const ids = new Map<number, string>();
  const settled: Array<{ seq: number } & Settlement> = [];
  for (const record of batch) {
    try {
      ids.set(record.seq, record.op.userId ?? (await ctx.userId(record.op.userName)));
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      settled.push({ seq: record.seq, ...failed(error) });
    }
  }
  return { ids, settled };
}

export interface BatchRun {
  /** Steps that could not be sent (member or group not found): settled at once. */
  unsent: Array<{ seq: number } & Settlement>;
  /** The steps to send. */
  sending: number[];
  /** Sends them once the group is this batch's: `onTurn` (journal them in flight) runs first. */
  send(onTurn: () => void): Promise<Array<{ seq: number } & Settlement>>;
}

/**
 * Prepares one batch: resolves ids, then `send` PATCHes it (split as the server needs) and reads
 * it back, giving every step its own result: added, removed, not a member, or failed with why.
 */
export async function prepareBatch(batch: MembershipRecord[], ctx: StepContext): Promise<BatchRun> {
  const first = batch[0]!.op;
  let groupId: string;
  try {
    groupId = first.groupId ?? (await ctx.groupId(first.groupName));
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    return { unsent: batch.map((r) => ({ seq: r.seq, ...failed(error) })), sending: [], send: async () => [] };
  }
  const { ids, settled } = await memberIds(batch, ctx);
  const sending = batch.filter((r) => ids.has(r.seq));
  return {
    unsent: settled,
    sending: sending.map((r) => r.seq),
    async send(onTurn) {
      if (sending.length === 0) return [];
      const change = first.type === 'addToGroup' ? 'add' : 'remove';
      // Whether each member was in the group before (as the step recorded it), for the batch's audit intent.
      const inGroup = Object.fromEntries(
        sending.flatMap((r) => (r.op.before ? [[ids.get(r.seq)!, r.op.before.member]] : [])),
      );
      const outcomes = await withBefore(Object.keys(inGroup).length ? { inGroup } : undefined, () =>
        ctx.client.changeMembers(
          groupId,
          change,
          sending.map((r) => ids.get(r.seq)!),
          { signal: ctx.signal, onTurn },
        ),
      );
      return sending.map((r) => {
        const id = ids.get(r.seq)!;
        const outcome = outcomes.get(id);
        if (!outcome) return { seq: r.seq, state: 'planned' as const };
        return outcome.ok
          ? { seq: r.seq, state: 'done' as const, result: outcome.result, resourceId: id }
          : { seq: r.seq, ...failed(outcome.error) };
      });
    },
  };
}

/**
 * Settles membership steps a crash left in flight by reading each group once: a member the read
 * shows changed is done; the rest go back to planned and are sent in a new batch. A batch is
 * never sent again blindly.
 */
export async function reconcileMembership(
  records: MembershipRecord[],
  ctx: StepContext,
): Promise<Array<{ seq: number } & Settlement>> {
  const out: Array<{ seq: number } & Settlement> = [];
  const byGroup = new Map<string, MembershipRecord[]>();
  for (const r of records) byGroup.set(batchKey(r.op), [...(byGroup.get(batchKey(r.op)) ?? []), r]);
  // Groups are read in parallel: after a crash, every group's batch in flight is settled at once.
  await Promise.all([...byGroup.values()].map((group) => settleGroup(group)));
  return out;

  async function settleGroup(group: MembershipRecord[]): Promise<void> {
    const first = group[0]!.op;
    let groupId: string;
    try {
      groupId = first.groupId ?? (await ctx.groupId(first.groupName));
    } catch {
      // The group cannot be found now: the steps wait, and fail on their own when run.
      out.push(...group.map((r) => ({ seq: r.seq, state: 'planned' as const })));
      return;
    }
    const { ids, settled } = await memberIds(group, ctx);
    out.push(...settled.map((s) => ({ seq: s.seq, state: 'planned' as const })));
    const known = group.filter((r) => ids.has(r.seq));
    const add = first.type === 'addToGroup';
    const batchSize = ctx.client.membershipBatchSize();
    for (let i = 0; i < known.length; i += batchSize) {
      const part = known.slice(i, i + batchSize);
      const presence = await ctx.client.membershipOf(
        groupId,
        part.map((r) => ids.get(r.seq)!),
        add ? 'add' : 'remove',
        ctx.signal,
      );
      for (const r of part) {
        const id = ids.get(r.seq)!;
        const reached = presence.get(id) === add;
        out.push(
          reached
            ? { seq: r.seq, state: 'done', result: add ? 'added' : 'removed', resourceId: id }
            : { seq: r.seq, state: 'planned' },
        );
      }
    }
  }
}
