import { useState } from 'react';
import type { TenantView } from '../../../../shared/domain/tenant';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { useUpdateTenant } from './queries';

export function EditTenantDialog({ tenant, onClose }: { tenant: TenantView; onClose: () => void }) {
  const [name, setName] = useState(tenant.name);
  const [readOnly, setReadOnly] = useState(tenant.readOnly);
  const update = useUpdateTenant();
  return (
    <Dialog
      title={`Edit ${tenant.name}`}
      onClose={onClose}
      footer={
        <DialogActions
          onCancel={onClose}
          label="Save"
          form="edit-form"
          disabled={update.isPending || name.trim() === ''}
        />
      }
    >
      <form
        id="edit-form"
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate({ tenantId: tenant.id, name, readOnly }, { onSuccess: onClose });
        }}
      >
        <label className="field">
          <span className="field-label">Name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            disabled={tenant.kind === 'sandbox'}
            maxLength={120}
            autoFocus
          />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} />
          <span>Read-only profile (every change is refused)</span>
        </label>
      </form>
      <ErrorText error={update.error} />
    </Dialog>
  );
}
