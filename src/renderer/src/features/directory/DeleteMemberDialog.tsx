import { useState } from 'react';
import { memberEmail, memberName } from '../../../../shared/domain/member-text';
import type { MemberRow } from '../../../../shared/domain/directory';
import type { TenantView } from '../../../../shared/domain/tenant';
import { Dialog, DialogActions } from '../../components/Dialog';
import { useDeleteMember } from './mutations';

/** Deletes one member for good, once the admin has typed its email. */
export function DeleteMemberDialog({
  tenant,
  member,
  onClose,
}: {
  tenant: TenantView;
  member: MemberRow;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState('');
  const remove = useDeleteMember();
  const email = memberEmail(member);
  const matches = typed.trim().toLowerCase() === email.toLowerCase();
  return (
    <Dialog
      title={`Delete ${memberName(member)}?`}
      onClose={onClose}
      description={
        <>
          <p>
            Deleting removes the member from InVision for good. It cannot be undone from here; deactivating keeps their
            data and can be reversed.
          </p>
        </>
      }
      footer={
        <DialogActions
          onCancel={onClose}
          label="Delete member"
          tone="danger"
          form="delete-member-form"
          disabled={!matches}
        />
      }
    >
      <form
        id="delete-member-form"
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!matches) return;
          remove.mutate({ tenantId: tenant.id, memberId: member.id, label: memberName(member) });
          onClose();
        }}
      >
        <label className="field">
          <span className="field-label">
            Type <strong>{email}</strong> to confirm
          </span>
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoFocus
            autoComplete="off"
            aria-label="Type the member's email to confirm"
          />
        </label>
      </form>
    </Dialog>
  );
}
