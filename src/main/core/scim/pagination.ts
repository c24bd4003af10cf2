import type { CapabilityProfile } from '../../../shared/domain/scim';
import { ScimError } from './errors';
import type { ListPage } from './resources';

export type Quirks = CapabilityProfile['quirks'];

export interface FetchedPage extends ListPage {
  numbersAsStrings: boolean;
}

export interface PaginationOptions<T> {
  fetchPage: (startIndex: number, count: number) => Promise<FetchedPage>;
  parse: (resource: unknown) => T;
  idOf: (item: T) => string;
  /**
   * A second identity (a user's lowercased userName): a page whose items all repeat keys already
   * seen, under fresh ids, is a server serving the same page again, not new data.
   */
  keyOf?: (item: T) => string;
  pageSize: number;
  /** Pages fetched at once once totalResults is known (the limiter bounds requests as well). */
  concurrency: number;
  /** Hard cap on pages, whatever the server says. */
  maxPages: number;
  /** Hard cap on items, whatever the server says (default 1,000,000). */
  maxItems?: number;
  signal?: AbortSignal;
  onProgress?: (loaded: number, total: number | null) => void;
  /** Each page's items not seen before, as they arrive (for a table that fills while loading). */
  onItems?: (items: T[]) => void;
}

/** Why a listing stopped before the server ran out. */
export type ListingCut = 'pages' | 'items' | 'beyond-total';

export interface PaginationResult<T> {
  items: T[];
  quirks: Partial<Quirks>;
  /** True when a cap stopped the listing before the server ran out. */
  truncated: boolean;
  /** Which cap, when truncated. */
  cut: ListingCut | null;
  /** The totalResults the server announced (null when it gave none). */
  total: number | null;
}

/** A totalResults this many times the item cap is not a tenant: the answer is refused. */
const ABSURD_TOTAL_FACTOR = 10;

/** How far a listing may run past the totalResults the server announced (stale totals are normal). */
export function beyondTotalAllowance(total: number): number {
  return Math.max(1_000, Math.ceil(total * 0.1));
}

/**
 * Lists every resource (RFC 7644 §3.4.2.4): startIndex is 1-based; advance by what came back;
 * stop on an empty page, at totalResults, on a page of ids already seen (a server that ignores
 * startIndex) or at the page cap; de-duplicate by id. With totalResults known, the remaining
 * pages are fetched concurrently and any short page is filled in afterwards.
 */
export async function listAllPages<T>(options: PaginationOptions<T>): Promise<PaginationResult<T>> {
  const { fetchPage, parse, idOf, keyOf, pageSize, maxPages, signal } = options;
  const maxItems = options.maxItems ?? 1_000_000;
  const quirks: Partial<Quirks> = {};
  const pages = new Map<number, T[]>();
  const seen = new Set<string>();
  const keys = new Set<string>();
  let pagesFetched = 0;
  /** An id came twice (in one page or across pages): the final list is de-duplicated. */
  let repeated = false;
  let cut: ListingCut | null = null;
  /** The first page's startIndex minus 1: a server that counts from 0 echoes every page one lower. */
  let echoOffset: number | null = null;
  const stopAt = (why: ListingCut): void => {
    cut ??= why;
  };

  /** Keeps a page's items up to the item cap; false once the cap is reached. */
  const record = (start: number, items: T[]): boolean => {
    let kept = items;
    if (seen.size + items.length > maxItems) {
      kept = items
        .filter((item) => seen.has(idOf(item)))
        .concat(items.filter((item) => !seen.has(idOf(item))).slice(0, Math.max(0, maxItems - seen.size)));
    }
    pages.set(start, kept);
    const fresh = options.onItems ? kept.filter((item) => !seen.has(idOf(item))) : [];
    for (const item of kept) {
      const id = idOf(item);
      if (seen.has(id)) repeated = true;
      else seen.add(id);
      if (keyOf) keys.add(keyOf(item));
    }
    if (fresh.length) options.onItems?.(fresh);
    options.onProgress?.(seen.size, total);
    if (seen.size >= maxItems && kept.length < items.length) {
      stopAt('items');
      return false;
    }
    return true;
  };
  const checkTotal = (value: number | null): number | null => {
    if (value !== null && value > maxItems * ABSURD_TOTAL_FACTOR) {
      throw new ScimError('SCIM_INVALID_RESPONSE', {
        message: `The SCIM server claims ${value} resources, more than any tenant the console can list (${maxItems} at most). Its answer was refused; check the server.`,
        detail: `totalResults ${value}`,
      });
    }
    return value;
  };
  const get = async (
    start: number,
    count: number,
  ): Promise<{ items: T[]; total: number | null; echoed: number | null }> => {
    signal?.throwIfAborted();
    pagesFetched += 1;
    const page = await fetchPage(start, count);
    if (page.numbersAsStrings) quirks.numbersAsStrings = true;
    return { items: page.resources.map(parse), total: checkTotal(page.totalResults), echoed: page.startIndex };
  };
  /**
   * True when a page is the server ignoring startIndex: it says it starts elsewhere than asked,
   * or every item repeats an id (or a second key) already seen.
   */
  const repeats = (start: number, page: { items: T[]; echoed: number | null }): boolean => {
    if (page.items.length === 0) return false;
    if (page.echoed !== null && echoOffset !== null && page.echoed !== start + echoOffset) return true;
    if (page.items.every((i) => seen.has(idOf(i)))) return true;
    return keyOf !== undefined && page.items.every((i) => keys.has(keyOf(i)));
  };

  const first = await get(1, pageSize);
  let total = first.total;
  echoOffset = first.echoed === null ? null : first.echoed - 1;
  const effective = first.items.length;
  if (effective > pageSize) quirks.ignoresCount = true;
  if (!record(1, first.items)) return finish();

  if (effective > pageSize && (total === null || effective >= total)) quirks.noPagination = true;
  if (effective === 0 || (total !== null && effective === total)) return finish();
  // A total smaller than what one page already held cannot be trusted: walk until the server runs out.
  if (total !== null && effective > total) total = null;
  // What the server announced stays the bound of a walk past it, even when it cannot be planned on.
  const announced = first.total;
  if (total !== null && effective < pageSize) quirks.pageSizeCap = effective;

  /** Walks forward one page at a time from `start` until the server runs out. */
  const sequentialFrom = async (start: number, until: number | null): Promise<void> => {
    let next = start;
    while (until === null || next < until) {
      if (pagesFetched >= maxPages) return stopAt('pages');
      const bound = total ?? announced;
      if (bound !== null && seen.size >= bound + beyondTotalAllowance(bound)) return stopAt('beyond-total');
      const count = until === null ? pageSize : Math.min(pageSize, until - next);
      const page = await get(next, count);
      if (page.items.length === 0) return;
      if (repeats(next, page)) {
        quirks.ignoresStartIndex = true;
        return;
      }
      if (!record(next, page.items)) return;
      next += page.items.length;
    }
  };

  if (total === null) {
    await sequentialFrom(1 + effective, null);
    return finish();
  }

  // totalResults known: plan the remaining pages at the server's own page size and fetch them
  // together, never more than the page and item caps allow (the caps apply before the plan is built).
  const plannedTotal = Math.min(total, maxItems);
  const pagesWanted = Math.ceil((plannedTotal - effective) / effective);
  const pagesAllowed = Math.max(0, maxPages - 1);
  if (pagesWanted > pagesAllowed) stopAt('pages');
  else if (total > maxItems) stopAt('items');
  const starts: number[] = [];
  for (let n = 0; n < Math.min(pagesWanted, pagesAllowed); n += 1) starts.push(1 + effective * (n + 1));
  const short: Array<{ start: number; got: number }> = [];
  let stop = false;
  let cursor = 0;
  // An empty page marks the end: a server that overstated totalResults costs at most `concurrency` calls.
  let endAt = Number.POSITIVE_INFINITY;
  const worker = async (): Promise<void> => {
    while (!stop && cursor < starts.length && starts[cursor]! < endAt) {
      const start = starts[cursor++]!;
      const page = await get(start, effective);
      if (page.items.length === 0) {
        endAt = Math.min(endAt, start);
        continue;
      }
      if (page.total !== null && page.total > (total ?? 0)) total = page.total;
      if (repeats(start, page)) {
        quirks.ignoresStartIndex = true;
        stop = true;
        return;
      }
      if (!record(start, page.items)) {
        stop = true;
        return;
      }
      if (page.items.length < effective) short.push({ start, got: page.items.length });
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency, starts.length)) }, () => worker());
  const settled = await Promise.allSettled(workers);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  if (quirks.ignoresStartIndex || cut === 'items') return finish();

  // Fill any page that came back short (a server that caps below what it showed on page one).
  for (const { start, got } of short.sort((a, b) => a.start - b.start)) {
    const end = Math.min(start + effective, (total ?? 0) + 1);
    if (got > 0 && start + got < end) await sequentialFrom(start + got, end);
  }
  // totalResults may have been stale or wrong: when the count does not match it, keep walking
  // from the furthest position reached until the server runs out.
  if (cut === null && seen.size !== total) {
    const reached = Math.max(...[...pages.entries()].map(([start, items]) => start + items.length));
    await sequentialFrom(reached, null);
  }
  return finish();

  function finish(): PaginationResult<T> {
    const items: T[] = [];
    // No id came twice: the pages in order are the list, with no second pass through a set.
    const emitted = repeated ? new Set<string>() : null;
    for (const start of [...pages.keys()].sort((a, b) => a - b)) {
      for (const item of pages.get(start) ?? []) {
        if (emitted) {
          const id = idOf(item);
          if (emitted.has(id)) continue;
          emitted.add(id);
        }
        items.push(item);
      }
    }
    options.onProgress?.(items.length, total === null ? items.length : Math.max(total, items.length));
    return { items, quirks, truncated: cut !== null, cut, total };
  }
}
