import type { ListingCut, Quirks } from './pagination';
import { listAllPages } from './pagination';
import { ScimError } from './errors';
import type { ClientCore } from './client-core';
import { parseListPage } from './resources';

export interface ListOptions<T = unknown> {
  signal?: AbortSignal;
  onProgress?: (loaded: number, total: number | null) => void;
  onItems?: (items: T[]) => void;
}

export interface ListResult<T> {
  items: T[];
  truncated: boolean;
  /** Which cap stopped the listing, when truncated. */
  cut: ListingCut | null;
  /** Resources left out because the server sent them broken (an unusable id, a wrong type). */
  skipped: number;
  /** The first skipped resource's problem, for the notice. */
  skippedExample: string | null;
  /** The totalResults the server announced (null when it gave none). */
  total: number | null;
}

interface Tally {
  skipped: number;
  example: string | null;
  /** What was skipped already, so a page fetched twice is not counted twice. */
  seen: Set<string>;
}

/** Whole listings of a collection, pages fetched concurrently and parsed as they arrive. */
export function createLister(
  core: ClientCore,
  options: { concurrency?: number; maxPages?: number; maxItems?: number },
) {
  const { transport } = core;
  const maxPages = options.maxPages ?? 20_000;

  /**
   * Fetches one list page and parses its resources right away. A resource the server sent broken
   * is left out and counted, not allowed to fail the whole listing.
   */
  function pageFetcher<T>(path: string, parse: (r: unknown) => T, tally: Tally, signal?: AbortSignal) {
    return async (startIndex: number, count: number) => {
      const response = await transport.request({
        method: 'GET',
        path,
        query: { startIndex, count },
        ...(signal ? { signal } : {}),
      });
      const page = parseListPage(response.body);
      const resources: T[] = [];
      for (const r of page.resources) {
        try {
          resources.push(parse(r));
        } catch (error) {
          if (!(error instanceof ScimError)) throw error;
          const key = JSON.stringify(r).slice(0, 2_000);
          if (tally.seen.has(key)) continue;
          if (tally.seen.size < 100_000) tally.seen.add(key);
          tally.skipped += 1;
          tally.example ??= error.detail ?? error.message;
        }
      }
      return { ...page, resources, numbersAsStrings: response.numbersAsStrings };
    };
  }

  async function listAll<T extends { id: string }>(
    path: string,
    parse: (r: unknown) => T,
    opts: ListOptions<T>,
    keyOf?: (item: T) => string,
  ): Promise<ListResult<T> & { quirks: Partial<Quirks> }> {
    const tally: Tally = { skipped: 0, example: null, seen: new Set() };
    const result = await listAllPages<T>({
      fetchPage: pageFetcher(path, parse, tally, opts.signal),
      parse: (r) => r as T,
      idOf: (item) => item.id,
      ...(keyOf ? { keyOf } : {}),
      pageSize: core.pageSize(),
      concurrency: options.concurrency ?? 8,
      maxPages,
      ...(options.maxItems ? { maxItems: options.maxItems } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.onItems ? { onItems: opts.onItems } : {}),
    });
    return {
      items: result.items,
      truncated: result.truncated,
      cut: result.cut,
      skipped: tally.skipped,
      skippedExample: tally.example,
      total: result.total,
      quirks: result.quirks,
    };
  }

  return listAll;
}
