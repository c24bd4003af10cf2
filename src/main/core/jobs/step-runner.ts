import type { ScimClient } from '../scim/client';
import { withBefore } from '../scim/audited';
import type { Journal, OpRecord, Settlement } from './journal';
import {
  createBatcher,
  isMembershipOp,
  prepareBatch,
  reconcileMembership,
  type MembershipRecord,
} from './membership-steps';
import { errorFields, reconcileOperation, runOperation, type StepContext } from './operations';

/** Steps read from the journal at once: a 200,000-step job is never loaded whole. */
export const PAGE = 500;

/** Errors that mean the console cannot record what it does: the job stops rather than goes on unrecorded. */
const RECORDING_FAILED = new Set(['DISK_FULL', 'DATA_DIR_UNWRITABLE']);

export interface StepRunnerDeps {
  journal: Journal;
  jobId: string;
  client: ScimClient;
  ctx: StepContext;
  /** A journal write; false (and the job halted) when the journal cannot take it. */
  record: (write: () => void) => boolean;
  /** Stops the job where it is, keeping the reason. */
  halt: (error: unknown) => void;
  /** Keeps the id of what a step created, for later steps. */
  remember: (op: OpRecord['op'], resourceId: string | null) => void;
  /** Steps settled now (for the rate), and a progress event when one is due. */
  settled: (n: number) => void;
}

/**
 * How a job's steps are taken from the journal, sent and settled: one at a time for member steps,
 * in batches per group for membership steps, and after a crash, reconciled before anything else.
 * Every function answers false when the job must stop taking steps.
 */
export function createStepRunner(deps: StepRunnerDeps) {
  const { journal, jobId, client, ctx, record, halt, remember } = deps;
  const signal = ctx.signal;
  const noteSettled = (n: number) => deps.settled(n);

  /** Settles the steps a crash left in flight: membership steps by reading their groups, creates by a lookup. */
  async function reconcile(): Promise<boolean> {
    const inFlight = journal.opsIn(jobId, 'in_flight');
    const batched = inFlight.filter((op): op is MembershipRecord => isMembershipOp(op.op));
    if (batched.length) {
      const settled = await reconcileMembership(batched, ctx);
      if (!record(() => journal.settleOps(jobId, settled))) return false;
    }
    for (const op of inFlight.filter((o) => !isMembershipOp(o.op))) {
      const found = await reconcileOperation(op.op, ctx, op.updatedAt);
      if (found) {
        if (
          !record(() =>
            journal.settleOp(jobId, op.seq, { state: 'done', result: found.result, resourceId: found.resourceId }),
          )
        )
          return false;
        remember(op.op, found.resourceId);
      } else if (!record(() => journal.settleOp(jobId, op.seq, { state: 'planned' }))) return false;
    }

    return true;
  }

  function singlesOf(phase: number): () => OpRecord | null {
    let buffer: OpRecord[] = [];
    let lastSeq = -1;
    let exhausted = false;
    return () => {
      if (buffer.length === 0 && !exhausted) {
        buffer = journal.plannedIn(jobId, phase, lastSeq, PAGE);
        if (buffer.length < PAGE) exhausted = true;
        if (buffer.length) lastSeq = buffer[buffer.length - 1]!.seq;
      }
      return buffer.shift() ?? null;
    };
  }

  function batchesOf(phase: number): () => MembershipRecord[] | null {
    const batcher = createBatcher(
      (after) => journal.plannedIn(jobId, phase, after, PAGE),
      PAGE,
      () => client.membershipBatchSize(),
    );
    return () => batcher.next();
  }

  /** One step: journalled in flight, sent, settled. False when the job must stop taking steps. */
  async function runSingle(op: OpRecord): Promise<boolean> {
    if (!record(() => journal.beginOp(jobId, op.seq))) return false;
    let out;
    try {
      // The state it changes from goes into the step's audit intent (the journal has it in the step).
      out = await withBefore('before' in op.op ? op.op.before : undefined, () => runOperation(op.op, ctx));
    } catch (error) {
      const { code, message } = errorFields(error);
      // Stopped while waiting for the limiter: nothing was sent for sure only for a queued step,
      // so leave it in flight; the next run reconciles it.
      if (code === 'CANCELLED' || signal.aborted) return true;
      // The audit intent could not be written, so nothing was sent: the step waits, the job stops.
      if (RECORDING_FAILED.has(code)) {
        record(() => journal.settleOp(jobId, op.seq, { state: 'planned' }));
        halt(error);
        return false;
      }
      return record(() => journal.settleOp(jobId, op.seq, { state: 'failed', errorCode: code, errorMessage: message }));
    } finally {
      noteSettled(1);
    }
    // Sent and answered: if the journal cannot say so, the step stays in flight and is reconciled on resume.
    if (
      !record(() => journal.settleOp(jobId, op.seq, { state: 'done', result: out.result, resourceId: out.resourceId }))
    )
      return false;
    remember(op.op, out.resourceId);
    return true;
  }

  /**
   * A batch of membership steps of one group: journalled in flight with all its members in one
   * commit, sent (split as the server needs), read back, and settled in one commit.
   */
  async function runBatch(batch: MembershipRecord[]): Promise<boolean> {
    let prepared;
    try {
      prepared = await prepareBatch(batch, ctx);
    } catch (error) {
      if (signal.aborted) return true;
      throw error;
    }
    if (prepared.unsent.length && !record(() => journal.settleOps(jobId, prepared.unsent))) return false;
    if (prepared.sending.length === 0) return true;
    let settled: Array<{ seq: number } & Settlement>;
    let journalled = false;
    try {
      // Journalled in flight once the group is this batch's, right before its PATCH leaves.
      settled = await prepared.send(() => {
        journal.beginOps(jobId, prepared.sending);
        journalled = true;
      });
    } catch (error) {
      // The journal could not record the batch: nothing was sent; the job stops.
      if (!journalled && !signal.aborted) {
        halt(error);
        return false;
      }
      const { code, message } = errorFields(error);
      // Left in flight: the next run settles the batch by reading the group.
      if (code === 'CANCELLED' || signal.aborted) return true;
      if (RECORDING_FAILED.has(code)) {
        record(() =>
          journal.settleOps(
            jobId,
            prepared.sending.map((seq) => ({ seq, state: 'planned' as const })),
          ),
        );
        halt(error);
        return false;
      }
      settled = prepared.sending.map((seq) => ({ seq, state: 'failed', errorCode: code, errorMessage: message }));
    }
    noteSettled(settled.length);
    if (!record(() => journal.settleOps(jobId, settled))) return false;
    return true;
  }

  return { reconcile, singlesOf, batchesOf, runSingle, runBatch };
}
