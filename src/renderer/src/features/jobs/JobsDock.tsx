import type { TenantView } from '../../../../shared/domain/tenant';
import { useUi } from '../../stores/ui';
import { ProgressBar } from '../../components/ProgressBar';
import { useJobControls, useJobProgress } from './queries';

/** Running jobs of the open tenant, in a corner of every other view: progress, Pause, and a way to Jobs. */
export function JobsDock({ tenant }: { tenant: TenantView }) {
  const byJob = useJobProgress();
  const running = Object.values(byJob).filter((p) => p.tenantId === tenant.id && p.state === 'running');
  const setView = useUi((s) => s.setView);
  const controls = useJobControls(tenant.id);
  if (running.length === 0) return null;
  return (
    <aside className="jobs-dock" aria-label="Running jobs">
      <h2>{running.length === 1 ? 'A job is running' : `${running.length} jobs are running`}</h2>
      {running.slice(0, 3).map((p) => (
        <div key={p.jobId}>
          <ProgressBar label={p.title} done={p.done + p.failed + p.skipped} total={p.total} />
          <div className="toolbar">
            <button type="button" className="button button-small" onClick={() => controls.pause.mutate(p.jobId)}>
              Pause
            </button>
          </div>
        </div>
      ))}
      <button type="button" className="link-button" onClick={() => setView('jobs')}>
        Open Jobs
      </button>
    </aside>
  );
}
