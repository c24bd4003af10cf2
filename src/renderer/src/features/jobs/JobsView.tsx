import { useState } from 'react';
import type { JobView } from '../../../../shared/domain/jobs';
import type { TenantView } from '../../../../shared/domain/tenant';
import { ErrorState } from '../../components/ErrorState';
import { ViewHeader } from '../../components/ViewHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { WriteButton } from '../../components/WriteButton';
import { liveFigures, useJobControls, useJobProgress, useJobs } from './queries';
import { JobItems } from './JobItems';
import { useUi } from '../../stores/ui';
import { formatNumber } from '../../lib/numbers';
import { shortDateTime } from '../../lib/dates';

const STATE_LABEL: Record<JobView['state'], string> = {
  running: 'Running',
  paused: 'Paused',
  cancelled: 'Cancelled',
  finished: 'Finished',
};

function eta(seconds: number | null): string {
  if (seconds === null) return '';
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `about ${minutes} min left` : `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** Bulk jobs of the open tenant: progress, pause / resume / cancel, failures and Retry failed, the report. */
export function JobsView({ tenant }: { tenant: TenantView }) {
  const jobs = useJobs(tenant.id);
  const [openId, setOpenId] = useState<string | null>(null);
  if (jobs.isError && !jobs.data) {
    return <ErrorState title="The jobs could not be loaded" error={jobs.error} onRetry={() => void jobs.refetch()} />;
  }
  const list = jobs.data ?? [];
  const running = list.filter((j) => j.state === 'running' && j.active).length;
  return (
    <section className="view-fill" aria-labelledby="jobs-title">
      <ViewHeader
        id="jobs-title"
        title="Jobs"
        subtitle={
          list.length === 0
            ? ' '
            : `${formatNumber(list.length)} job${list.length === 1 ? '' : 's'} on ${tenant.name}${running ? `, ${running} running` : ''}`
        }
        refresh={{ run: () => void jobs.refetch(), busy: jobs.isFetching }}
      />
      {jobs.isPending ? (
        <div className="state" role="status">
          Loading…
        </div>
      ) : list.length === 0 ? (
        <div className="state">
          <h2>No jobs yet</h2>
          <p>
            Actions on several members at once (deactivate, reactivate, delete, groups) and CSV imports run here, with
            progress, pause and a per-member report.
          </p>
        </div>
      ) : (
        <ul className="job-list" aria-label="Jobs">
          {list.map((job) => (
            <JobCard
              key={job.id}
              job={job}
              titleOf={(id) => list.find((j) => j.id === id)?.title ?? null}
              tenant={tenant}
              open={openId === job.id}
              onToggle={() => setOpenId(openId === job.id ? null : job.id)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function JobCard({
  job,
  titleOf,
  tenant,
  open,
  onToggle,
}: {
  job: JobView;
  /** Another job's title, for the undo links. */
  titleOf: (jobId: string) => string | null;
  tenant: TenantView;
  open: boolean;
  onToggle: () => void;
}) {
  const progress = useJobProgress()[job.id];
  const figures = liveFigures(job, progress);
  const controls = useJobControls(tenant.id);
  const readOnly = tenant.effectiveReadOnly;
  const settled = figures.done + figures.failed + figures.skipped;
  const interrupted = job.state === 'running' && !job.active && !progress;
  const live = figures.state === 'running' && !interrupted;
  const stateLabel = interrupted ? 'Interrupted' : STATE_LABEL[figures.state];
  const startUndo = useUi((s) => s.startUndo);
  return (
    <li className="job-card" aria-label={job.title}>
      <div className="job-head">
        <div>
          <h2 className="job-title">{job.title}</h2>
          <p className="cell-muted">
            Started {shortDateTime(job.createdAt)} · <span className="job-state">{stateLabel}</span>
            {live && figures.rate > 0 ? ` · ${formatNumber(figures.rate)} per second, ${eta(figures.eta)}` : ''}
          </p>
          <UndoLinks job={job} titleOf={titleOf} />
        </div>
        <div className="toolbar">
          {live ? (
            <button type="button" className="button button-small" onClick={() => controls.pause.mutate(job.id)}>
              Pause
            </button>
          ) : null}
          {figures.state === 'paused' || interrupted ? (
            <WriteButton
              readOnly={readOnly}
              className="button button-small button-primary"
              onClick={() => controls.resume.mutate(job.id)}
            >
              Resume
            </WriteButton>
          ) : null}
          {live || figures.state === 'paused' || interrupted ? (
            <button type="button" className="button button-small" onClick={() => controls.cancel.mutate(job.id)}>
              Cancel
            </button>
          ) : null}
          {figures.failed > 0 && !live ? (
            <WriteButton
              readOnly={readOnly}
              className="button button-small"
              onClick={() => controls.retry.mutate(job.id)}
            >
              Retry failed ({formatNumber(figures.failed)})
            </WriteButton>
          ) : null}
          <button type="button" className="button button-small" onClick={() => controls.report.mutate(job.id)}>
            Export report
          </button>
          {!live && (figures.state === 'finished' || figures.state === 'cancelled') && figures.done > 0 ? (
            <WriteButton
              readOnly={readOnly}
              className="button button-small"
              onClick={() =>
                startUndo({ tenantId: tenant.id, kind: 'job', id: job.id, label: job.title, from: 'jobs' })
              }
            >
              Undo…
            </WriteButton>
          ) : null}
          <button type="button" className="button button-ghost button-small" aria-expanded={open} onClick={onToggle}>
            {open ? 'Hide details' : 'Details'}
          </button>
        </div>
      </div>
      <ProgressBar label={`${job.title} progress`} done={settled} total={figures.total} />
      <p className="job-figures">
        <span>
          <strong>{formatNumber(figures.done)}</strong> done
        </span>
        <span className={figures.failed ? 'text-danger' : undefined}>
          <strong>{formatNumber(figures.failed)}</strong> failed
        </span>
        {figures.skipped ? (
          <span>
            <strong>{formatNumber(figures.skipped)}</strong> skipped
          </span>
        ) : null}
        <span className="cell-muted">of {formatNumber(figures.total)}</span>
      </p>
      {open ? <JobItems jobId={job.id} failedFirst={figures.failed > 0} /> : null}
    </li>
  );
}

/** "Reverses …" on an undo, "Undone by …" on a job that was undone: the two are linked both ways. */
function UndoLinks({ job, titleOf }: { job: JobView; titleOf: (jobId: string) => string | null }) {
  const reverses = job.undoOf?.startsWith('job:') ? titleOf(job.undoOf.slice(4)) : null;
  if (!job.undoOf && !job.undoneBy) return null;
  return (
    <p className="cell-muted job-undo-link">
      {job.undoOf
        ? `Reverses ${reverses ? `“${reverses}”` : job.undoOf.startsWith('entry:') ? 'a single action (see Audit)' : 'an earlier job'}`
        : null}
      {job.undoOf && job.undoneBy ? ' · ' : null}
      {job.undoneBy ? `Undone by “${titleOf(job.undoneBy) ?? 'a later job'}”` : null}
    </p>
  );
}
