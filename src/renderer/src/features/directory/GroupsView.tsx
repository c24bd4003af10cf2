import { useMemo, useState } from 'react';
import { memberEmail, memberName } from '../../../../shared/domain/member-text';
import { type Directory, type GroupRow } from '../../../../shared/domain/directory';
import type { TenantView } from '../../../../shared/domain/tenant';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorState } from '../../components/ErrorState';
import { ErrorText } from '../../components/ErrorText';
import { ViewHeader } from '../../components/ViewHeader';
import { useUi } from '../../stores/ui';
import { ProgressBar } from './ProgressBar';
import {
  useAssignToGroup,
  useCreateGroup,
  useDeleteGroup,
  useDirectoryWithProgress,
  useRemoveFromGroup,
  useRenameGroup,
} from './queries';
import { useMembersUi } from './store';
import { DetailPanel } from './DetailPanel';
import { WriteButton } from './WriteButton';
import { formatNumber } from '../../lib/numbers';

const GROUP_MEMBERS_SHOWN = 500;

export function GroupsView({ tenant }: { tenant: TenantView }) {
  const { directory, loading: task } = useDirectoryWithProgress(tenant.id);
  const openDialog = useUi((s) => s.openDialog);
  const [filter, setFilter] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const readOnly = tenant.effectiveReadOnly;

  if (directory.isError && !directory.data) {
    return (
      <ErrorState
        title="The groups could not be loaded"
        error={directory.error}
        onRetry={() => void directory.refetch()}
      />
    );
  }
  const dir = directory.data;
  const q = filter.trim().toLowerCase();
  const groups = (dir?.groups ?? [])
    .filter((g) => !q || g.displayName.toLowerCase().includes(q))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const open = dir?.groups.find((g) => g.id === openId) ?? null;

  return (
    <section className="view-fill" aria-labelledby="groups-title">
      <ViewHeader
        id="groups-title"
        title="Groups"
        subtitle={dir ? `${formatNumber(dir.groups.length)} groups in ${tenant.name}` : `Loading ${tenant.name}…`}
        refresh={{ run: () => void directory.refetch(), busy: directory.isFetching }}
      >
        <WriteButton
          readOnly={readOnly}
          className="button button-primary"
          onClick={() => openDialog({ kind: 'create-group' })}
        >
          Create group
        </WriteButton>
      </ViewHeader>
      {task && directory.isFetching ? <ProgressBar label={task.label} done={task.done} total={task.total} /> : null}
      <div className="filters filters-row">
        <label className="filter filter-grow">
          <span className="visually-hidden">Search groups</span>
          <input
            type="search"
            aria-label="Search groups"
            placeholder="Search groups"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </label>
      </div>
      <div className={open ? 'members-split members-split-open' : 'members-split'}>
        {!dir ? (
          <div className="state" role="status">
            Loading groups…
          </div>
        ) : groups.length === 0 ? (
          <div className="state">
            <h2>{dir.groups.length === 0 ? 'No groups yet' : 'No group matches'}</h2>
            <p>
              {dir.groups.length === 0
                ? 'Create a group to organise members and grant access together.'
                : 'Try another search.'}
            </p>
          </div>
        ) : (
          <div className="list-scroll">
            <table className="table table-groups" aria-label="Groups">
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Members</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr
                    key={g.id}
                    className="row-clickable"
                    aria-selected={g.id === openId}
                    onClick={() => setOpenId(g.id)}
                  >
                    <th scope="row">
                      <button type="button" className="link-button" onClick={() => setOpenId(g.id)}>
                        {g.displayName}
                      </button>
                    </th>
                    <td className="cell-num">{g.membersKnown ? formatNumber(g.memberIds.length) : 'not listed'}</td>
                    <td>
                      <div className="cell-actions">
                        <WriteButton
                          readOnly={readOnly}
                          className="button button-ghost button-small"
                          label={`Rename ${g.displayName}`}
                          onClick={() => openDialog({ kind: 'rename-group', groupId: g.id })}
                        >
                          Rename
                        </WriteButton>
                        <WriteButton
                          readOnly={readOnly}
                          className="button button-ghost button-small button-danger-text"
                          label={`Delete ${g.displayName}`}
                          onClick={() => openDialog({ kind: 'delete-group', groupId: g.id })}
                        >
                          Delete
                        </WriteButton>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {open && dir ? (
          <GroupDetail tenant={tenant} group={open} directory={dir} onClose={() => setOpenId(null)} />
        ) : null}
      </div>
    </section>
  );
}

function GroupDetail({
  tenant,
  group,
  directory,
  onClose,
}: {
  tenant: TenantView;
  group: GroupRow;
  directory: Directory;
  onClose: () => void;
}) {
  const openDialog = useUi((s) => s.openDialog);
  const setView = useUi((s) => s.setView);
  const focusMember = useMembersUi((s) => s.focusMember);
  const remove = useRemoveFromGroup();
  const [filter, setFilter] = useState('');
  const byId = useMemo(() => new Map(directory.members.map((m) => [m.id, m])), [directory.members]);
  const q = filter.trim().toLowerCase();
  const members = group.memberIds
    .map((id) => byId.get(id))
    .filter((m) => m !== undefined)
    .filter((m) => !q || `${memberName(m)} ${memberEmail(m)}`.toLowerCase().includes(q));
  const readOnly = tenant.effectiveReadOnly;
  return (
    <DetailPanel
      label="Group detail"
      title={group.displayName}
      subtitle={`${formatNumber(group.memberIds.length)} members`}
      onClose={onClose}
    >
      <div className="detail-actions">
        <WriteButton
          readOnly={readOnly}
          className="button button-small button-primary"
          onClick={() => openDialog({ kind: 'add-group-members', groupId: group.id })}
        >
          Add members…
        </WriteButton>
      </div>
      {!group.membersKnown ? (
        <p className="cell-muted">The server left members out of the group listing; refresh to read them.</p>
      ) : null}
      <label className="field">
        <span className="visually-hidden">Filter members of this group</span>
        <input
          type="search"
          aria-label="Filter members of this group"
          placeholder="Filter members"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </label>
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

export function CreateGroupDialog({
  tenant,
  directory,
  onClose,
}: {
  tenant: TenantView;
  directory: Directory | undefined;
  onClose: () => void;
}) {
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

export function RenameGroupDialog({
  tenant,
  group,
  directory,
  onClose,
}: {
  tenant: TenantView;
  group: GroupRow;
  directory: Directory;
  onClose: () => void;
}) {
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

export function DeleteGroupDialog({
  tenant,
  group,
  onClose,
}: {
  tenant: TenantView;
  group: GroupRow;
  onClose: () => void;
}) {
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

/** A searchable picker of members not yet in the group; several can be ticked and added at once. */
export function AddGroupMembersDialog({
  tenant,
  group,
  directory,
  onClose,
}: {
  tenant: TenantView;
  group: GroupRow;
  directory: Directory;
  onClose: () => void;
}) {
  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
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
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          autoFocus
        />
        {candidates.length === 0 ? (
          <p className="cell-muted">
            {q ? 'No member outside the group matches.' : 'Every member is already in this group.'}
          </p>
        ) : (
          <ul className="pick-list" aria-label="Members to add">
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
        {assign.task ? (
          <ProgressBar label={assign.task.label} done={assign.task.done} total={assign.task.total} />
        ) : null}
      </div>
      <ErrorText error={assign.error} />
    </Dialog>
  );
}
