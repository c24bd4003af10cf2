import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { BulkAction, JobProgressView, JobView } from '../../../../shared/domain/jobs';
import { getApi, unwrap } from '../../lib/api';
import { errorToast } from '../../lib/error-toast';
import { formatNumber } from '../../lib/numbers';
import { usePushed } from '../../lib/pushed';
import { toast } from '../../stores/toasts';
import { auditKeys } from '../audit/queries';
import { directoryKeys } from '../directory/queries';

export const jobKeys = {
  all: ['jobs'] as const,
  tenant: (tenantId: string | null) => ['jobs', 'list', tenantId] as const,
  unfinished: ['jobs', 'unfinished'] as const,
  jobItems: (jobId: string) => ['jobs', 'items', jobId] as const,
  items: (jobId: string, state: string | null) => ['jobs', 'items', jobId, state] as const,
  /** Pushed by main (`job.progress`), never fetched: the latest progress of each job this run has heard about. */
  progress: ['jobs', 'progress'] as const,
};

type ProgressByJob = Readonly<Record<string, JobProgressView>>;

/** The latest pushed progress of every job this run has heard about. */
export function useJobProgress(): ProgressByJob {
  return usePushed<ProgressByJob>(jobKeys.progress) ?? NO_PROGRESS;
}
const NO_PROGRESS: ProgressByJob = {};

/** Subscribes once to `job.progress`; on a job's end, refreshes the jobs and the tenant's listing. */
export function useJobEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    const off = getApi().on('job.progress', (p) => {
      const before = client.getQueryData<ProgressByJob>(jobKeys.progress)?.[p.jobId];
      client.setQueryData<ProgressByJob>(jobKeys.progress, (byJob) => ({ ...byJob, [p.jobId]: p }));
      if (!before || before.state !== p.state) void client.invalidateQueries({ queryKey: jobKeys.all });
      if (p.state === 'finished' || p.state === 'cancelled' || p.state === 'paused') {
        void client.invalidateQueries({ queryKey: directoryKeys.tenant(p.tenantId) });
        void client.invalidateQueries({ queryKey: auditKeys.all });
        void client.invalidateQueries({ queryKey: jobKeys.jobItems(p.jobId) });
        if (p.state === 'paused' && p.reason) {
          // It stopped by itself (a full disk, say): say why, and how to go on.
          toast({ tone: 'error', message: `${p.title} stopped: ${p.reason} Resume it in Jobs once that is fixed.` });
        }
        if (p.state === 'finished') {
          toast({
            tone: p.failed ? 'warning' : 'success',
            message: `${p.title}: ${formatNumber(p.done)} done${p.failed ? `, ${formatNumber(p.failed)} failed (Retry failed in Jobs)` : ''}.`,
          });
        }
      }
    });
    return off;
  }, [client]);
}

export function useJobs(tenantId: string | null) {
  return useQuery({
    queryKey: jobKeys.tenant(tenantId),
    queryFn: () => unwrap(getApi().jobs.list({ tenantId })),
    select: (out) => out.jobs,
  });
}

export function useUnfinishedJobs() {
  return useQuery({
    queryKey: jobKeys.unfinished,
    queryFn: () => unwrap(getApi().jobs.unfinished()),
    select: (out) => out.jobs,
  });
}

export function useJobItems(jobId: string, state: 'failed' | null, limit = 200) {
  return useQuery({
    queryKey: jobKeys.items(jobId, state),
    queryFn: () => unwrap(getApi().jobs.items({ jobId, state, offset: 0, limit })),
  });
}

/** A job's figures: live progress when this run has any, else the journal's. */
export function liveFigures(job: JobView, progress: JobProgressView | undefined) {
  if (progress && progress.jobId === job.id) {
    return {
      state: progress.state,
      done: progress.done,
      failed: progress.failed,
      skipped: progress.skipped,
      total: progress.total,
      rate: progress.ratePerSecond,
      eta: progress.etaSeconds,
    };
  }
  return {
    state: job.state,
    done: job.done,
    failed: job.failed,
    skipped: job.skipped,
    total: job.total,
    rate: 0,
    eta: null,
  };
}

export function useStartBulk() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      tenantId: string;
      action: BulkAction;
      members: Array<{ id: string; userName: string }>;
      groupId?: string;
      groupName?: string;
      confirmCount?: number;
    }) => unwrap(getApi().jobs.startBulk(input)),
    onSuccess: (job) => {
      toast({ tone: 'info', message: `Started: ${job.title}. Follow it in Jobs.` });
      void client.invalidateQueries({ queryKey: jobKeys.all });
    },
  });
}

/** Pause, resume, cancel, retry failed, export the report: the controls of one job. */
export function useJobControls(tenantId: string) {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: jobKeys.all });
  const api = getApi();
  const pause = useMutation({
    mutationFn: (jobId: string) => unwrap(api.jobs.pause({ jobId })),
    onSettled: refresh,
    onError: (e) => errorToast('Pausing the job', e),
  });
  const resume = useMutation({
    mutationFn: (jobId: string) => unwrap(api.jobs.resume({ tenantId, jobId })),
    onSettled: refresh,
    onError: (e) => errorToast('Resuming the job', e),
  });
  const cancel = useMutation({
    mutationFn: (jobId: string) => unwrap(api.jobs.cancel({ jobId })),
    onSettled: refresh,
    onError: (e) => errorToast('Cancelling the job', e),
  });
  const retry = useMutation({
    mutationFn: (jobId: string) => unwrap(api.jobs.retryFailed({ tenantId, jobId })),
    onSettled: refresh,
    onError: (e) => errorToast('Retrying the failed steps', e),
  });
  const report = useMutation({
    mutationFn: (jobId: string) => unwrap(api.jobs.exportReport({ jobId })),
    onSuccess: (out) => {
      if (out.path)
        toast({ tone: 'success', message: `Saved the report (${formatNumber(out.count)} steps) to ${out.path}.` });
    },
    onError: (e) => errorToast('Exporting the report', e),
  });
  return { pause, resume, cancel, retry, report };
}

/** "Started: <title>", saying how many steps changed since the plan and will be skipped, if any. */
export function toastStarted(job: JobView): void {
  const stale = job.skipped;
  toast({
    tone: stale ? 'warning' : 'info',
    message: stale
      ? `Started: ${job.title}. ${formatNumber(stale)} step${stale === 1 ? '' : 's'} changed since the plan and will be skipped (listed in the job and its report).`
      : `Started: ${job.title}. Follow it in Jobs.`,
  });
}
