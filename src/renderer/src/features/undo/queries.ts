import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UndoAnyway, UndoPlanView } from '../../../../shared/domain/undo';
import { getApi, unwrap } from '../../lib/api';
import type { UndoTarget } from '../../stores/ui';
import { jobKeys, toastStarted } from '../jobs/queries';
import { useOwnTask } from '../tasks/queries';

/**
 * The Undo view's calls to main: plan (reads the tenant, with progress), check for changes since,
 * and apply (reads it again, skips what changed, starts the undo job).
 */
export function useUndoCalls(target: UndoTarget, tenantName: string) {
  const own = useOwnTask('undo');
  const client = useQueryClient();
  const tenantId = target.tenantId;
  const plan = useMutation({
    mutationFn: (recreateDeleted: boolean): Promise<UndoPlanView> => {
      own.begin(`Reading the members of ${tenantName}`);
      const api = getApi().undo;
      return unwrap(
        target.kind === 'job'
          ? api.planJob({ tenantId, jobId: target.id, recreateDeleted, taskId: own.taskId })
          : api.planEntry({ tenantId, entryId: target.id, recreateDeleted, taskId: own.taskId }),
      );
    },
    onSettled: () => own.end(),
  });
  const check = useMutation({
    mutationFn: (input: { planId: string; undoAnyway: UndoAnyway }) => {
      own.begin(`Checking the undo against ${tenantName}`);
      return unwrap(getApi().undo.check({ tenantId, ...input, taskId: own.taskId }));
    },
    onSettled: () => own.end(),
  });
  const apply = useMutation({
    mutationFn: (input: { planId: string; confirmation: string | null; undoAnyway: UndoAnyway }) => {
      own.begin(`Checking the undo against ${tenantName}`);
      return unwrap(getApi().undo.apply({ tenantId, ...input, taskId: own.taskId }));
    },
    onSettled: () => own.end(),
    onSuccess: (job) => {
      toastStarted(job);
      void client.invalidateQueries({ queryKey: jobKeys.all });
    },
  });
  return { task: own.task, plan, check, apply };
}
