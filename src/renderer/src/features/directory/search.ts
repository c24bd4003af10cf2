import { memberEmail, memberName } from '../../../../shared/domain/member-text';
import { type GroupRow, type MemberRow } from '../../../../shared/domain/directory';

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
  /**
   * Each member's email domain, as a position in `domains`. A tenant's members share a few
   * domains, and a query found in a domain matches every member of it without reading their text:
   * typing "acme-design.ex" no longer tests 100,000 texts on every key.
   */
  domainOf: Int32Array;
  domains: string[];
}

interface SearchEntry {
  text: string;
  textMask: number;
  id: string;
  idMask: number;
  /** The text after its last `@` (the email's domain), lowercase; empty when it has none. */
  domain: string;
}

/** Above this many distinct domains, looking a query up in each costs more than it saves. */
const MAX_DOMAINS = 1000;

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
  const domainOf = new Int32Array(n);
  const domainIds = new Map<string, number>([['', 0]]);
  const domains = [''];
  for (let i = 0; i < n; i += 1) {
    const m = members[i]!;
    let entry = entries.get(m);
    if (entry === undefined) {
      const t = fold(`${memberName(m)}\n${memberEmail(m)}`);
      const id = m.id.toLowerCase();
      // A suffix of the text, so a query in the domain is always in the text too.
      const at = t.lastIndexOf('@');
      entry = { text: t, textMask: textMask(t), id, idMask: textMask(id), domain: at < 0 ? '' : t.slice(at + 1) };
      entries.set(m, entry);
    }
    text[i] = entry.text;
    ids[i] = entry.id;
    textMasks[i] = entry.textMask;
    idMasks[i] = entry.idMask;
    let d = domainIds.get(entry.domain);
    if (d === undefined) {
      d = domains.length;
      domainIds.set(entry.domain, d);
      domains.push(entry.domain);
    }
    domainOf[i] = d;
  }
  return { members, text, textMasks, ids, idMasks, domainOf, domains };
}

/** Which domains hold the query (1 each), or null when none does or there are too many to look. */
function domainHits(index: SearchIndex, query: string): Uint8Array | null {
  const { domains } = index;
  if (!query || domains.length > MAX_DOMAINS) return null;
  let hits: Uint8Array | null = null;
  for (let d = 1; d < domains.length; d += 1) {
    if (domains[d]!.includes(query)) (hits ??= new Uint8Array(domains.length))[d] = 1;
  }
  return hits;
}

export function normaliseQuery(query: string): string {
  return fold(query.trim());
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
 * Member positions in display order, always an Int32Array: its memory lives outside the JS heap,
 * so a keystroke's 100,000-entry answer does not push the garbage collector into a full collection
 * the way a plain array of that size does; and the search loops read one kind of array only (a
 * loop that has seen both a plain array and an Int32Array reads each element about twice as
 * slowly: "nad" after "na" at 100,000 members, 6-8 ms against 2.6-3.7).
 */
export type Positions = Int32Array;

/** Ids are searched from this many characters on: a shorter query matches random hex in most ids. */
export const ID_QUERY_MIN = 4;

/**
 * Where every two-character sequence occurs in the members' name-and-email text: for each bigram,
 * the positions of the members whose text has it (ascending). A two-character query is then one
 * list read, and a longer one tests only the members of its rarest bigram. Built once per listing,
 * off the keystroke path (in idle time); until it exists, search scans.
 */
export interface BigramIndex {
  offsets: Uint32Array;
  postings: Int32Array;
}

/** 1..26 a-z, 27..36 0-9, then . @ - _ space newline; 63 stands for every other character. */
const OTHER = 63;
const CODES = (() => {
  const codes = new Uint8Array(128).fill(OTHER);
  for (let c = 97; c <= 122; c += 1) codes[c] = c - 96;
  for (let c = 48; c <= 57; c += 1) codes[c] = c - 48 + 27;
  '.@-_ \n'.split('').forEach((ch, k) => (codes[ch.charCodeAt(0)] = 37 + k));
  return codes;
})();
const codeOf = (c: number): number => (c < 128 ? CODES[c]! : OTHER);

export function buildBigrams(text: readonly string[]): BigramIndex {
  const counts = new Uint32Array(4096);
  const last = new Int32Array(4096).fill(-1);
  for (let i = 0; i < text.length; i += 1) {
    const t = text[i]!;
    let prev = t.length ? codeOf(t.charCodeAt(0)) : 0;
    for (let k = 1; k < t.length; k += 1) {
      const cur = codeOf(t.charCodeAt(k));
      const b = prev * 64 + cur;
      if (last[b] !== i) {
        last[b] = i;
        counts[b] = counts[b]! + 1;
      }
      prev = cur;
    }
  }
  const offsets = new Uint32Array(4097);
  for (let b = 0; b < 4096; b += 1) offsets[b + 1] = offsets[b]! + counts[b]!;
  const postings = new Int32Array(offsets[4096]!);
  const cursor = offsets.slice(0, 4096);
  last.fill(-1);
  for (let i = 0; i < text.length; i += 1) {
    const t = text[i]!;
    let prev = t.length ? codeOf(t.charCodeAt(0)) : 0;
    for (let k = 1; k < t.length; k += 1) {
      const cur = codeOf(t.charCodeAt(k));
      const b = prev * 64 + cur;
      if (last[b] !== i) {
        last[b] = i;
        postings[cursor[b]!++] = i;
      }
      prev = cur;
    }
  }
  return { offsets, postings };
}

const bigramIndexes = new WeakMap<SearchIndex, BigramIndex>();

/** Builds (once) the bigram index of a search index; call it when the browser is idle. */
export function ensureBigrams(index: SearchIndex): void {
  if (!bigramIndexes.has(index)) bigramIndexes.set(index, buildBigrams(index.text));
}

/**
 * The members whose text may hold the query, from its rarest bigram, and whether that list is the
 * exact answer (a two-character query of characters the index tells apart). Null when there is no
 * bigram index yet or the query is shorter than two characters.
 */
function bigramCandidates(index: SearchIndex, query: string): { list: Int32Array; exact: boolean } | null {
  const bigrams = bigramIndexes.get(index);
  if (!bigrams || query.length < 2) return null;
  let best: Int32Array | null = null;
  let exact = query.length === 2;
  let prev = codeOf(query.charCodeAt(0));
  if (prev === OTHER) exact = false;
  for (let k = 1; k < query.length; k += 1) {
    const cur = codeOf(query.charCodeAt(k));
    if (cur === OTHER) exact = false;
    const b = prev * 64 + cur;
    const list = bigrams.postings.subarray(bigrams.offsets[b], bigrams.offsets[b + 1]);
    if (best === null || list.length < best.length) best = list;
    prev = cur;
  }
  return { list: best!, exact };
}

/**
 * The positions (into `order`, itself positions into the index) of members that match. When the
 * previous answer is for a query this one extends, only its matches are searched again.
 */
export function filterMembers(
  index: SearchIndex,
  order: Positions,
  filters: MemberFilters,
  previous?: { filters: MemberFilters; result: Positions },
): Positions {
  const query = normaliseQuery(filters.query);
  const searchIds = query.length >= ID_QUERY_MIN;
  const prior = previous ? normaliseQuery(previous.filters.query) : '';
  const narrowing =
    previous &&
    previous.filters.status === filters.status &&
    previous.filters.group === filters.group &&
    query.startsWith(prior) &&
    // A query that starts searching ids may match members the shorter one did not.
    (prior.length >= ID_QUERY_MIN || !searchIds);
  const source = narrowing ? previous.result : order;
  const { members, text, textMasks, ids, idMasks, domainOf } = index;
  const { status, group } = filters;
  const need = textMask(query);
  // One letter: its mask bit is the answer (a digit's or a symbol's bit stands for several).
  const maskAnswers = query.length === 1 && need < 1 << 26;
  // A member whose email domain holds the query matches without its text being read.
  const inDomain = domainHits(index, query);
  const inText = (i: number): boolean =>
    (inDomain !== null && inDomain[domainOf[i]!] === 1) ||
    ((textMasks[i]! & need) >>> 0 === need && (maskAnswers || text[i]!.includes(query)));
  const inId = (i: number): boolean => searchIds && (idMasks[i]! & need) >>> 0 === need && ids[i]!.includes(query);
  const passes = (i: number): boolean => {
    if (status !== 'all') {
      const active = members[i]!.active;
      if (status === 'active' ? !active : active) return false;
    }
    if (group !== 'any') {
      const groupIds = members[i]!.groupIds;
      if (group === 'none' ? groupIds.length > 0 : !groupIds.includes(group)) return false;
    }
    return true;
  };
  const keeps = (i: number): boolean => passes(i) && (!query || inText(i) || inId(i));
  // Nothing to filter: the display order is the answer (no copy; answers are never changed).
  if (!query && status === 'all' && group === 'any') return source;
  const candidates = query ? bigramCandidates(index, query) : null;
  // The query's rarest bigram names far fewer members than the previous answer ("nad" after "na":
  // the members with "ad" rather than every match of "na"); not when ids are searched too, which
  // the bigram path does by reading every member.
  const rarerBigram = candidates !== null && !searchIds && candidates.list.length * 2 < source.length;
  // Few candidates: test each where it stands.
  if (source.length * 4 < members.length && !rarerBigram) {
    const found = new Int32Array(source.length);
    let n = 0;
    for (let k = 0; k < source.length; k += 1) {
      const i = source[k]!;
      if (keeps(i)) found[n++] = i;
    }
    return found.slice(0, n);
  }
  // Many: flag the members that match (from the bigram index when there is one, else testing every
  // member in listing order, memory in sequence), then keep the display order with the flags.
  const keep = clearedFlags(members.length);
  if (candidates) {
    const { list, exact } = candidates;
    for (let k = 0; k < list.length; k += 1) {
      const i = list[k]!;
      if ((exact || inText(i)) && passes(i)) keep[i] = 1;
    }
    if (searchIds) for (let i = 0; i < members.length; i += 1) if (keep[i] === 0 && inId(i) && passes(i)) keep[i] = 1;
  } else if (status === 'all' && group === 'any') {
    for (let i = 0; i < members.length; i += 1) if (inText(i) || inId(i)) keep[i] = 1;
  } else {
    for (let i = 0; i < members.length; i += 1) if (keeps(i)) keep[i] = 1;
  }
  // Counted first, so the answer is allocated once at its size (pushing 100,000 numbers costs more).
  let count = 0;
  for (let k = 0; k < source.length; k += 1) count += keep[source[k]!]!;
  // Everyone shown still matches (a query in the tenant's one domain): the same answer, no copy.
  if (count === source.length) return source;
  const out = new Int32Array(count);
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
  let last: { index: SearchIndex; order: Positions; filters: MemberFilters; result: Positions } | null = null;
  return (index: SearchIndex, order: Positions, filters: MemberFilters): Positions => {
    const prior = last && last.index === index && last.order === order ? last : undefined;
    const result = filterMembers(index, order, filters, prior);
    last = { index, order, filters, result };
    return result;
  };
}

/**
 * Lowercase with accents folded: a sort key that compares with plain < and > (é sorts with e), and
 * what search runs over ("beatriz hernandez" finds Beatriz Hernández).
 */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // eslint-disable-next-line no-control-regex -- ASCII needs no folding; skip the normalize call
  return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Member positions in display order for a sort (stable: ties keep the server's order). */
export function sortOrder(members: readonly MemberRow[], sort: Sort, groups: ReadonlyMap<string, GroupRow>): Positions {
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
function orderByKeys(keys: ReadonlyArray<string | number>, sort: Sort): Positions {
  const order = keys.map((_, i) => i);
  const sign = sort.direction === 'asc' ? 1 : -1;
  order.sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    if (x === y) return a - b;
    return (x < y ? -1 : 1) * sign;
  });
  return Int32Array.from(order);
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
    order: Positions;
  } | null = null;
  return (members: readonly MemberRow[], sort: Sort, groups: ReadonlyMap<string, GroupRow>): Positions => {
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
