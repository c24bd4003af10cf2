import { useMemo, useState } from 'react';
import { memberEmail, memberName } from '../../../../shared/domain/member-text';
import type { GroupDialogProps } from './dialog-props';
import { DetailPanel } from '../../components/DetailPanel';
import { WriteButton } from '../../components/WriteButton';
import { formatNumber } from '../../lib/numbers';
import { useUi } from '../../stores/ui';
import { useRemoveFromGroup } from './mutations';
import { useMembersUi } from './store';
import { fold } from './search';

const GROUP_MEMBERS_SHOWN = 500;

/** The panel beside the groups list: one group's members (filterable), Add members…, Remove per member. */
export function GroupDetail({ tenant, group, directory, onClose }: GroupDialogProps) {
  const openDialog = useUi((s) => s.openDialog);
  const setView = useUi((s) => s.setView);
  const focusMember = useMembersUi((s) => s.focusMember);
  const remove = useRemoveFromGroup();
  const [filter, setFilter] = useState('');
  const byId = useMemo(() => new Map(directory.members.map((m) => [m.id, m])), [directory.members]);
  const q = fold(filter.trim());
  const members = group.memberIds
    .map((id) => byId.get(id))
    .filter((m) => m !== undefined)
    .filter((m) => !q || fold(`${memberName(m)} ${memberEmail(m)}`).includes(q));
  const readOnly = tenant.effectiveReadOnly;
  return (
    <DetailPanel
      label="Group detail"
      title={group.displayName}
      subtitle={`${formatNumber(group.memberIds.length)} members`}
      onClose={onClose}
    >
      {!group.membersKnown ? (
        <p className="cell-muted">The server left members out of the group listing; refresh to read them.</p>
      ) : null}
      <div className="detail-toolbar">
        <input
          type="search"
          className="input"
          aria-label="Filter members of this group"
          placeholder="Filter members"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <WriteButton
          readOnly={readOnly}
          className="button button-small button-primary"
          onClick={() => openDialog({ kind: 'add-group-members', groupId: group.id })}
        >
          Add members…
        </WriteButton>
      </div>
      {members.length === 0 ? (
        <p className="cell-muted">
          {group.memberIds.length === 0 ? 'No members in this group.' : 'No member matches.'}
        </p>
      ) : (
        <ul className="member-list" aria-label={`Members of ${group.displayName}`}>
          {members.slice(0, GROUP_MEMBERS_SHOWN).map((m) => (
            <li key={m.id} className="member-list-item">
              <button
                type="button"
                className="link-button member-list-name"
                onClick={() => {
                  focusMember(m.id);
                  setView('members');
                }}
              >
                {memberName(m)}
                <span className="cell-sub">{memberEmail(m)}</span>
              </button>
              <WriteButton
                readOnly={readOnly}
                className="button button-ghost button-small"
                label={`Remove ${memberName(m)} from ${group.displayName}`}
                disabled={remove.isPending}
                onClick={() =>
                  remove.mutate({ tenantId: tenant.id, groupId: group.id, memberId: m.id, label: memberName(m) })
                }
              >
                Remove
              </WriteButton>
            </li>
          ))}
          {members.length > GROUP_MEMBERS_SHOWN ? (
            <li className="cell-muted">
              and {formatNumber(members.length - GROUP_MEMBERS_SHOWN)} more: filter to find one.
            </li>
          ) : null}
        </ul>
      )}
    </DetailPanel>
  );
}
