import { memberEmail, memberName } from '../../../../shared/domain/member-text';
import type { MemberRow } from '../../../../shared/domain/directory';
import type { TenantView } from '../../../../shared/domain/tenant';
import { Dialog, DialogActions } from '../../components/Dialog';
import { toast } from '../../stores/toasts';
import { useSetActive } from './mutations';

/** Deactivates or reactivates one member, after saying what that means in InVision; the toast offers Undo. */
export function SetActiveDialog({
  tenant,
  member,
  active,
  onClose,
}: {
  tenant: TenantView;
  member: MemberRow;
  active: boolean;
  onClose: () => void;
}) {
  const setActive = useSetActive();
  const name = memberName(member);
  // mutateAsync, not mutate callbacks: the dialog is gone by the time the answer comes.
  const run = (value: boolean, undo: boolean): void => {
    setActive.mutateAsync({ tenantId: tenant.id, memberId: member.id, active: value, label: name }).then(
      () =>
        toast({
          tone: 'success',
          message: `${name} ${value ? 'reactivated' : 'deactivated'}${undo ? ' again' : ''}.`,
          ...(undo ? {} : { action: { label: 'Undo', run: () => run(!value, true) } }),
        }),
      () => undefined, // the mutation's own error handler already rolled back and said why
    );
  };
  return (
    <Dialog
      title={active ? `Reactivate ${name}?` : `Deactivate ${name}?`}
      onClose={onClose}
      description={
        active ? (
          <>
            <p>{name} can sign in again and regains their earlier spaces and documents.</p>
            <p>
              They return with the <strong>member</strong> role: any higher role they had (admin, manager) is lost and
              must be granted again in InVision.
            </p>
          </>
        ) : (
          <>
            <p>{name} loses access to InVision at once. Their documents and spaces are kept.</p>
            <p>The paid seat may not be freed at once: InVision releases it on its own schedule.</p>
          </>
        )
      }
      footer={
        <DialogActions
          onCancel={onClose}
          label={active ? 'Reactivate' : 'Deactivate'}
          tone={active ? 'primary' : 'danger'}
          autoFocus
          onClick={() => {
            run(active, false);
            onClose();
          }}
        />
      }
    >
      <p className="cell-muted">{memberEmail(member)}</p>
    </Dialog>
  );
}
