import type { CapabilityProfile } from '../../../shared/domain/scim';
import type { ListPage } from './resources';

export type Quirks = CapabilityProfile['quirks'];

export interface FetchedPage extends ListPage {
  numbersAsStrings: boolean;
}

export interface PaginationOptions<T> {
  fetchPage: (startIndex: number, count: number) => Promise<FetchedPage>;
  parse: (resource: unknown) => T;
  idOf: (item: T) => string;
  pageSize: number;
  /** Pages fetched at once once totalResults is known (the limiter bounds requests as well). */
  concurrency: number;
  /** Hard cap on pages, whatever the server says. */
  maxPages: number;
  signal?: AbortSignal;
  onProgress?: (loaded: number, total: number | null) => void;
  /** Each page's items not seen before, as they arrive (for a table that fills while loading). */
  onItems?: (items: T[]) => void;
}

export interface PaginationResult<T> {
  items: T[];
  quirks: Partial<Quirks>;
  /** True when the page cap stopped the listing before the server ran out. */
  truncated: boolean;
}

/**
 * Lists every resource (RFC 7644 §3.4.2.4): startIndex is 1-based; advance by what came back;
 * stop on an empty page, at totalResults, on a page of ids already seen (a server that ignores
 * startIndex) or at the page cap; de-duplicate by id. With totalResults known, the remaining
 * pages are fetched concurrently and any short page is filled in afterwards.
 */
export async function listAllPages<T>(options: PaginationOptions<T>): Promise<PaginationResult<T>> {
  const { fetchPage, parse, idOf, pageSize, maxPages, signal } = options;
  const quirks: Partial<Quirks> = {};
  const pages = new Map<number, T[]>();
  const seen = new Set<string>();
  let pagesFetched = 0;
  let truncated = false;

  const record = (start: number, items: T[]): void => {
    pages.set(start, items);
    const fresh = options.onItems ? items.filter((item) => !seen.has(idOf(item))) : [];
    for (const item of items) seen.add(idOf(item));
    if (fresh.length) options.onItems?.(fresh);
    options.onProgress?.(seen.size, total);
  };
  const get = async (start: number, count: number): Promise<{ items: T[]; total: number | null }> => {
    signal?.throwIfAborted();
    pagesFetched += 1;
    const page = await fetchPage(start, count);
    if (page.numbersAsStrings) quirks.numbersAsStrings = true;
    return { items: page.resources.map(parse), total: page.totalResults };
  };
  const allSeen = (items: T[]): boolean => items.length > 0 && items.every((i) => seen.has(idOf(i)));

  const first = await get(1, pageSize);
  let total = first.total;
  const effective = first.items.length;
  if (effective > pageSize) quirks.ignoresCount = true;
  record(1, first.items);

  if (effective > pageSize && (total === null || effective >= total)) quirks.noPagination = true;
  if (effective === 0 || (total !== null && effective === total)) return finish();
  // A total smaller than what one page already held cannot be trusted: walk until the server runs out.
  if (total !== null && effective > total) total = null;
  if (total !== null && effective < pageSize) quirks.pageSizeCap = effective;

  /** Walks forward one page at a time from `start` until the server runs out. */
  const sequentialFrom = async (start: number, until: number | null): Promise<void> => {
    let next = start;
    while (until === null || next < until) {
      if (pagesFetched >= maxPages) {
        truncated = true;
        return;
      }
      const count = until === null ? pageSize : Math.min(pageSize, until - next);
      const page = await get(next, count);
      if (page.items.length === 0) return;
      if (allSeen(page.items)) {
        quirks.ignoresStartIndex = true;
        return;
      }
      record(next, page.items);
      next += page.items.length;
    }
  };

  if (total === null) {
    await sequentialFrom(1 + effective, null);
    return finish();
  }

  // totalResults known: plan the remaining pages at the server's own page size and fetch them together.
  const starts: number[] = [];
  for (let start = 1 + effective; start <= total; start += effective) starts.push(start);
  if (starts.length + 1 > maxPages) {
    truncated = true;
    starts.length = Math.max(0, maxPages - 1);
  }
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
      if (allSeen(page.items) && start > effective) {
        quirks.ignoresStartIndex = true;
        stop = true;
        return;
      }
      record(start, page.items);
      if (page.items.length < effective) short.push({ start, got: page.items.length });
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency, starts.length)) }, () => worker());
  const settled = await Promise.allSettled(workers);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  if (quirks.ignoresStartIndex) return finish();

  // Fill any page that came back short (a server that caps below what it showed on page one).
  for (const { start, got } of short.sort((a, b) => a.start - b.start)) {
    const end = Math.min(start + effective, (total ?? 0) + 1);
    if (got > 0 && start + got < end) await sequentialFrom(start + got, end);
  }
  // totalResults may have been stale or wrong: when the count does not match it, keep walking
  // from the furthest position reached until the server runs out.
  if (!truncated && seen.size !== total) {
    const reached = Math.max(...[...pages.entries()].map(([start, items]) => start + items.length));
    await sequentialFrom(reached, null);
  }
  return finish();

  function finish(): PaginationResult<T> {
    const items: T[] = [];
    const emitted = new Set<string>();
    for (const start of [...pages.keys()].sort((a, b) => a - b)) {
      for (const item of pages.get(start) ?? []) {
        const id = idOf(item);
        if (emitted.has(id)) continue;
        emitted.add(id);
        items.push(item);
      }
    }
    options.onProgress?.(items.length, total === null ? items.length : Math.max(total, items.length));
    return { items, quirks, truncated };
  }
}
