import { memberEmail, memberName, type GroupRow, type MemberRow } from '../../../../shared/domain/directory';

export type StatusFilter = 'all' | 'active' | 'inactive';
/** A group id, `none` for members in no group, or `any`. */
export type GroupFilter = string;

export interface MemberFilters {
  query: string;
  status: StatusFilter;
  group: GroupFilter;
}

export type SortKey = 'name' | 'email' | 'status' | 'groups' | 'lastModified';
export interface Sort {
  key: SortKey;
  direction: 'asc' | 'desc';
}

/**
 * What search runs over, per member: one lowercase string of name and email and one of the id, each
 * with a 32-bit mask of the kinds of character in it (one bit per letter, one each for digits, `.`,
 * `@`, `-`, `_` and anything else). A text whose mask lacks a character of the query cannot match
 * and is passed over without being read: most queries have a letter that no (hex) id has, so ids are
 * rarely searched, and a one-letter query is answered by the masks alone. Each member's entry is
 * kept with the row object: after an action replaces one row, rebuilding the index for 100,000
 * members reuses the others.
 */
export interface SearchIndex {
  members: readonly MemberRow[];
  /** Name and email, lowercase, one line each. */
  text: string[];
  textMasks: Uint32Array;
  /** The id, lowercase. */
  ids: string[];
  idMasks: Uint32Array;
}

interface SearchEntry {
  text: string;
  textMask: number;
  id: string;
  idMask: number;
}

const entries = new WeakMap<MemberRow, SearchEntry>();

/** The mask bit of one UTF-16 code unit of lowercase text. */
function charBit(code: number): number {
  if (code >= 97 && code <= 122) return 1 << (code - 97);
  if (code >= 48 && code <= 57) return 1 << 26;
  if (code === 46) return 1 << 27;
  if (code === 64) return 1 << 28;
  if (code === 45) return 1 << 29;
  if (code === 95) return 1 << 30;
  return 1 << 31;
}

export function textMask(text: string): number {
  let mask = 0;
  for (let k = 0; k < text.length; k += 1) mask |= charBit(text.charCodeAt(k));
  return mask >>> 0;
}

export function buildIndex(members: readonly MemberRow[]): SearchIndex {
  const n = members.length;
  const text = new Array<string>(n);
  const ids = new Array<string>(n);
  const textMasks = new Uint32Array(n);
  const idMasks = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) {
    const m = members[i]!;
    let entry = entries.get(m);
    if (entry === undefined) {
      const t = `${memberName(m)}\n${memberEmail(m)}`.toLowerCase();
      const id = m.id.toLowerCase();
      entry = { text: t, textMask: textMask(t), id, idMask: textMask(id) };
      entries.set(m, entry);
    }
    text[i] = entry.text;
    ids[i] = entry.id;
    textMasks[i] = entry.textMask;
    idMasks[i] = entry.idMask;
  }
  return { members, text, textMasks, ids, idMasks };
}

export function normaliseQuery(query: string): string {
  return query.trim().toLowerCase();
}

/** One flag per member, reused from keystroke to keystroke rather than allocated each time. */
let flags = new Uint8Array(0);
function clearedFlags(n: number): Uint8Array {
  if (flags.length < n) flags = new Uint8Array(Math.max(n, flags.length * 2));
  const view = flags.subarray(0, n);
  view.fill(0);
  return view;
}

/**
 * The positions (into `order`, itself positions into the index) of members that match. When the
 * previous answer is for a query this one extends, only its matches are searched again.
 */
export function filterMembers(
  index: SearchIndex,
  order: readonly number[],
  filters: MemberFilters,
  previous?: { filters: MemberFilters; result: readonly number[] },
): readonly number[] {
  const query = normaliseQuery(filters.query);
  const narrowing =
    previous &&
    previous.filters.status === filters.status &&
    previous.filters.group === filters.group &&
    query.startsWith(normaliseQuery(previous.filters.query));
  const source = narrowing ? previous.result : order;
  const { members, text, textMasks, ids, idMasks } = index;
  const { status, group } = filters;
  const need = textMask(query);
  // One letter: its mask bit is the answer (a digit's or a symbol's bit stands for several).
  const maskAnswers = query.length === 1 && need < 1 << 26;
  const textMatches = (i: number): boolean =>
    ((textMasks[i]! & need) >>> 0 === need && (maskAnswers || text[i]!.includes(query))) ||
    ((idMasks[i]! & need) >>> 0 === need && (maskAnswers || ids[i]!.includes(query)));
  const keeps = (i: number): boolean => {
    if (status !== 'all') {
      const active = members[i]!.active;
      if (status === 'active' ? !active : active) return false;
    }
    if (group !== 'any') {
      const groupIds = members[i]!.groupIds;
      if (group === 'none' ? groupIds.length > 0 : !groupIds.includes(group)) return false;
    }
    return !query || textMatches(i);
  };
  // Nothing to filter: the display order is the answer (no copy; answers are never changed).
  if (!query && status === 'all' && group === 'any') return source;
  // Few candidates: test each where it stands. Many: test every member in listing order (memory in
  // sequence, not scattered by the sort), then keep the display order with one flag per member.
  if (source.length * 4 < members.length) return source.filter(keeps);
  const keep = clearedFlags(members.length);
  if (status === 'all' && group === 'any') {
    // The usual case, written out: mask tests, and an `includes` only where the masks allow it.
    for (let i = 0; i < members.length; i += 1) if (textMatches(i)) keep[i] = 1;
  } else {
    for (let i = 0; i < members.length; i += 1) if (keeps(i)) keep[i] = 1;
  }
  // Counted first, so the answer is allocated once at its size (pushing 100,000 numbers costs more).
  let count = 0;
  for (let k = 0; k < source.length; k += 1) count += keep[source[k]!]!;
  const out = new Array<number>(count);
  let at = 0;
  for (let k = 0; k < source.length; k += 1) {
    const i = source[k]!;
    if (keep[i] === 1) out[at++] = i;
  }
  return out;
}

/**
 * filterMembers with memory of its last answer, so typing one more letter searches only the
 * previous matches. The answer is the same with or without the memory.
 */
export function createNarrower() {
  let last: { index: SearchIndex; order: readonly number[]; filters: MemberFilters; result: readonly number[] } | null =
    null;
  return (index: SearchIndex, order: readonly number[], filters: MemberFilters): readonly number[] => {
    const prior = last && last.index === index && last.order === order ? last : undefined;
    const result = filterMembers(index, order, filters, prior);
    last = { index, order, filters, result };
    return result;
  };
}

/** A sort key that compares with plain < and > : lowercase, accents folded (é sorts with e). */
function fold(text: string): string {
  const lower = text.toLowerCase();
  // eslint-disable-next-line no-control-regex -- ASCII needs no folding; skip the normalize call
  return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Member positions in display order for a sort (stable: ties keep the server's order). */
export function sortOrder(members: readonly MemberRow[], sort: Sort, groups: ReadonlyMap<string, GroupRow>): number[] {
  return orderByKeys(sortKeys(members, sort, groups), sort);
}

function sortKeys(
  members: readonly MemberRow[],
  sort: Sort,
  groups: ReadonlyMap<string, GroupRow>,
): Array<string | number> {
  const key = (m: MemberRow): string | number => {
    switch (sort.key) {
      case 'name':
        return fold(memberName(m));
      case 'email':
        return fold(memberEmail(m));
      case 'status':
        return m.active ? 0 : 1;
      case 'groups':
        return fold(m.groupIds.map((id) => groups.get(id)?.displayName ?? '').join(', '));
      case 'lastModified':
        return m.lastModified ?? '';
    }
  };
  return members.map(key);
}

/** Positions sorted by precomputed keys (compared with < and >, no collator in the hot loop). */
function orderByKeys(keys: ReadonlyArray<string | number>, sort: Sort): number[] {
  const order = keys.map((_, i) => i);
  const sign = sort.direction === 'asc' ? 1 : -1;
  order.sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    if (x === y) return a - b;
    return (x < y ? -1 : 1) * sign;
  });
  return order;
}

/**
 * sortOrder with memory of its last answer. When an action replaced a few rows in place (same
 * positions) without changing their sort keys, the previous order still holds and sorting 100,000
 * members again (~100 ms) is skipped; only the replaced rows' keys are computed.
 */
export function createSorter() {
  let last: {
    members: readonly MemberRow[];
    /** Taken when sorted: a listing still streaming in is one array that grows. */
    length: number;
    sort: Sort;
    groups: ReadonlyMap<string, GroupRow>;
    keys: Array<string | number>;
    order: number[];
  } | null = null;
  return (members: readonly MemberRow[], sort: Sort, groups: ReadonlyMap<string, GroupRow>): number[] => {
    const previous = last;
    if (
      previous &&
      previous.members !== members &&
      previous.length === members.length &&
      previous.sort.key === sort.key &&
      previous.sort.direction === sort.direction &&
      previous.groups === groups
    ) {
      const changed: number[] = [];
      for (let i = 0; i < members.length; i += 1) if (members[i] !== previous.members[i]) changed.push(i);
      const fresh = sortKeys(
        changed.map((i) => members[i]!),
        sort,
        groups,
      );
      if (changed.every((i, k) => fresh[k] === previous.keys[i])) {
        last = { ...previous, members };
        return previous.order;
      }
    }
    const keys = sortKeys(members, sort, groups);
    const order = orderByKeys(keys, sort);
    last = { members, length: members.length, sort, groups, keys, order };
    return order;
  };
}
