import path from 'node:path';
import type { BulkAction, JobItem, JobView } from '../../../shared/domain/jobs';
import type { EvidenceSealing } from '../evidence/manifest';
import type { Dialogs } from '../deps';
import { exportJobReport } from './report';
import { AppError } from '../errors';
import type { CoreEvents } from '../events';
import type { Logger } from '../log';
import type { TenantService } from '../tenants/service';
import { dataFileError } from '../fs/data-dir';
import type { JobRecord, OperationSource, OpRecord, OpState } from './journal';
import { lazyJournal } from './journal-lazy';
import { describeOperation, type Operation } from './operations';
import { createJobRunner } from './runner';
import { batchSizeOf } from '../scim/membership';
import { beforeStates, type TenantState } from './before';

export interface JobServiceDeps {
  dataDir: string;
  /** How reports are sealed (manifest and signature); unsigned without it. */
  evidence?: EvidenceSealing;
  tenants: TenantService;
  events: CoreEvents;
  dialogs: Dialogs;
  log: Logger;
  /** A desktop notification (Electron's); absent in hosts that have none. */
  notify?: (title: string, body: string) => void;
  now: () => Date;
  /** The tenant as the console holds it (the last listing): each bulk step's before-state, with no request sent. */
  stateOf?: (tenantId: string) => TenantState;
}

/** Jobs that took at least this long end with a desktop notification. */
const NOTIFY_AFTER_MS = 10_000;

export interface BulkRequest {
  action: BulkAction;
  members: Array<{ id: string; userName: string }>;
  groupId?: string | undefined;
  groupName?: string | undefined;
  /** For delete: the number of members, typed by the admin. */
  confirmCount?: number | undefined;
}

const memberCount = (n: number) => `${n.toLocaleString('en-US')} member${n === 1 ? '' : 's'}`;
const TITLES: Record<BulkAction, (n: number, group: string) => string> = {
  deactivate: (n) => `Deactivate ${memberCount(n)}`,
  reactivate: (n) => `Reactivate ${memberCount(n)}`,
  delete: (n) => `Delete ${memberCount(n)}`,
  addToGroup: (n, g) => `Add ${memberCount(n)} to ${g}`,
  removeFromGroup: (n, g) => `Remove ${memberCount(n)} from ${g}`,
};

/**
 * Bulk work on a tenant as journalled jobs (`jobs.sqlite` beside the audit store): actions on a
 * selection of members and imports. Every step goes through the tenant's audited, read-back client
 * with the job id on its audit entries, and the tenant's shared, adaptive limiter.
 */
export function createJobService(deps: JobServiceDeps) {
  const journal = lazyJournal(path.join(deps.dataDir, 'jobs.sqlite'), deps.now, (error) =>
    dataFileError(deps.dataDir, 'the job journal', error),
  );
  /** A job stopped by an error, in a sentence: typed errors as they are, file errors as DISK_FULL and the like. */
  const describeFailure = (error: unknown): string =>
    error instanceof AppError ? error.message : dataFileError(deps.dataDir, 'the job journal', error).message;
  const runner = createJobRunner({
    journal,
    clientFor: (tenantId, jobId) => deps.tenants.clientFor(tenantId, { jobId }),
    onProgress: (progress) => deps.events.emit('job.progress', progress),
    describeFailure,
    onEnded: (job, elapsedMs) => {
      if (elapsedMs < NOTIFY_AFTER_MS || !deps.notify) return;
      const failed = job.counts.failed ? `, ${job.counts.failed.toLocaleString('en-US')} failed` : '';
      deps.notify(
        job.state === 'cancelled' ? `Cancelled: ${job.title}` : `Finished: ${job.title}`,
        `${job.counts.done.toLocaleString('en-US')} of ${job.total.toLocaleString('en-US')} done${failed}.`,
      );
    },
  });

  function view(job: JobRecord): JobView {
    return {
      id: job.id,
      tenantId: job.tenantId,
      kind: job.kind,
      title: job.title,
      state: job.state,
      active: runner.isRunning(job.id),
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      total: job.total,
      done: job.counts.done,
      failed: job.counts.failed,
      skipped: job.counts.skipped,
      planned: job.counts.planned,
      inFlight: job.counts.in_flight,
      undoOf: job.undoOf,
      undoneBy: journal.undoneBy(`job:${job.id}`),
    };
  }

  function jobOf(jobId: string, tenantId?: string): JobRecord {
    const job = journal.job(jobId);
    if (!job || (tenantId !== undefined && job.tenantId !== tenantId)) {
      throw new AppError('JOB_NOT_FOUND');
    }
    return job;
  }

  function launch(jobId: string, run: () => Promise<JobRecord>): void {
    run().catch((error: unknown) => {
      deps.log.error('job stopped on an error', { jobId, error: String(error) });
      try {
        journal.setState(jobId, 'paused');
      } catch (stateError) {
        deps.log.error('could not record the pause', { jobId, error: String(stateError) });
      }
      let job: JobRecord | null;
      try {
        job = journal.job(jobId);
      } catch {
        job = null;
      }
      if (job)
        deps.events.emit('job.progress', {
          jobId,
          tenantId: job.tenantId,
          title: job.title,
          state: 'paused',
          total: job.total,
          done: job.counts.done,
          failed: job.counts.failed,
          skipped: job.counts.skipped,
          ratePerSecond: 0,
          etaSeconds: null,
          reason: describeFailure(error),
        });
    });
  }

  /**
   * Journals a job and runs it. `skip` names steps settled as skipped before anything is sent, with
   * their reason (a plan's steps that changed since it was made). `undoOf` links an undo to what it
   * reverses. Read-only tenants are refused by the router (every channel that starts a job is a
   * tenant write) and by the client.
   */
  async function start(
    tenantId: string,
    kind: string,
    title: string,
    ops: OperationSource,
    skip: ReadonlyArray<{ index: number; reason: string }> = [],
    undoOf: string | null = null,
  ) {
    if (ops.length === 0) throw new AppError('INVALID_INPUT', 'There is nothing to do.');
    const jobId = await journal.create({ tenantId, kind, title, ops, undoOf });
    if (skip.length) {
      journal.settleOps(
        jobId,
        skip.map((s) => ({ seq: s.index, state: 'skipped' as const, result: 'stale', errorMessage: s.reason })),
      );
    }
    launch(jobId, () => runner.start(jobId));
    return view(journal.job(jobId)!);
  }

  return {
    list(tenantId: string | null): JobView[] {
      return journal
        .jobs()
        .filter((j) => tenantId === null || j.tenantId === tenantId)
        .slice(0, 200)
        .map(view);
    },
    /** Jobs a crash or a quit left running or paused: offered for resume at start-up. */
    unfinished(): JobView[] {
      return journal
        .unfinished()
        .filter((j) => !runner.isRunning(j.id))
        .map(view);
    },
    /** Records a job and starts it; returns at once (progress arrives as `job.progress`). */
    start,
    /** A job of this tenant as the journal has it (JOB_NOT_FOUND otherwise). */
    record: (jobId: string, tenantId: string): JobRecord => jobOf(jobId, tenantId),
    /** The undo job of a job or an audit entry (`job:<id>`, `entry:<id>`), if one was started. */
    undoneBy: (ref: string): string | null => journal.undoneBy(ref),
    /** Every step of a job in order, a page at a time (never the whole job at once). */
    *steps(jobId: string): Generator<OpRecord> {
      for (let after = -1; ;) {
        const page = journal.after(jobId, after, 1_000);
        yield* page;
        if (page.length < 1_000) return;
        after = page[page.length - 1]!.seq;
      }
    },
    /** An action on a selection of members, as a job. */
    async startBulk(tenantId: string, request: BulkRequest): Promise<JobView> {
      const { action, members } = request;
      if (members.length === 0) throw new AppError('INVALID_INPUT', 'No members are selected.');
      if (action === 'delete' && request.confirmCount !== members.length) {
        throw new AppError(
          'CONFIRMATION_REQUIRED',
          `Type the number of members (${members.length}) to confirm that they are deleted for good.`,
        );
      }
      if ((action === 'addToGroup' || action === 'removeFromGroup') && !request.groupId) {
        throw new AppError('INVALID_INPUT', 'Choose a group.');
      }
      const groupId = request.groupId ?? '';
      const groupName = request.groupName ?? groupId;
      // Made step by step as the journal writes them, not as one 200,000-element array up front.
      const toOperation = (m: { id: string; userName: string }): Operation => {
        switch (action) {
          case 'deactivate':
          case 'reactivate':
            return { type: 'setActive', userName: m.userName, userId: m.id, active: action === 'reactivate' };
          case 'delete':
            return { type: 'delete', userName: m.userName, userId: m.id };
          case 'addToGroup':
            return { type: 'addToGroup', userName: m.userName, userId: m.id, groupId, groupName };
          case 'removeFromGroup':
            return { type: 'removeFromGroup', userName: m.userName, userId: m.id, groupId, groupName };
        }
      };
      const before = deps.stateOf ? beforeStates(deps.stateOf(tenantId)) : (op: Operation) => op;
      const ops: OperationSource = {
        length: members.length,
        at: (i) => (members[i] ? before(toOperation(members[i])) : undefined),
      };
      return start(tenantId, action, TITLES[action](members.length, groupName), ops);
    },
    /** Members per group PATCH on this tenant (the job engine's batches; fewer once a 413 taught it). */
    async membershipBatchSize(tenantId: string): Promise<number> {
      return batchSizeOf(await deps.tenants.capabilities(tenantId));
    },
    pause(jobId: string): JobView {
      runner.pause(jobId);
      return view(jobOf(jobId));
    },
    async resume(tenantId: string, jobId: string): Promise<JobView> {
      const job = jobOf(jobId, tenantId);
      if (job.state === 'finished' || job.state === 'cancelled') return view(job);
      launch(jobId, () => runner.start(jobId));
      return view(jobOf(jobId));
    },
    cancel(jobId: string): JobView {
      runner.cancel(jobId);
      return view(jobOf(jobId));
    },
    async retryFailed(tenantId: string, jobId: string): Promise<JobView> {
      const job = jobOf(jobId, tenantId);
      if (job.counts.failed === 0) return view(job);
      launch(jobId, () => runner.retryFailed(jobId));
      return view(jobOf(jobId));
    },
    items(jobId: string, state: OpState | null, offset: number, limit: number): { items: JobItem[]; total: number } {
      // Paged and counted in SQL: a page of a 200,000-step job costs what a page of a small one does.
      return {
        total: journal.count(jobId, state),
        items: journal.page(jobId, state, offset, limit).map((o) => ({
          seq: o.seq,
          description: describeOperation(o.op),
          state: o.state,
          result: o.result,
          errorCode: o.errorCode,
          errorMessage: o.errorMessage,
          attempts: o.attempts,
        })),
      };
    },
    /** The per-step report as CSV (row, action, member, group, state, result, error). */
    async exportReport(jobId: string): Promise<{ path: string | null; count: number }> {
      const job = jobOf(jobId);
      return exportJobReport(deps, journal, job);
    },
    close(): void {
      runner.stopAll();
      journal.close();
    },
  };
}

export type JobService = ReturnType<typeof createJobService>;
