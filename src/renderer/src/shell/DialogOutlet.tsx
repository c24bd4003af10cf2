import type { TenantView } from '../../../shared/domain/tenant';
import { assertNever } from '../lib/assert-never';
import { useUi } from '../stores/ui';
import { ReviewPackDialog } from '../features/audit/ReviewPackDialog';
import { RotateSigningKeyDialog } from '../features/audit/RotateSigningKeyDialog';
import { AddGroupMembersDialog } from '../features/directory/AddGroupMembersDialog';
import { AddToGroupDialog } from '../features/directory/AddToGroupDialog';
import { DeleteMemberDialog } from '../features/directory/DeleteMemberDialog';
import { CreateGroupDialog, DeleteGroupDialog, RenameGroupDialog } from '../features/directory/GroupDialogs';
import { ProvisionDialog } from '../features/directory/ProvisionDialog';
import { useDirectory } from '../features/directory/queries';
import { SetActiveDialog } from '../features/directory/SetActiveDialog';
import { BulkDialog } from '../features/jobs/BulkDialog';
import { CommandPalette } from '../features/palette/CommandPalette';
import type { Command } from '../features/palette/CommandPalette';
import { AddTenantDialog } from '../features/tenants/AddTenantDialog';
import { EditTenantDialog } from '../features/tenants/EditTenantDialog';
import { useOpenTenant } from '../features/tenants/queries';
import { RemoveTenantDialog } from '../features/tenants/RemoveTenantDialog';
import { RotateTokenDialog } from '../features/tenants/RotateTokenDialog';

/**
 * The one place dialogs are rendered: at most one at a time, the UI store's `dialog`. A dialog
 * about a tenant, member or group that is gone (removed, deleted, not loaded) is not shown.
 */
export function DialogOutlet({
  tenants,
  active,
  commands,
}: {
  tenants: readonly TenantView[];
  active: TenantView | null;
  commands: Command[];
}) {
  const dialog = useUi((s) => s.dialog);
  const close = useUi((s) => s.closeDialog);
  const setView = useUi((s) => s.setView);
  const open = useOpenTenant();
  const dir = useDirectory(active?.id ?? null, { load: false }).data;
  if (!dialog) return null;
  const tenant = (id: string) => tenants.find((t) => t.id === id);
  const member = (id: string) => dir?.members.find((m) => m.id === id);
  const group = (id: string) => dir?.groups.find((g) => g.id === id);
  switch (dialog.kind) {
    case 'palette':
      return <CommandPalette commands={commands} onClose={close} />;
    case 'rotate-signing-key':
      return <RotateSigningKeyDialog onClose={close} />;
    case 'review-pack':
      return <ReviewPackDialog tenants={[...tenants]} activeId={active?.id ?? null} onClose={close} />;
    case 'add-tenant':
      return (
        <AddTenantDialog
          onClose={close}
          onAdded={(id) => {
            close();
            open.mutate({ tenantId: id, readOnly: false }, { onSuccess: () => setView('overview') });
          }}
        />
      );
    case 'rotate-token': {
      const t = tenant(dialog.tenantId);
      return t ? <RotateTokenDialog tenant={t} onClose={close} /> : null;
    }
    case 'edit-tenant': {
      const t = tenant(dialog.tenantId);
      return t ? <EditTenantDialog tenant={t} onClose={close} /> : null;
    }
    case 'remove-tenant': {
      const t = tenant(dialog.tenantId);
      return t ? <RemoveTenantDialog tenant={t} onClose={close} /> : null;
    }
    case 'provision':
      return active ? <ProvisionDialog tenant={active} directory={dir} onClose={close} /> : null;
    case 'set-active': {
      const m = member(dialog.memberId);
      return active && m ? <SetActiveDialog tenant={active} member={m} active={dialog.active} onClose={close} /> : null;
    }
    case 'delete-member': {
      const m = member(dialog.memberId);
      return active && m ? <DeleteMemberDialog tenant={active} member={m} onClose={close} /> : null;
    }
    case 'add-to-group':
      return active && dir ? (
        <AddToGroupDialog tenant={active} directory={dir} memberIds={dialog.memberIds} onClose={close} />
      ) : null;
    case 'bulk':
      return active && dir ? (
        <BulkDialog
          tenant={active}
          directory={dir}
          action={dialog.action}
          memberIds={dialog.memberIds}
          onClose={close}
        />
      ) : null;
    case 'create-group':
      return active ? <CreateGroupDialog tenant={active} directory={dir} onClose={close} /> : null;
    case 'rename-group': {
      const g = group(dialog.groupId);
      return active && g && dir ? (
        <RenameGroupDialog tenant={active} group={g} directory={dir} onClose={close} />
      ) : null;
    }
    case 'delete-group': {
      const g = group(dialog.groupId);
      return active && g ? <DeleteGroupDialog tenant={active} group={g} onClose={close} /> : null;
    }
    case 'add-group-members': {
      const g = group(dialog.groupId);
      return active && g && dir ? (
        <AddGroupMembersDialog tenant={active} group={g} directory={dir} onClose={close} />
      ) : null;
    }
    default:
      return assertNever(dialog);
  }
}
