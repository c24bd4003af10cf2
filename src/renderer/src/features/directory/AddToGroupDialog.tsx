import { useState } from 'react';
import { memberName } from '../../../../shared/domain/member-text';
import type { Directory } from '../../../../shared/domain/directory';
import type { TenantView } from '../../../../shared/domain/tenant';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { TaskProgressBar } from '../../components/ProgressBar';
import { formatNumber } from '../../lib/numbers';
import { useUi } from '../../stores/ui';
import { useAssignToGroup } from './mutations';
import { usePickListKeys } from '../../lib/usePickListKeys';

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
  const { filterRef, listRef, onFilterKeyDown, onListKeyDown } = usePickListKeys<HTMLDivElement>();
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
            ref={filterRef}
            onKeyDown={onFilterKeyDown}
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
          <div className="pick-list" role="listbox" aria-label="Groups" ref={listRef} onKeyDown={onListKeyDown}>
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
        <TaskProgressBar task={assign.task} />
      </div>
      <ErrorText error={assign.error} />
    </Dialog>
  );
}
