import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Directory, GroupRow } from '../../../../shared/domain/directory';
import type { TenantView } from '../../../../shared/domain/tenant';
import { Banner } from '../../components/Banner';
import { ErrorState } from '../../components/ErrorState';
import { exactDateTime } from '../../lib/dates';
import { Menu } from '../../components/Menu';
import { TaskProgressBar } from '../../components/ProgressBar';
import { ViewHeader } from '../../components/ViewHeader';
import { WriteButton } from '../../components/WriteButton';
import { formatNumber } from '../../lib/numbers';
import { useUi } from '../../stores/ui';
import { MemberDetail } from './MemberDetail';
import { MembersFilterBar } from './MembersFilterBar';
import { MembersTable } from './MembersTable';
import { useDirectoryWithProgress, useExportMembers } from './queries';
import { prune } from './selection';
import { SelectionBar } from './SelectionBar';
import { useMembersUi, visibleIds as visibleIdsOf, type ColumnId } from './store';
import { useMemberRows } from './useMemberRows';

/** With the detail panel open the table is narrower: it keeps only these of the chosen columns. */
const COMPACT_COLUMNS: readonly ColumnId[] = ['email', 'status', 'groups'];

const EMPTY: Directory = {
  members: [],
  groups: [],
  truncated: false,
  skipped: 0,
  notice: null,
  announcedMembers: null,
  loadedAt: '',
};

export function MembersView({ tenant }: { tenant: TenantView }) {
  const { directory, loading: task } = useDirectoryWithProgress(tenant.id);
  const ui = useMembersUi(
    useShallow((s) => ({
      filters: s.filters,
      sort: s.sort,
      columns: s.columns,
      selection: s.selection,
      focusedMemberId: s.focusedMemberId,
      focusSearchTick: s.focusSearchTick,
      setSort: s.setSort,
      setSelection: s.setSelection,
      focusMember: s.focusMember,
      setVisible: s.setVisible,
      reset: s.reset,
    })),
  );
  const openDialog = useUi((s) => s.openDialog);
  const exportMembers = useExportMembers();
  const searchRef = useRef<HTMLInputElement>(null);

  // While the first listing streams in, the table shows the rows received so far.
  const streaming = !directory.data && task ? task.rows : null;
  const dir = directory.data ?? EMPTY;
  const members = streaming ?? dir.members;

  const groups = useMemo(() => new Map<string, GroupRow>(dir.groups.map((g) => [g.id, g])), [dir.groups]);
  const rows = useMemberRows(members, groups, ui.sort, ui.filters, streaming !== null);

  const { setVisible, setSelection, selection, focusedMemberId: activeId, focusMember } = ui;
  useEffect(() => setVisible({ members, rows }), [members, rows, setVisible]);
  // Members that disappeared (deleted, or gone after a refresh) leave the selection and the panel.
  useEffect(() => {
    if (!directory.data) return;
    const ids = new Set(directory.data.members.map((m) => m.id));
    setSelection(prune(selection, (id) => ids.has(id)));
    if (activeId && !ids.has(activeId)) focusMember(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the listing changes
  }, [directory.data]);
  useEffect(() => {
    if (ui.focusSearchTick > 0) searchRef.current?.focus();
  }, [ui.focusSearchTick]);
  useEffect(() => {
    document.documentElement.dataset.membersReady = directory.data ? 'true' : 'false';
    if (directory.data) performance.mark('scim-console:members-ready');
  }, [directory.data]);

  const readOnly = tenant.effectiveReadOnly;
  const loading = directory.isFetching;
  const total = directory.data?.members.length ?? null;
  // A refresh that failed keeps the last good list on screen: it is marked stale, never passed off as current.
  const refreshFailed =
    Boolean(directory.data) && directory.isError && directory.errorUpdatedAt > directory.dataUpdatedAt;
  const active = activeId ? (dir.members.find((m) => m.id === activeId) ?? null) : null;
  // The same array from render to render, so the rows (memoised) are not drawn again for nothing.
  const compactColumns = useMemo(() => ui.columns.filter((c) => COMPACT_COLUMNS.includes(c)), [ui.columns]);

  if (directory.isError && !directory.data) {
    return (
      <ErrorState
        title="The members could not be loaded"
        error={directory.error}
        onRetry={() => void directory.refetch()}
      />
    );
  }

  return (
    <section className="view-fill" aria-labelledby="members-title">
      <ViewHeader
        id="members-title"
        title="Members"
        subtitle={
          total === null
            ? task
              ? `Loading ${tenant.name}…`
              : ' '
            : `${formatNumber(total)} members in ${tenant.name}${dir.truncated ? ' (incomplete listing)' : ''}${refreshFailed ? ' (stale: the last refresh failed)' : ''}`
        }
        refresh={{ run: () => void directory.refetch(), busy: loading }}
      >
        <WriteButton
          readOnly={readOnly}
          className="button button-primary"
          onClick={() => openDialog({ kind: 'provision' })}
        >
          Provision member
        </WriteButton>
        <Menu label="Export members shown" buttonText="Export">
          {(close) =>
            (['csv', 'json'] as const).map((format) => (
              <button
                key={format}
                type="button"
                role="menuitem"
                className="menu-item"
                disabled={!directory.data || rows.length === 0 || exportMembers.isPending}
                onClick={() => {
                  close();
                  exportMembers.mutate({ tenantId: tenant.id, format, memberIds: visibleIdsOf({ members, rows }) });
                }}
              >
                {format === 'csv' ? 'CSV' : 'JSON'} ({formatNumber(rows.length)} shown)
              </button>
            ))
          }
        </Menu>
      </ViewHeader>

      <MembersFilterBar groups={dir.groups} searchRef={searchRef} />

      <TaskProgressBar task={task} when={loading} />
      {refreshFailed ? (
        <Banner
          tone="danger"
          action={
            <button type="button" className="button button-small" onClick={() => void directory.refetch()}>
              Retry
            </button>
          }
        >
          Refreshing the members failed at {exactDateTime(new Date(directory.errorUpdatedAt).toISOString())}:{' '}
          {directory.error?.message ?? 'the request failed'} The list below is from the last good load,{' '}
          {exactDateTime(dir.loadedAt)}, and may be out of date.
        </Banner>
      ) : null}
      {dir.notice ? <Banner tone="warning">{dir.notice}</Banner> : null}

      <SelectionBar
        tenant={tenant}
        shown={rows.length}
        total={members.length}
        onExport={(memberIds) => exportMembers.mutate({ tenantId: tenant.id, format: 'csv', memberIds })}
      />

      <div className={active ? 'members-split members-split-open' : 'members-split'}>
        {members.length === 0 && !loading ? (
          <div className="state">
            <h2>No members yet</h2>
            <p>This tenant has no members. Provision the first one, or import a CSV.</p>
          </div>
        ) : (
          <MembersTable
            members={members}
            rows={rows}
            groups={groups}
            columns={active ? compactColumns : ui.columns}
            sort={ui.sort}
            onSort={ui.setSort}
            selection={selection}
            onSelection={setSelection}
            activeId={activeId}
            onActive={focusMember}
            query={ui.filters.query}
            busy={loading}
            empty={
              loading ? null : (
                <div className="state" role="status">
                  <h2>No members match</h2>
                  <p>Nothing matches the search and filters. Clear them to see everyone.</p>
                  <button type="button" className="button button-small" onClick={ui.reset}>
                    Clear search and filters
                  </button>
                </div>
              )
            }
          />
        )}
        {active ? (
          <MemberDetail tenant={tenant} member={active} groups={groups} onClose={() => focusMember(null)} />
        ) : null}
      </div>
    </section>
  );
}
