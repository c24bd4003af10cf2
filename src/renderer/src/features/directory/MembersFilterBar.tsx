import { useMemo, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { GroupRow } from '../../../../shared/domain/directory';
import { Menu } from '../../components/Menu';
import { COLUMNS, useMembersUi } from './store';

/** The row above the members table: search (/ focuses it, Escape clears, ↓ enters the table), status, group, columns. */
export function MembersFilterBar({
  groups,
  searchRef,
}: {
  groups: readonly GroupRow[];
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const { filters, setFilters, columns, toggleColumn } = useMembersUi(
    useShallow((s) => ({
      filters: s.filters,
      setFilters: s.setFilters,
      columns: s.columns,
      toggleColumn: s.toggleColumn,
    })),
  );
  // Sorted once per listing, not on every keystroke's render.
  const groupsByName = useMemo(
    () => groups.slice().sort((a, b) => a.displayName.localeCompare(b.displayName)),
    [groups],
  );
  return (
    <div className="filters filters-row">
      <label className="filter filter-grow">
        <span className="visually-hidden">Search members</span>
        <input
          ref={searchRef}
          type="search"
          aria-label="Search members"
          placeholder="Search name, email or id   ( / )"
          value={filters.query}
          onChange={(event) => setFilters({ query: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && filters.query) {
              event.preventDefault();
              setFilters({ query: '' });
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
            aria-checked={filters.status === s}
            className="segment"
            onClick={() => setFilters({ status: s })}
          >
            {s === 'all' ? 'All' : s === 'active' ? 'Active' : 'Inactive'}
          </button>
        ))}
      </div>
      <label className="filter">
        <span className="visually-hidden">Group</span>
        <select
          aria-label="Group"
          value={filters.group}
          onChange={(event) => setFilters({ group: event.target.value })}
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
              <input type="checkbox" checked={columns.includes(c.id)} onChange={() => toggleColumn(c.id)} />
              {c.label}
            </label>
          ))
        }
      </Menu>
    </div>
  );
}
