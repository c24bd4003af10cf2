import { useState } from 'react';
import type { Directory } from '../../../../shared/domain/directory';
import type { BulkAction } from '../../../../shared/domain/jobs';
import type { TenantView } from '../../../../shared/domain/tenant';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { useUi } from '../../stores/ui';
import { useStartBulk } from './queries';
import { formatNumber } from '../../lib/numbers';

const COPY: Record<
  Exclude<BulkAction, 'addToGroup'>,
  { title: (n: string) => string; action: string; tone: 'primary' | 'danger'; body: string }
> = {
  deactivate: {
    title: (n) => `Deactivate ${n}?`,
    action: 'Deactivate',
    tone: 'danger',
    body: 'Their access to InVision ends; their documents and spaces are kept, and each can be reactivated later. A paid seat may not be freed at once.',
  },
  reactivate: {
    title: (n) => `Reactivate ${n}?`,
    action: 'Reactivate',
    tone: 'primary',
    body: 'They return with the member role (any higher role they had is lost) and regain their earlier spaces and documents.',
  },
  delete: {
    title: (n) => `Delete ${n} for good?`,
    action: 'Delete',
    tone: 'danger',
    body: 'Deleting removes each member from InVision permanently. It cannot be undone; deactivating keeps their data and can be reversed.',
  },
  removeFromGroup: {
    title: (n) => `Remove ${n} from a group?`,
    action: 'Remove',
    tone: 'danger',
    body: 'They lose what the group gives them; their accounts are not changed otherwise.',
  },
};

/**
 * Confirms an action on a selection of members and starts it as a job (progress, pause, cancel and
 * per-member results in Jobs). Delete needs the number of members typed.
 */
export function BulkDialog({
  tenant,
  directory,
  action,
  memberIds,
  onClose,
}: {
  tenant: TenantView;
  directory: Directory;
  action: Exclude<BulkAction, 'addToGroup'>;
  memberIds: string[];
  onClose: () => void;
}) {
  const start = useStartBulk();
  const setView = useUi((s) => s.setView);
  const [typed, setTyped] = useState('');
  const [groupId, setGroupId] = useState('');
  const ids = new Set(memberIds);
  const members = directory.members.filter((m) => ids.has(m.id));
  // Only members the action changes: deactivating the inactive would be a no-op.
  const targets = members.filter((m) =>
    action === 'deactivate'
      ? m.active
      : action === 'reactivate'
        ? !m.active
        : action === 'removeFromGroup'
          ? groupId !== '' && m.groupIds.includes(groupId)
          : true,
  );
  const n = targets.length;
  const label = `${formatNumber(n)} member${n === 1 ? '' : 's'}`;
  const copy = COPY[action];
  const unchanged = members.length - n;
  const already = action === 'deactivate' ? 'inactive' : action === 'reactivate' ? 'active' : null;
  const groups = directory.groups
    .filter((g) => members.some((m) => m.groupIds.includes(g.id)))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const confirmed = action !== 'delete' || typed.trim() === String(n);
  const groupName = directory.groups.find((g) => g.id === groupId)?.displayName;
  return (
    <Dialog
      title={n === 0 && already ? `Nothing to ${action}` : copy.title(label)}
      onClose={onClose}
      description={
        <p>
          {n === 0 && already
            ? `${members.length === 1 ? 'The selected member is' : `All ${formatNumber(members.length)} selected members are`} ${already} already.`
            : copy.body}
        </p>
      }
      footer={
        <DialogActions
          onCancel={onClose}
          label={start.isPending ? 'Starting…' : `${copy.action} ${label}`}
          tone={copy.tone}
          form="bulk-form"
          disabled={n === 0 || !confirmed || start.isPending}
          note={
            unchanged > 0 && n > 0 && already
              ? `${formatNumber(unchanged)} already ${already}, left as they are`
              : undefined
          }
        />
      }
    >
      <form
        id="bulk-form"
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (n === 0 || !confirmed) return;
          start.mutate(
            {
              tenantId: tenant.id,
              action,
              members: targets.map((m) => ({ id: m.id, userName: m.userName })),
              ...(action === 'removeFromGroup' && groupName ? { groupId, groupName } : {}),
              ...(action === 'delete' ? { confirmCount: n } : {}),
            },
            {
              onSuccess: () => {
                onClose();
                setView('jobs');
              },
            },
          );
        }}
      >
        {action === 'removeFromGroup' ? (
          <label className="field">
            <span className="field-label">Group</span>
            <select aria-label="Group to remove from" value={groupId} onChange={(e) => setGroupId(e.target.value)}>
              <option value="">Choose a group…</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.displayName}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <p className="cell-muted">
          Runs as a job: each member is changed, read back and recorded in the audit history; you can pause or cancel
          it, and retry the ones that fail.
        </p>
        {action === 'delete' ? (
          <label className="field">
            <span className="field-label">
              Type <strong>{n}</strong> (the number of members) to confirm
            </span>
            <input
              aria-label="Number of members to delete"
              inputMode="numeric"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoFocus
            />
          </label>
        ) : null}
        {start.error ? <ErrorText error={start.error} /> : null}
      </form>
    </Dialog>
  );
}
