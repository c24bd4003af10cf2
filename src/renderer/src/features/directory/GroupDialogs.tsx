import { useState } from 'react';
import type { GroupDialogProps, ListingDialogProps } from './dialog-props';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { formatNumber } from '../../lib/numbers';
import { useCreateGroup, useDeleteGroup, useRenameGroup } from './mutations';

/* Create, rename and delete a group: three short dialogs over the same group name rules. */

export function CreateGroupDialog({ tenant, directory, onClose }: ListingDialogProps) {
  const [name, setName] = useState('');
  const create = useCreateGroup();
  const trimmed = name.trim();
  const taken = directory?.groups.some((g) => g.displayName.toLowerCase() === trimmed.toLowerCase()) ?? false;
  return (
    <Dialog
      title="Create group"
      onClose={onClose}
      footer={
        <DialogActions
          onCancel={onClose}
          label={create.isPending ? 'Creating…' : 'Create group'}
          form="create-group-form"
          disabled={!trimmed || taken || create.isPending}
        />
      }
    >
      <form
        id="create-group-form"
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (trimmed && !taken) create.mutate({ tenantId: tenant.id, displayName: trimmed }, { onSuccess: onClose });
        }}
      >
        <label className="field">
          <span className="field-label">Group name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={256} />
          {taken ? <span className="field-hint field-hint-error">A group with this name already exists.</span> : null}
        </label>
      </form>
      <ErrorText error={create.error} />
    </Dialog>
  );
}

export function RenameGroupDialog({ tenant, group, directory, onClose }: GroupDialogProps) {
  const [name, setName] = useState(group.displayName);
  const rename = useRenameGroup();
  const trimmed = name.trim();
  const taken = directory.groups.some(
    (g) => g.id !== group.id && g.displayName.toLowerCase() === trimmed.toLowerCase(),
  );
  return (
    <Dialog
      title={`Rename ${group.displayName}`}
      onClose={onClose}
      footer={
        <DialogActions
          onCancel={onClose}
          label="Rename"
          form="rename-group-form"
          disabled={!trimmed || taken || trimmed === group.displayName}
        />
      }
    >
      <form
        id="rename-group-form"
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!trimmed || taken) return;
          rename.mutate({ tenantId: tenant.id, groupId: group.id, displayName: trimmed });
          onClose();
        }}
      >
        <label className="field">
          <span className="field-label">Group name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={256} />
          {taken ? <span className="field-hint field-hint-error">Another group already has this name.</span> : null}
        </label>
      </form>
    </Dialog>
  );
}

export function DeleteGroupDialog({ tenant, group, onClose }: Omit<GroupDialogProps, 'directory'>) {
  const remove = useDeleteGroup();
  return (
    <Dialog
      title={`Delete ${group.displayName}?`}
      onClose={onClose}
      description={`The group is deleted in InVision. Its ${formatNumber(group.memberIds.length)} members stay; they only leave the group. This cannot be undone from here.`}
      footer={
        <DialogActions
          onCancel={onClose}
          label="Delete group"
          tone="danger"
          onClick={() => {
            remove.mutate({ tenantId: tenant.id, groupId: group.id, label: group.displayName });
            onClose();
          }}
        />
      }
    >
      <p className="cell-muted">Group id {group.id}</p>
    </Dialog>
  );
}
