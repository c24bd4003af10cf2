import { useCallback, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { GroupRow, MemberRow } from '../../../../shared/domain/directory';
import { MemberGridRow } from './MemberGridRow';
import type { Positions, Sort, SortKey } from './search';
import { anchorAt, gestureOf, select, selectAll, type Selection } from './selection';
import { COLUMNS, idsAt, type ColumnId } from './store';
import { ROW_HEIGHT, useVirtualRows } from './useVirtualRows';

const WIDTHS: Record<'select' | 'name' | ColumnId, string> = {
  select: '40px',
  name: 'minmax(150px, 1.3fr)',
  email: 'minmax(160px, 1.4fr)',
  status: '96px',
  groups: 'minmax(110px, 1fr)',
  role: '110px',
  id: 'minmax(140px, 0.9fr)',
  lastModified: '132px',
};

const SORTABLE: Partial<Record<'name' | ColumnId, SortKey>> = {
  name: 'name',
  email: 'email',
  status: 'status',
  groups: 'groups',
  lastModified: 'lastModified',
};

export interface MembersTableProps {
  members: readonly MemberRow[];
  /** Positions into `members`, in display order. */
  rows: Positions;
  groups: ReadonlyMap<string, GroupRow>;
  columns: readonly ColumnId[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  selection: Selection;
  onSelection: (selection: Selection) => void;
  activeId: string | null;
  onActive: (id: string | null) => void;
  /** The query the rows answer, exposed for benchmarks and scripted runs as data-query. */
  query: string;
  busy: boolean;
  /** Shown inside the grid when no member matches. */
  empty: ReactNode;
}

/**
 * The members grid: a fixed row height and only the rows in view (plus a few) in the DOM, so 100,000
 * members scroll and filter like 100. A real ARIA grid: rows carry aria-rowindex and aria-selected,
 * arrow keys move, Space selects, Shift extends, Ctrl/Cmd+A selects every member shown.
 */
export function MembersTable(props: MembersTableProps) {
  const { members, rows, groups, columns, sort, onSort, selection, onSelection, activeId, onActive } = props;
  const { scroller, first, last, height, gutter, scrollIntoView, onScroll } = useVirtualRows(rows.length, props.query);
  const template = ['select', 'name', ...columns].map((c) => WIDTHS[c as keyof typeof WIDTHS]).join(' ');

  // Ids in display order, read only when a gesture needs them (not on every keystroke's render).
  const shownIds = useCallback(() => idsAt(members, rows), [rows, members]);

  // The rows' handlers read the latest state through a ref, so they stay the same functions from
  // render to render: a keystroke that leaves a row's member where it was does not render it again.
  const latest = useRef({ selection, shownIds, onSelection, onActive });
  useLayoutEffect(() => {
    latest.current = { selection, shownIds, onSelection, onActive };
  });
  const onRowClick = useCallback((id: string, event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }) => {
    const { selection: current, shownIds: shown, onSelection: choose, onActive: view } = latest.current;
    // A plain click views the member (and anchors a later Shift+click); only Ctrl/Cmd and Shift
    // change the selection, so the bulk bar never acts on members the panel does not show by surprise.
    const gesture = gestureOf(event);
    if (gesture === 'replace') choose(anchorAt(current, id));
    else choose(select(current, id, gesture, gesture === 'toggle' ? [] : shown()));
    view(id);
  }, []);

  // A ticked box highlights its row too, and the grid keeps the focus, so the next Space or
  // Deactivate acts on the member the focus ring is on.
  const onToggle = useCallback(
    (id: string, shiftKey: boolean) => {
      const { selection: current, shownIds: shown, onSelection: choose, onActive: view } = latest.current;
      choose(select(current, id, shiftKey ? 'range-add' : 'toggle', shiftKey ? shown() : []));
      view(id);
      scroller.current?.focus({ preventScroll: true });
    },
    [scroller],
  );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (rows.length === 0) return;
    // Keys typed into a control inside a row (its checkbox) are that control's.
    if (event.target !== event.currentTarget) return;
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: -Infinity,
      End: Infinity,
    };
    if (event.key in moves) {
      event.preventDefault();
      let from = -1;
      if (activeId)
        for (let k = 0; k < rows.length && from === -1; k += 1) if (members[rows[k]!]!.id === activeId) from = k;
      const to = Math.min(rows.length - 1, Math.max(0, from + moves[event.key]!));
      const id = members[rows[to]!]!.id;
      onActive(id);
      if (event.shiftKey) onSelection(select(selection, id, 'range', shownIds()));
      scrollIntoView(to);
      return;
    }
    if (event.key === ' ' && activeId) {
      event.preventDefault();
      onSelection(select(selection, activeId, 'toggle', []));
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      onSelection(selectAll(shownIds()));
      return;
    }
    if (event.key === 'Escape' && selection.ids.size > 0) {
      event.preventDefault();
      onSelection({ ids: new Set(), anchor: null });
    }
  }

  const allShownSelected =
    rows.length > 0 && selection.ids.size >= rows.length && idsAt(members, rows).every((id) => selection.ids.has(id));

  return (
    <div
      className="grid"
      role="grid"
      aria-label="Members"
      aria-multiselectable="true"
      aria-rowcount={rows.length + 1}
      aria-busy={props.busy}
      data-query={props.query}
      data-rows={rows.length}
    >
      <div className="grid-head" role="rowgroup" style={{ paddingRight: gutter }}>
        <div
          className="grid-row grid-header-row"
          role="row"
          aria-rowindex={1}
          style={{ gridTemplateColumns: template }}
        >
          <div className="grid-cell grid-cell-select" role="columnheader">
            <input
              type="checkbox"
              aria-label="Select all members shown"
              checked={allShownSelected}
              disabled={rows.length === 0}
              onChange={() => onSelection(allShownSelected ? { ids: new Set(), anchor: null } : selectAll(shownIds()))}
            />
          </div>
          {(['name', ...columns] as Array<'name' | ColumnId>).map((c) => {
            const label = c === 'name' ? 'Name' : COLUMNS.find((x) => x.id === c)!.label;
            const key = SORTABLE[c];
            const sorted = key && sort.key === key;
            return (
              <div
                key={c}
                className="grid-cell"
                role="columnheader"
                aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {key ? (
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => onSort({ key, direction: sorted && sort.direction === 'asc' ? 'desc' : 'asc' })}
                  >
                    {label}
                    <span className="sort-mark" aria-hidden="true">
                      {sorted ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                ) : (
                  label
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div
        ref={scroller}
        className="grid-body"
        role="rowgroup"
        tabIndex={0}
        aria-label="Members list (arrow keys move, Space selects)"
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        {rows.length === 0 ? props.empty : null}
        <div className="grid-spacer" style={{ height: rows.length * ROW_HEIGHT }}>
          <div className="grid-window" style={{ transform: `translateY(${first * ROW_HEIGHT}px)` }}>
            {Array.from({ length: Math.max(0, last - first) }, (_, k) => {
              const m = members[rows[first + k]!]!;
              return (
                <MemberGridRow
                  // Keyed by position, not by member: a new search fills the same row elements with
                  // other members instead of removing thirty rows and creating thirty.
                  key={first + k}
                  member={m}
                  index={first + k}
                  template={template}
                  columns={columns}
                  groups={groups}
                  selected={selection.ids.has(m.id)}
                  active={m.id === activeId}
                  onClick={onRowClick}
                  onToggle={onToggle}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
