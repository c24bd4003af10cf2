import type { ScimClient } from '../scim/client';
import type { Journal, JobRecord, OpRecord } from './journal';
import { errorFields, PHASE, type StepContext } from './operations';
import { createStepRunner, PAGE } from './step-runner';

const PHASES = [...new Set(Object.values(PHASE))].sort((a, b) => a - b);
/** The phase of group membership steps, which run in batches per group. */
const MEMBERSHIP_PHASE = PHASE.addToGroup;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface JobProgress {
  jobId: string;
  tenantId: string;
  title: string;
  state: JobRecord['state'];
  total: number;
  done: number;
  failed: number;
  skipped: number;
  /** Steps settled per second over the last few seconds. */
  ratePerSecond: number;
  /** Seconds left at that rate; null when unknown. */
  etaSeconds: number | null;
  /** Why the job stopped by itself (the journal or audit history could not be written), or null. */
  reason: string | null;
}

export interface JobRunnerDeps {
  journal: Journal;
  /** The tenant's client for this job: the tenant's shared limiter, audit entries carrying the job id. */
  clientFor(tenantId: string, jobId: string): Promise<ScimClient>;
  /** Steps a job runs at once at most (each request still waits for the tenant's limiter). */
  workers?: number;
  onProgress?(progress: JobProgress): void;
  /** Called once when a job ends (finished or cancelled), e.g. for a desktop notification. */
  onEnded?(job: JobRecord, elapsedMs: number): void;
  /** A sentence for an error that stopped the job (the journal's file could not be written). */
  describeFailure?(error: unknown): string;
  now?: () => number;
}

interface Control {
  paused: boolean;
  cancelled: boolean;
  /** The error that stopped the job by itself, if any. */
  failure: unknown;
  abort: AbortController;
  done: Promise<JobRecord>;
}

/**
 * Runs journalled jobs. Each step is marked in flight in the journal before its request leaves and
 * settled after its answer; steps left in flight by a crash are reconciled before anything else
 * runs, so a member is never POSTed twice. Pause lets the steps in flight finish and starts no
 * more; cancel does the same and marks what was left skipped.
 */
export function createJobRunner(deps: JobRunnerDeps) {
  const { journal } = deps;
  const now = deps.now ?? (() => Date.now());
  const workers = Math.max(1, deps.workers ?? 8);
  const running = new Map<string, Control>();

  const describe = (error: unknown): string =>
    deps.describeFailure ? deps.describeFailure(error) : errorFields(error).message;

  function progressOf(job: JobRecord, settledAt: number[], reason: string | null = null): JobProgress {
    const t = now();
    const recent = settledAt.filter((x) => x >= t - 5_000);
    const span = recent.length > 1 ? Math.max(1, t - recent[0]!) : 0;
    const ratePerSecond = span ? (recent.length * 1000) / span : 0;
    const left = job.counts.planned + job.counts.in_flight;
    return {
      jobId: job.id,
      tenantId: job.tenantId,
      title: job.title,
      state: job.state,
      total: job.total,
      done: job.counts.done,
      failed: job.counts.failed,
      skipped: job.counts.skipped,
      ratePerSecond: Math.round(ratePerSecond * 10) / 10,
      etaSeconds: ratePerSecond > 0 ? Math.ceil(left / ratePerSecond) : null,
      reason,
    };
  }

  async function execute(jobId: string, control: Control): Promise<JobRecord> {
    const started = now();
    /** Stops the job where it is: steps in flight finish, nothing new starts, the reason is kept. */
    const halt = (error: unknown): void => {
      control.paused = true;
      control.failure ??= error;
    };
    /** A journal write; false (and the job halted) when the journal cannot take it. */
    const record = (write: () => void): boolean => {
      try {
        write();
        return true;
      } catch (error) {
        halt(error);
        return false;
      }
    };
    const job = journal.job(jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    const client = await deps.clientFor(job.tenantId, jobId);
    const signal = control.abort.signal;
    /** userName (lowercase) -> id, from the journal's settled steps and lookups. */
    const ids = new Map<string, string>();
    /** group name (lowercase) -> id, for groups created by the job. */
    const groupIds = new Map<string, string>();
    const remember = (op: OpRecord['op'], resourceId: string | null) => {
      if (!resourceId) return;
      if (op.type === 'createGroup') groupIds.set(op.groupName.toLowerCase(), resourceId);
      else if (op.type === 'create') ids.set(op.userName.toLowerCase(), resourceId);
    };
    // Ids of what earlier runs created (phase 0), read a page at a time with the loop free between.
    for (let after = -1; ;) {
      const page = journal.doneIn(jobId, 0, after, PAGE);
      if (page.length === 0) break;
      for (const op of page) remember(op.op, op.resourceId);
      after = page[page.length - 1]!.seq;
      await yieldToLoop();
    }
    const ctx: StepContext = {
      client,
      signal,
      async userId(userName) {
        const known = ids.get(userName.toLowerCase());
        if (known) return known;
        const found = await client.findUserByUserName(userName, signal);
        if (!found) throw new Error(`${userName} is not in the tenant`);
        ids.set(userName.toLowerCase(), found.id);
        return found.id;
      },
      async groupId(name) {
        const known = groupIds.get(name.toLowerCase());
        if (known) return known;
        const found = await client.findGroupByName(name);
        if (!found) throw new Error(`the group ${name} is not in the tenant`);
        groupIds.set(name.toLowerCase(), found.id);
        return found.id;
      },
    };
    const settledAt: number[] = [];
    let lastEmit = 0;
    /** Progress at most every 250 ms; the final state is sent on its own at the end. */
    const emit = () => {
      const t = now();
      if (t - lastEmit < 250) return;
      lastEmit = t;
      const current = journal.job(jobId);
      if (current) deps.onProgress?.(progressOf(current, settledAt));
    };

    const steps = createStepRunner({
      journal,
      jobId,
      client,
      ctx,
      record,
      halt,
      remember,
      settled: (n: number) => {
        const t = now();
        for (let i = 0; i < n; i += 1) settledAt.push(t);
        if (settledAt.length > 2000) settledAt.splice(0, settledAt.length - 1000);
        emit();
      },
    });

    try {
      await runSteps();
    } catch (error) {
      halt(error);
    }

    if (control.cancelled && !control.failure) {
      record(() => journal.setState(jobId, 'cancelled'));
      await journal.skipPlanned(jobId).catch(halt);
    } else if (control.paused) {
      record(() => journal.setState(jobId, 'paused'));
    } else {
      record(() => journal.setState(jobId, 'finished'));
    }
    const stored = journal.job(jobId)!;
    // A job halted by a failure is paused, whatever the journal could still record.
    const final: JobRecord = control.failure ? { ...stored, state: 'paused' } : stored;
    const reason = control.failure ? describe(control.failure) : null;
    lastEmit = now();
    deps.onProgress?.(progressOf(final, settledAt, reason));
    if (final.state === 'finished' || final.state === 'cancelled') deps.onEnded?.(final, now() - started);
    return final;

    async function runSteps(): Promise<void> {
      // 1. Steps a crash left in flight: settled before anything else runs.
      if (!(await steps.reconcile())) return;

      // 2. The planned steps, phase by phase, read from the journal a page at a time; membership
      // steps in batches per group.
      for (const phase of PHASES) {
        const take = phase === MEMBERSHIP_PHASE ? steps.batchesOf(phase) : steps.singlesOf(phase);
        const worker = async () => {
          for (;;) {
            if (control.paused || control.cancelled) return;
            const unit = take();
            if (!unit) return;
            const goOn = Array.isArray(unit) ? await steps.runBatch(unit) : await steps.runSingle(unit);
            if (!goOn) return;
          }
        };
        await Promise.all(Array.from({ length: workers }, worker));
        if (control.paused || control.cancelled) break;
      }
    }
  }

  /** Starts (or resumes) a job; resolves when it finishes, pauses or is cancelled. */
  function start(jobId: string): Promise<JobRecord> {
    const existing = running.get(jobId);
    if (existing) return existing.done;
    journal.setState(jobId, 'running');
    const control = { paused: false, cancelled: false, failure: null, abort: new AbortController() } as Control;
    control.done = execute(jobId, control).finally(() => running.delete(jobId));
    running.set(jobId, control);
    return control.done;
  }

  return {
    start,
    pause(jobId: string): void {
      const control = running.get(jobId);
      if (control) control.paused = true;
      else if (journal.job(jobId)?.state === 'running') journal.setState(jobId, 'paused');
    },
    cancel(jobId: string): void {
      const control = running.get(jobId);
      if (control) {
        control.cancelled = true;
        return;
      }
      const job = journal.job(jobId);
      if (job && (job.state === 'paused' || job.state === 'running')) {
        journal.setState(jobId, 'cancelled');
        // A quit before this ends is finished at the next open (see migrate in journal.ts).
        journal.skipPlanned(jobId).catch(() => undefined);
      }
    },
    /** Failed steps back to planned, then run again. */
    retryFailed(jobId: string): Promise<JobRecord> {
      if (running.has(jobId)) return running.get(jobId)!.done;
      journal.requeueFailed(jobId);
      return start(jobId);
    },
    isRunning: (jobId: string) => running.has(jobId),
    /** Stops everything now (the app is quitting): steps in flight are reconciled on next start. */
    stopAll(): void {
      for (const control of running.values()) {
        control.paused = true;
        control.abort.abort();
      }
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
