import { useState } from 'react';
import type { TenantView } from '../../../../shared/domain/tenant';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { useUpdateTenant } from './queries';

export function EditTenantDialog({ tenant, onClose }: { tenant: TenantView; onClose: () => void }) {
  const [name, setName] = useState(tenant.name);
  const [readOnly, setReadOnly] = useState(tenant.readOnly);
  const [separate, setSeparate] = useState(tenant.requireSeparateApplier);
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
          update.mutate(
            { tenantId: tenant.id, name, readOnly, requireSeparateApplier: separate },
            { onSuccess: onClose },
          );
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
        <label className="checkbox">
          <input type="checkbox" checked={separate} onChange={(e) => setSeparate(e.target.checked)} />
          <span>
            Four eyes for plan files: a plan opened from a file is applied only by another installation than the one
            that made it
          </span>
        </label>
      </form>
      <ErrorText error={update.error} />
    </Dialog>
  );
}
