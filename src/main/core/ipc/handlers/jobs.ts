import type { ImportService } from '../../imports/service';
import type { JobService } from '../../jobs/service';
import type { Handlers } from '../router';

type JobChannels =
  | 'jobs.list'
  | 'jobs.unfinished'
  | 'jobs.startBulk'
  | 'jobs.pause'
  | 'jobs.resume'
  | 'jobs.cancel'
  | 'jobs.retryFailed'
  | 'jobs.items'
  | 'jobs.exportReport'
  | 'import.chooseFile'
  | 'import.plan'
  | 'import.exportPlan'
  | 'import.openPlan'
  | 'import.apply'
  | 'import.checkPlan';

export function jobHandlers(jobs: JobService, imports: ImportService): Pick<Handlers, JobChannels> {
  return {
    'jobs.list': async ({ tenantId }) => ({ jobs: jobs.list(tenantId) }),
    'jobs.unfinished': async () => ({ jobs: jobs.unfinished() }),
    'jobs.startBulk': ({ tenantId, ...request }) => jobs.startBulk(tenantId, request),
    'jobs.pause': async ({ jobId }) => jobs.pause(jobId),
    'jobs.resume': ({ tenantId, jobId }) => jobs.resume(tenantId, jobId),
    'jobs.cancel': async ({ jobId }) => jobs.cancel(jobId),
    'jobs.retryFailed': ({ tenantId, jobId }) => jobs.retryFailed(tenantId, jobId),
    'jobs.items': async ({ jobId, state, offset, limit }) => jobs.items(jobId, state, offset, limit),
    'jobs.exportReport': ({ jobId }) => jobs.exportReport(jobId),
    'import.chooseFile': ({ tenantId, taskId }) => imports.chooseFile(tenantId, taskId),
    'import.plan': ({ tenantId, importId, mapping, options, taskId }) =>
      imports.plan(tenantId, importId, mapping, options, taskId),
    'import.exportPlan': ({ tenantId, importId }) => imports.exportPlan(tenantId, importId),
    'import.openPlan': ({ tenantId }) => imports.openPlan(tenantId),
    'import.apply': ({ tenantId, importId, planId, confirmation, taskId }) =>
      imports.apply(tenantId, importId, planId, confirmation, taskId ?? `apply-${planId}`),
    'import.checkPlan': ({ tenantId, importId, planId, taskId }) =>
      imports.checkPlan(tenantId, importId, planId, taskId),
  };
}
