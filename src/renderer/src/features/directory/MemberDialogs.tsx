import { useMemo, useState } from 'react';
import { EMAIL_PATTERN, memberEmail, memberName } from '../../../../shared/domain/member-text';
import { type Directory, type MemberRow } from '../../../../shared/domain/directory';
import type { TenantView } from '../../../../shared/domain/tenant';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { toast } from '../../stores/toasts';
import { useUi } from '../../stores/ui';
import { ProgressBar } from './ProgressBar';
import { useAssignToGroup, useDeleteMember, useProvision, useSetActive } from './queries';
import { useMembersUi } from './store';
import { formatNumber } from '../../lib/numbers';

export function ProvisionDialog({
  tenant,
  directory,
  onClose,
}: {
  tenant: TenantView;
  directory: Directory | undefined;
  onClose: () => void;
}) {
  const [userName, setUserName] = useState('');
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const provision = useProvision();
  const focusMember = useMembersUi((s) => s.focusMember);
  const email = userName.trim();
  const validEmail = EMAIL_PATTERN.test(email);
  // The same check main makes against the server, first against what is loaded, as the admin types.
  const existing = useMemo(
    () =>
      validEmail ? (directory?.members.find((m) => m.userName.toLowerCase() === email.toLowerCase()) ?? null) : null,
    [directory, email, validEmail],
  );
  const ready = validEmail && givenName.trim() !== '' && familyName.trim() !== '' && !existing;
  return (
    <Dialog
      title="Provision member"
      onClose={onClose}
      description="Creates the member in InVision with the member role. The email is their userName; InVision sends the invitation."
      footer={
        <DialogActions
          onCancel={onClose}
          label={provision.isPending ? 'Provisioning…' : 'Provision'}
          form="provision-form"
          disabled={!ready || provision.isPending}
        />
      }
    >
      <form
        id="provision-form"
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!ready) return;
          provision.mutate(
            { tenantId: tenant.id, userName: email, givenName: givenName.trim(), familyName: familyName.trim() },
            {
              onSuccess: (out) => {
                focusMember(out.member.id);
                onClose();
              },
            },
          );
        }}
      >
        <label className="field">
          <span className="field-label">Email</span>
          <input
            type="email"
            value={userName}
            onChange={(e) => setUserName(e.target.value)}
            autoFocus
            autoComplete="off"
            maxLength={320}
            aria-invalid={userName !== '' && !validEmail}
          />
          {userName !== '' && !validEmail ? (
            <span className="field-hint field-hint-error">Enter an email address, such as ana@example.com.</span>
          ) : null}
          {existing ? (
            <span className="field-hint field-hint-error" role="alert">
              {memberName(existing)} already has this email (userName comparison ignores case).{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  focusMember(existing.id);
                  onClose();
                }}
              >
                Open that member
              </button>
            </span>
          ) : null}
        </label>
        <div className="field-pair">
          <label className="field">
            <span className="field-label">Given name</span>
            <input value={givenName} onChange={(e) => setGivenName(e.target.value)} maxLength={128} />
          </label>
          <label className="field">
            <span className="field-label">Family name</span>
            <input value={familyName} onChange={(e) => setFamilyName(e.target.value)} maxLength={128} />
          </label>
        </div>
      </form>
      <ErrorText error={provision.error} />
    </Dialog>
  );
}

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

/** Adds one member or a selection to a group picked from a searchable list. */
export function AddToGroupDialog({
  tenant,
  directory,
  memberIds,
  onClose,
}: {
  tenant: TenantView;
  directory: Directory;
  memberIds: string[];
  onClose: () => void;
}) {
  const [filter, setFilter] = useState('');
  const [groupId, setGroupId] = useState<string | null>(null);
  const assign = useAssignToGroup(tenant.id);
  const openDialog = useUi((s) => s.openDialog);
  const single = memberIds.length === 1 ? directory.members.find((m) => m.id === memberIds[0]) : undefined;
  const label = single ? memberName(single) : `${formatNumber(memberIds.length)} members`;
  const q = filter.trim().toLowerCase();
  const choices = directory.groups
    .filter((g) => !q || g.displayName.toLowerCase().includes(q))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const chosen = directory.groups.find((g) => g.id === groupId);
  return (
    <Dialog
      title={`Add ${label} to a group`}
      onClose={onClose}
      description={
        memberIds.length > 100
          ? `Sent ${100} members per request; each request is read back and recorded in the audit history.`
          : undefined
      }
      footer={
        <DialogActions
          onCancel={onClose}
          label={assign.isPending ? 'Adding…' : chosen ? `Add to ${chosen.displayName}` : 'Add to group'}
          disabled={!chosen || assign.isPending}
          onClick={() => chosen && assign.run({ groupId: chosen.id, memberIds, label }, onClose)}
        />
      }
    >
      <div className="form">
        <label className="field">
          <span className="field-label">Group</span>
          <input
            type="search"
            placeholder="Filter groups"
            aria-label="Filter groups"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            autoFocus
          />
        </label>
        {choices.length === 0 ? (
          <p className="cell-muted">
            {directory.groups.length === 0 ? 'This tenant has no groups yet.' : 'No group matches.'}{' '}
            <button type="button" className="link-button" onClick={() => openDialog({ kind: 'create-group' })}>
              Create a group
            </button>
          </p>
        ) : (
          <div className="pick-list" role="listbox" aria-label="Groups">
            {choices.map((g) => (
              <div
                key={g.id}
                role="option"
                tabIndex={0}
                aria-selected={g.id === groupId}
                className="pick-item"
                onClick={() => setGroupId(g.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    setGroupId(g.id);
                  }
                }}
              >
                <span>{g.displayName}</span>
                <span className="cell-muted">{formatNumber(g.memberIds.length)} members</span>
              </div>
            ))}
          </div>
        )}
        {assign.task ? (
          <ProgressBar label={assign.task.label} done={assign.task.done} total={assign.task.total} />
        ) : null}
      </div>
      <ErrorText error={assign.error} />
    </Dialog>
  );
}
