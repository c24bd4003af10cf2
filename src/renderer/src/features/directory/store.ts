import { create } from 'zustand';
import type { MemberRow } from '../../../../shared/domain/directory';
import type { MemberFilters, Positions, Sort } from './search';
import { EMPTY_SELECTION, selectAll, type Selection } from './selection';

/** The members shown, without copying 100,000 ids on every keystroke: ids are read when needed. */
export interface Visible {
  members: readonly MemberRow[];
  rows: Positions;
}

export function visibleIds(visible: Visible): string[] {
  return idsAt(visible.members, visible.rows);
}

/** The ids of the members at these positions, in order. */
export function idsAt(members: readonly MemberRow[], rows: Positions): string[] {
  const out = new Array<string>(rows.length);
  for (let k = 0; k < rows.length; k += 1) out[k] = members[rows[k]!]!.id;
  return out;
}

export const COLUMNS = [
  { id: 'email', label: 'Email' },
  { id: 'status', label: 'Status' },
  { id: 'groups', label: 'Groups' },
  { id: 'role', label: 'Role' },
  { id: 'id', label: 'ID' },
  { id: 'lastModified', label: 'Last modified' },
] as const;
export type ColumnId = (typeof COLUMNS)[number]['id'];

const COLUMNS_KEY = 'scim-console.members.columns';

function savedColumns(): ColumnId[] {
  try {
    const raw = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    if (Array.isArray(raw)) return COLUMNS.map((c) => c.id).filter((id) => raw.includes(id));
  } catch {
    // A damaged preference is not worth an error: fall back to the defaults.
  }
  return ['email', 'status', 'groups', 'role', 'lastModified'];
}

interface MembersUi {
  filters: MemberFilters;
  sort: Sort;
  columns: ColumnId[];
  selection: Selection;
  /** The member the detail panel shows (and the keyboard cursor is on). */
  focusedMemberId: string | null;
  /** What the table shows (positions into the listing, in display order), for commands and shortcuts. */
  visible: Visible;
  /** Bumped to ask the view to focus its search box (from the palette or a shortcut). */
  focusSearchTick: number;
  setFilters: (filters: Partial<MemberFilters>) => void;
  setSort: (sort: Sort) => void;
  toggleColumn: (id: ColumnId) => void;
  setSelection: (selection: Selection) => void;
  focusMember: (id: string | null) => void;
  setVisible: (visible: Visible) => void;
  selectAllVisible: () => void;
  focusSearch: () => void;
  reset: () => void;
}

export const useMembersUi = create<MembersUi>((set, get) => ({
  filters: { query: '', status: 'all', group: 'any' },
  sort: { key: 'name', direction: 'asc' },
  columns: savedColumns(),
  selection: EMPTY_SELECTION,
  focusedMemberId: null,
  visible: { members: [], rows: new Int32Array(0) },
  focusSearchTick: 0,
  setFilters: (filters) => set((s) => ({ filters: { ...s.filters, ...filters } })),
  setSort: (sort) => set({ sort }),
  toggleColumn: (id) =>
    set((s) => {
      const columns = s.columns.includes(id) ? s.columns.filter((c) => c !== id) : [...s.columns, id];
      const ordered = COLUMNS.map((c) => c.id).filter((c) => columns.includes(c));
      try {
        localStorage.setItem(COLUMNS_KEY, JSON.stringify(ordered));
      } catch {
        // Storage full or disabled: the choice lasts for this session only.
      }
      return { columns: ordered };
    }),
  setSelection: (selection) => set({ selection }),
  focusMember: (focusedMemberId) => set({ focusedMemberId }),
  setVisible: (visible) => set({ visible }),
  selectAllVisible: () => set({ selection: selectAll(visibleIds(get().visible)) }),
  focusSearch: () => set((s) => ({ focusSearchTick: s.focusSearchTick + 1 })),
  reset: () =>
    set({ selection: EMPTY_SELECTION, focusedMemberId: null, filters: { query: '', status: 'all', group: 'any' } }),
}));
