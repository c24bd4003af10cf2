import type { ImportFile, ImportPlanView, JobProgressView, JobView } from '../../../shared/domain/jobs';
import type { Core } from '../app-core';

/** Calls a channel through the core's router, as the renderer would; throws the error it answers. */
export async function call<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** The error code a call answers; throws when it succeeds. */
export async function failure(core: Core, channel: string, input: unknown): Promise<string> {
  const result = await core.dispatch(channel, input);
  if (result.ok) throw new Error(`${channel} succeeded`);
  return result.error.code;
}

/** Resolves when the job reports an end state (finished or cancelled). */
export function ended(core: Core, jobId: string): Promise<JobProgressView> {
  return new Promise((resolve) => {
    const off = core.events.subscribe((event, payload) => {
      const p = payload as JobProgressView;
      if (event === 'job.progress' && p.jobId === jobId && (p.state === 'finished' || p.state === 'cancelled')) {
        off();
        resolve(p);
      }
    });
  });
}

/** Reads the file the dialog gives and plans it with the suggested mapping. */
export async function readAndPlan(
  core: Core,
  tenantId: string,
  options = { deactivateMissing: false, createUnknownGroups: false, removeUnlistedGroups: false },
): Promise<ImportPlanView & { planId: string }> {
  const file = await call<ImportFile>(core, 'import.chooseFile', { tenantId, taskId: 'read' });
  return call<ImportPlanView & { planId: string }>(core, 'import.plan', {
    tenantId,
    importId: file.importId,
    mapping: file.mapping,
    options,
    taskId: 'plan',
  });
}

/** Applies a plan as shown (no typed confirmation) and waits for its job to end. */
export async function applyPlan(
  core: Core,
  tenantId: string,
  plan: { importId: string; planId: string },
): Promise<{ job: JobView; end: JobProgressView }> {
  const job = await call<JobView>(core, 'import.apply', {
    tenantId,
    importId: plan.importId,
    planId: plan.planId,
    confirmation: null,
  });
  return { job, end: await ended(core, job.id) };
}
