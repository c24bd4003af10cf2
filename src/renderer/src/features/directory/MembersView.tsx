import { Banner } from '../../components/Banner';
import { useShallow } from 'zustand/react/shallow';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Directory, GroupRow } from '../../../../shared/domain/directory';
import type { TenantView } from '../../../../shared/domain/tenant';
import { ErrorState } from '../../components/ErrorState';
import { Menu } from '../../components/Menu';
import { ViewHeader } from '../../components/ViewHeader';
import { useUi } from '../../stores/ui';
import { MemberDetail } from './MemberDetail';
import { MembersTable } from './MembersTable';
import { ProgressBar } from './ProgressBar';
import { useDirectoryWithProgress, useExportMembers } from './queries';
import { buildIndex, createNarrower, createSorter, ensureBigrams, type MemberFilters } from './search';
import { prune } from './selection';
import { COLUMNS, useMembersUi, visibleIds as visibleIdsOf, type ColumnId } from './store';
import { WriteButton } from './WriteButton';
import { formatNumber } from '../../lib/numbers';

/** With the detail panel open the table is narrower: it keeps only these of the chosen columns. */
const COMPACT_COLUMNS: readonly ColumnId[] = ['email', 'status', 'groups'];

const EMPTY: Directory = { members: [], groups: [], truncated: false, skipped: 0, notice: null, loadedAt: '' };

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
      setFilters: s.setFilters,
      setSort: s.setSort,
      toggleColumn: s.toggleColumn,
      setSelection: s.setSelection,
      focusMember: s.focusMember,
      setVisible: s.setVisible,
      selectAllVisible: s.selectAllVisible,
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
  const rowsVersion = task?.rowsVersion ?? 0;

  const groups = useMemo(() => new Map<string, GroupRow>(dir.groups.map((g) => [g.id, g])), [dir.groups]);
  // Sorted once per listing, not on every keystroke's render.
  const groupsByName = useMemo(
    () => dir.groups.slice().sort((a, b) => a.displayName.localeCompare(b.displayName)),
    [dir.groups],
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps -- rowsVersion marks appends to the streamed array
  const index = useMemo(() => buildIndex(members), [members, rowsVersion]);
  // The bigram index that answers short queries, built when the browser is idle once the listing is in.
  useEffect(() => {
    if (streaming) return;
    if (typeof requestIdleCallback !== 'function') {
      ensureBigrams(index);
      return;
    }
    const handle = requestIdleCallback(() => ensureBigrams(index), { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }, [index, streaming]);
  const [sorter] = useState(createSorter);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- as above
  const order = useMemo(() => sorter(members, ui.sort, groups), [sorter, members, rowsVersion, ui.sort, groups]);

  // Filtering runs in the keystroke's own render: one lowercase `includes` per member (and only over
  // the previous matches while the query grows) costs a few milliseconds at 100,000 members, so the
  // answer paints in the same frame as the letter. Deferring it would cost a frame on every key.
  const deferredQuery = ui.filters.query;
  const filters: MemberFilters = useMemo(
    () => ({ query: deferredQuery, status: ui.filters.status, group: ui.filters.group }),
    [deferredQuery, ui.filters.status, ui.filters.group],
  );
  const [narrower] = useState(createNarrower);
  const rows = useMemo(() => narrower(index, order, filters), [narrower, index, order, filters]);

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
  const selected = selection.ids.size;
  const loading = directory.isFetching;
  const total = directory.data?.members.length ?? null;
  const active = activeId ? (dir.members.find((m) => m.id === activeId) ?? null) : null;

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
            : `${formatNumber(total)} members in ${tenant.name}${dir.truncated ? ' (incomplete listing)' : ''}`
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

      <div className="filters filters-row">
        <label className="filter filter-grow">
          <span className="visually-hidden">Search members</span>
          <input
            ref={searchRef}
            type="search"
            aria-label="Search members"
            placeholder="Search name, email or id   ( / )"
            value={ui.filters.query}
            onChange={(event) => ui.setFilters({ query: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && ui.filters.query) {
                event.preventDefault();
                ui.setFilters({ query: '' });
              }
              if (event.key === 'ArrowDown') {
                event.preventDefault();
                document.querySelector<HTMLElement>('.grid-body')?.focus();
              }
            }}
          />
        </label>
        <div className="segmented" role="radiogroup" aria-label="Status">
          {(['all', 'active', 'inactive'] as const).map((s) => (
            <button
              key={s}
              type="button"
              role="radio"
              aria-checked={ui.filters.status === s}
              className="segment"
              onClick={() => ui.setFilters({ status: s })}
            >
              {s === 'all' ? 'All' : s === 'active' ? 'Active' : 'Inactive'}
            </button>
          ))}
        </div>
        <label className="filter">
          <span className="visually-hidden">Group</span>
          <select
            aria-label="Group"
            value={ui.filters.group}
            onChange={(event) => ui.setFilters({ group: event.target.value })}
          >
            <option value="any">Any group</option>
            <option value="none">In no group</option>
            {groupsByName.map((g) => (
              <option key={g.id} value={g.id}>
                {g.displayName}
              </option>
            ))}
          </select>
        </label>
        <Menu label="Choose columns" buttonText="Columns" role="group">
          {() =>
            COLUMNS.map((c) => (
              <label key={c.id} className="menu-item checkbox">
                <input type="checkbox" checked={ui.columns.includes(c.id)} onChange={() => ui.toggleColumn(c.id)} />
                {c.label}
              </label>
            ))
          }
        </Menu>
      </div>

      {task && loading ? <ProgressBar label={task.label} done={task.done} total={task.total} /> : null}
      {dir.notice ? <Banner tone="warning">{dir.notice}</Banner> : null}

      <div className="selection-bar" aria-live="polite">
        {selected > 0 ? (
          <>
            <span>
              <strong>{formatNumber(selected)}</strong> selected
            </span>
            <WriteButton
              readOnly={readOnly}
              className="button button-small"
              onClick={() => openDialog({ kind: 'add-to-group', memberIds: [...selection.ids] })}
            >
              Add to group…
            </WriteButton>
            <WriteButton
              readOnly={readOnly}
              className="button button-small"
              onClick={() => openDialog({ kind: 'bulk', action: 'removeFromGroup', memberIds: [...selection.ids] })}
            >
              Remove from group…
            </WriteButton>
            <WriteButton
              readOnly={readOnly}
              className="button button-small"
              onClick={() => openDialog({ kind: 'bulk', action: 'deactivate', memberIds: [...selection.ids] })}
            >
              Deactivate…
            </WriteButton>
            <WriteButton
              readOnly={readOnly}
              className="button button-small"
              onClick={() => openDialog({ kind: 'bulk', action: 'reactivate', memberIds: [...selection.ids] })}
            >
              Reactivate…
            </WriteButton>
            <WriteButton
              readOnly={readOnly}
              className="button button-small button-danger-text"
              onClick={() => openDialog({ kind: 'bulk', action: 'delete', memberIds: [...selection.ids] })}
            >
              Delete…
            </WriteButton>
            <button
              type="button"
              className="button button-small"
              onClick={() =>
                exportMembers.mutate({ tenantId: tenant.id, format: 'csv', memberIds: [...selection.ids] })
              }
            >
              Export selected
            </button>
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => setSelection({ ids: new Set(), anchor: null })}
            >
              Clear selection
            </button>
          </>
        ) : (
          <>
            <span className="cell-muted">
              Showing {formatNumber(rows.length)} of {formatNumber(members.length)}
            </span>
            {rows.length > 0 && rows.length !== members.length ? (
              <button type="button" className="button button-ghost button-small" onClick={ui.selectAllVisible}>
                Select all {formatNumber(rows.length)} matching
              </button>
            ) : null}
          </>
        )}
      </div>

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
            columns={active ? ui.columns.filter((c) => COMPACT_COLUMNS.includes(c)) : ui.columns}
            sort={ui.sort}
            onSort={ui.setSort}
            selection={selection}
            onSelection={setSelection}
            activeId={activeId}
            onActive={focusMember}
            query={filters.query}
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
