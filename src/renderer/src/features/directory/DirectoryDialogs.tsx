import type { TenantView } from '../../../../shared/domain/tenant';
import { useUi } from '../../stores/ui';
import { AddGroupMembersDialog, CreateGroupDialog, DeleteGroupDialog, RenameGroupDialog } from './GroupsView';
import { AddToGroupDialog, DeleteMemberDialog, ProvisionDialog, SetActiveDialog } from './MemberDialogs';
import { useDirectory } from './queries';
import { BulkDialog } from '../jobs/BulkDialog';

/** The member and group dialogs, for the open tenant; at most one at a time (the UI store's dialog). */
export function DirectoryDialogs({ tenant }: { tenant: TenantView }) {
  const dialog = useUi((s) => s.dialog);
  const close = useUi((s) => s.closeDialog);
  const directory = useDirectory(tenant.id, { load: false });
  const dir = directory.data;
  if (!dialog) return null;
  const member = (id: string) => dir?.members.find((m) => m.id === id);
  const group = (id: string) => dir?.groups.find((g) => g.id === id);
  switch (dialog.kind) {
    case 'provision':
      return <ProvisionDialog tenant={tenant} directory={dir} onClose={close} />;
    case 'set-active': {
      const m = member(dialog.memberId);
      return m ? <SetActiveDialog tenant={tenant} member={m} active={dialog.active} onClose={close} /> : null;
    }
    case 'delete-member': {
      const m = member(dialog.memberId);
      return m ? <DeleteMemberDialog tenant={tenant} member={m} onClose={close} /> : null;
    }
    case 'add-to-group':
      return dir ? (
        <AddToGroupDialog tenant={tenant} directory={dir} memberIds={dialog.memberIds} onClose={close} />
      ) : null;
    case 'bulk':
      return dir ? (
        <BulkDialog
          tenant={tenant}
          directory={dir}
          action={dialog.action}
          memberIds={dialog.memberIds}
          onClose={close}
        />
      ) : null;
    case 'create-group':
      return <CreateGroupDialog tenant={tenant} directory={dir} onClose={close} />;
    case 'rename-group': {
      const g = group(dialog.groupId);
      return g && dir ? <RenameGroupDialog tenant={tenant} group={g} directory={dir} onClose={close} /> : null;
    }
    case 'delete-group': {
      const g = group(dialog.groupId);
      return g ? <DeleteGroupDialog tenant={tenant} group={g} onClose={close} /> : null;
    }
    case 'add-group-members': {
      const g = group(dialog.groupId);
      return g && dir ? <AddGroupMembersDialog tenant={tenant} group={g} directory={dir} onClose={close} /> : null;
    }
    default:
      return null;
  }
}
