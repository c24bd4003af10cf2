import { formatNumber } from '../lib/numbers';
/** Progress of long work in main: "12,000 of 50,000" with a bar; indeterminate until the total is known. */
export function ProgressBar({ label, done, total }: { label: string; done: number; total: number | null }) {
  const percent = total ? Math.min(100, Math.round((done / total) * 100)) : null;
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={total ? done : undefined}
        aria-valuetext={total ? `${formatNumber(done)} of ${formatNumber(total)}` : `${formatNumber(done)} so far`}
      >
        <div
          className={percent === null ? 'progress-fill progress-indeterminate' : 'progress-fill'}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      <span className="progress-text">
        {label}: {formatNumber(done)}
        {total ? ` of ${formatNumber(total)}` : ''}
      </span>
    </div>
  );
}

/** A task's progress bar while it is shown (`when`, default true) and the task runs; nothing otherwise. */
export function TaskProgressBar({
  task,
  when = true,
}: {
  task: { label: string; done: number; total: number | null } | undefined;
  when?: boolean;
}) {
  return task && when ? <ProgressBar label={task.label} done={task.done} total={task.total} /> : null;
}
