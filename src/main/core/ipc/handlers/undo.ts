import type { UndoService } from '../../undo/service';
import type { Handlers } from '../router';

type UndoChannels = 'undo.planJob' | 'undo.planEntry' | 'undo.apply' | 'undo.check';

export function undoHandlers(undo: UndoService): Pick<Handlers, UndoChannels> {
  return {
    'undo.planJob': ({ tenantId, jobId, recreateDeleted, taskId }) =>
      undo.planJob(tenantId, jobId, recreateDeleted, taskId),
    'undo.planEntry': ({ tenantId, entryId, recreateDeleted, taskId }) =>
      undo.planEntry(tenantId, entryId, recreateDeleted, taskId),
    'undo.apply': ({ tenantId, planId, confirmation, undoAnyway, taskId }) =>
      undo.apply(tenantId, planId, confirmation, undoAnyway ?? null, taskId),
    'undo.check': ({ tenantId, planId, undoAnyway, taskId }) =>
      undo.check(tenantId, planId, undoAnyway ?? null, taskId),
  };
}
