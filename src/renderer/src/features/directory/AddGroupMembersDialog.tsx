import { useMemo, useState } from 'react';
import { memberEmail, memberName } from '../../../../shared/domain/member-text';
import type { GroupDialogProps } from './dialog-props';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { TaskProgressBar } from '../../components/ProgressBar';
import { formatNumber } from '../../lib/numbers';
import { usePickListKeys } from '../../lib/usePickListKeys';
import { useAssignToGroup } from './mutations';

/** A searchable picker of members not yet in the group; several can be ticked and added at once. */
export function AddGroupMembersDialog({ tenant, group, directory, onClose }: GroupDialogProps) {
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const { filterRef, listRef, onFilterKeyDown, onListKeyDown } = usePickListKeys<HTMLUListElement>();
  const assign = useAssignToGroup(tenant.id);
  const inGroup = useMemo(() => new Set(group.memberIds), [group.memberIds]);
  const q = filter.trim().toLowerCase();
  const candidates = useMemo(() => {
    const out = [];
    for (const m of directory.members) {
      if (inGroup.has(m.id)) continue;
      if (q && !`${memberName(m)}\n${memberEmail(m)}`.toLowerCase().includes(q)) continue;
      out.push(m);
      if (out.length >= 200) break;
    }
    return out;
  }, [directory.members, inGroup, q]);
  return (
    <Dialog
      title={`Add members to ${group.displayName}`}
      onClose={onClose}
      wide
      footer={
        <DialogActions
          onCancel={onClose}
          note={`${formatNumber(picked.size)} picked`}
          label={assign.isPending ? 'Adding…' : `Add ${picked.size || ''} to group`}
          disabled={picked.size === 0 || assign.isPending}
          onClick={() =>
            assign.run({ groupId: group.id, memberIds: [...picked], label: `${picked.size} members` }, onClose)
          }
        />
      }
    >
      <div className="form">
        <input
          type="search"
          className="input"
          aria-label="Search members to add"
          placeholder="Search name or email"
          ref={filterRef}
          onKeyDown={onFilterKeyDown}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          autoFocus
        />
        {candidates.length === 0 ? (
          <p className="cell-muted">
            {q ? 'No member outside the group matches.' : 'Every member is already in this group.'}
          </p>
        ) : (
          <ul className="pick-list" aria-label="Members to add" ref={listRef} onKeyDown={onListKeyDown}>
            {candidates.map((m) => (
              <li key={m.id}>
                <label className="pick-item checkbox">
                  <input
                    type="checkbox"
                    checked={picked.has(m.id)}
                    onChange={() =>
                      setPicked((s) => {
                        const next = new Set(s);
                        if (next.has(m.id)) next.delete(m.id);
                        else next.add(m.id);
                        return next;
                      })
                    }
                  />
                  <span>{memberName(m)}</span>
                  <span className="cell-muted">{memberEmail(m)}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <TaskProgressBar task={assign.task} />
      </div>
      <ErrorText error={assign.error} />
    </Dialog>
  );
}
