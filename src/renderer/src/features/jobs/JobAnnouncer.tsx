import { useEffect, useState } from 'react';
import { getApi } from '../../lib/api';

/** Quarter marks a running job's progress is announced at (its end is announced by a toast). */
const MILESTONES = [25, 50, 75];

/**
 * Says a running job's progress to a screen reader at 25, 50 and 75%, once each, politely: a
 * progress bar's every step would be noise, its silence leaves a long job unexplained.
 */
export function JobAnnouncer() {
  const [message, setMessage] = useState('');
  useEffect(() => {
    const said = new Map<string, number>();
    return getApi().on('job.progress', (p) => {
      if (p.state !== 'running' || p.total <= 0) return;
      const percent = ((p.done + p.failed + p.skipped) / p.total) * 100;
      const reached = MILESTONES.filter((m) => percent >= m).pop();
      if (reached === undefined || (said.get(p.jobId) ?? 0) >= reached) return;
      said.set(p.jobId, reached);
      setMessage(`${p.title}: ${reached}% done${p.failed ? `, ${p.failed} failed so far` : ''}.`);
    });
  }, []);
  return (
    <div className="visually-hidden" role="status" aria-label="Job progress">
      {message}
    </div>
  );
}
