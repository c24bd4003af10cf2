import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ColumnMappingView, ImportPlanView, PlanOptionsView } from '../../../../shared/domain/jobs';
import { getApi, unwrap } from '../../lib/api';
import { formatNumber } from '../../lib/numbers';
import { toast } from '../../stores/toasts';
import { jobKeys, toastStarted } from '../jobs/queries';
import { useOwnTask } from '../tasks/queries';

export type Plan = ImportPlanView & { planId: string };

/**
 * The import's calls to main: choose a file (main reads and decodes it), plan it against the
 * tenant, export the plan, apply it as a job. Choosing and planning report progress as one task.
 */
export function useImportCalls(tenant: { id: string; name: string }) {
  const own = useOwnTask('import');
  const client = useQueryClient();
  const choose = useMutation({
    mutationFn: () => {
      own.begin('Reading the file');
      return unwrap(getApi().import.chooseFile({ tenantId: tenant.id, taskId: own.taskId }));
    },
    onSettled: () => own.end(),
  });
  const plan = useMutation({
    mutationFn: (input: { importId: string; mapping: ColumnMappingView; options: PlanOptionsView }): Promise<Plan> => {
      own.begin(`Reading the members of ${tenant.name}`);
      return unwrap(getApi().import.plan({ tenantId: tenant.id, ...input, taskId: own.taskId }));
    },
    onSettled: () => own.end(),
  });
  const apply = useMutation({
    mutationFn: (input: { importId: string; planId: string; confirmation: string | null }) => {
      // The tenant is read again first: steps that changed since the plan are skipped, not sent.
      own.begin(`Checking the plan against ${tenant.name}`);
      return unwrap(getApi().import.apply({ tenantId: tenant.id, ...input, taskId: own.taskId }));
    },
    onSettled: () => own.end(),
    onSuccess: (job) => {
      toastStarted(job);
      void client.invalidateQueries({ queryKey: jobKeys.all });
    },
  });
  const check = useMutation({
    mutationFn: (input: { importId: string; planId: string }) => {
      own.begin(`Checking the plan against ${tenant.name}`);
      return unwrap(getApi().import.checkPlan({ tenantId: tenant.id, ...input, taskId: own.taskId }));
    },
    onSettled: () => own.end(),
  });
  /** A plan file another installation (or this one) exported: checked in main, then shown like a plan made here. */
  const openPlan = useMutation({
    mutationFn: () => unwrap(getApi().import.openPlan({ tenantId: tenant.id })),
  });
  return { task: own.task, choose, plan, apply, check, openPlan };
}

/** Saves the whole plan as JSON (every step and request), where the admin chooses. */
export function useExportPlan(tenantId: string) {
  return useMutation({
    mutationFn: (importId: string) => unwrap(getApi().import.exportPlan({ tenantId, importId })),
    onSuccess: (out) => {
      if (!out.path) return;
      toast(
        out.signed
          ? {
              tone: 'success',
              message: `Saved the plan (${formatNumber(out.steps)} steps, signed) to ${out.path}. A colleague can open it in Import and apply it.`,
            }
          : {
              tone: 'warning',
              message: `Saved the plan (${formatNumber(out.steps)} steps) to ${out.path}, unsigned: the keychain would not sign it, so another installation cannot apply it.`,
            },
      );
    },
  });
}
