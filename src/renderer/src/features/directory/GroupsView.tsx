import { TableHead } from '../../components/TableHead';
import { useState } from 'react';
import type { TenantView } from '../../../../shared/domain/tenant';
import { ErrorState } from '../../components/ErrorState';
import { TaskProgressBar } from '../../components/ProgressBar';
import { ViewHeader } from '../../components/ViewHeader';
import { WriteButton } from '../../components/WriteButton';
import { formatNumber } from '../../lib/numbers';
import { useUi } from '../../stores/ui';
import { GroupDetail } from './GroupDetail';
import { useDirectoryWithProgress } from './queries';

/** Every group of the tenant, searchable, with the open group's members beside the list. */
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
      <TaskProgressBar task={task} when={directory.isFetching} />
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
              <TableHead columns={['Group', 'Members']} actions />
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
