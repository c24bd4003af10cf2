import type { TenantView } from '../../../../shared/domain/tenant';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { useRemoveTenant } from './queries';

export function RemoveTenantDialog({ tenant, onClose }: { tenant: TenantView; onClose: () => void }) {
  const remove = useRemoveTenant();
  return (
    <Dialog
      title={`Remove ${tenant.name}?`}
      onClose={onClose}
      description="The tenant's profile and its token in the OS keychain are deleted from this computer. Nothing changes in InVision, and the token keeps working for anyone else who has it."
      footer={
        <DialogActions
          onCancel={onClose}
          label={remove.isPending ? 'Removing…' : 'Remove tenant'}
          tone="danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate({ tenantId: tenant.id }, { onSuccess: onClose })}
        />
      }
    >
      <ErrorText error={remove.error} />
    </Dialog>
  );
}
