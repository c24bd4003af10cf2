import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listAllPages, type FetchedPage } from './pagination';

interface ServerModel {
  size: number;
  pageCap: number | null;
  ignoresCount: boolean;
  noPagination: boolean;
  ignoresStartIndex: boolean;
  total: 'exact' | 'missing' | 'under' | 'over';
  /** Some pages come back shorter than asked, deterministically per startIndex. */
  shortPages: boolean;
}

function modelServer(m: ServerModel): {
  fetchPage: (start: number, count: number) => Promise<FetchedPage>;
  calls: () => number;
} {
  const ids = Array.from({ length: m.size }, (_, i) => `id-${i}`);
  let calls = 0;
  const fetchPage = async (start: number, count: number): Promise<FetchedPage> => {
    calls += 1;
    await Promise.resolve();
    let from = m.ignoresStartIndex ? 0 : Math.max(0, start - 1);
    let n = m.ignoresCount ? (m.pageCap ?? 7) : count;
    if (m.pageCap !== null) n = Math.min(n, m.pageCap);
    if (m.shortPages && start > 1 && (start * 7919) % 5 === 0) n = Math.max(1, Math.floor(n / 2));
    if (m.noPagination) {
      from = 0;
      n = ids.length;
    }
    const resources = ids.slice(from, from + n).map((id) => ({ id }));
    const totalResults =
      m.total === 'missing'
        ? null
        : m.total === 'under'
          ? Math.max(0, m.size - 9)
          : m.total === 'over'
            ? m.size + 13
            : m.size;
    return { resources, totalResults, startIndex: start, numbersAsStrings: false };
  };
  return { fetchPage, calls: () => calls };
}

const serverModel = fc.record({
  size: fc.integer({ min: 0, max: 400 }),
  pageCap: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
  ignoresCount: fc.boolean(),
  noPagination: fc.boolean(),
  ignoresStartIndex: fc.boolean(),
  total: fc.constantFrom('exact', 'missing', 'under', 'over'),
  shortPages: fc.boolean(),
}) as fc.Arbitrary<ServerModel>;

describe('listAllPages', () => {
  it('terminates with no duplicate and, unless startIndex is ignored, no missing member', async () => {
    await fc.assert(
      fc.asyncProperty(
        serverModel,
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 120 }),
        async (model, concurrency, pageSize) => {
          const server = modelServer(model);
          const result = await listAllPages({
            fetchPage: server.fetchPage,
            parse: (r) => r as { id: string },
            idOf: (r) => r.id,
            pageSize,
            concurrency,
            maxPages: 10_000,
          });
          const ids = result.items.map((r) => r.id);
          expect(new Set(ids).size).toBe(ids.length);
          // No runaway: at most one call per member, plus the concurrent overshoot past the end.
          expect(server.calls()).toBeLessThanOrEqual(model.size + concurrency + 2);
          const firstPageSize = model.ignoresCount
            ? (model.pageCap ?? 7)
            : Math.min(pageSize, model.pageCap ?? Infinity);
          const firstPageHasAll = model.noPagination || model.size <= firstPageSize;
          const all = Array.from({ length: model.size }, (_, i) => `id-${i}`);
          if (model.total === 'under' && !model.ignoresStartIndex) {
            // The rules stop at totalResults: a server that understates it gets at least what it claimed.
            expect(ids.every((id) => all.includes(id))).toBe(true);
            expect(ids.length).toBeGreaterThanOrEqual(Math.min(model.size, Math.max(0, model.size - 9)));
          } else if (!model.ignoresStartIndex || firstPageHasAll) {
            expect(ids.sort()).toEqual(all.sort());
          } else if (model.size > 0 && !(model.total === 'under' && model.size - 9 <= firstPageSize)) {
            expect(result.quirks.ignoresStartIndex).toBe(true);
          } else {
            // Nothing to detect: the first page already held everything the server claimed to have.
            expect(ids.every((id) => all.includes(id))).toBe(true);
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it('fetches the remaining pages concurrently once the total is known', async () => {
    let inFlight = 0;
    let peak = 0;
    const result = await listAllPages({
      fetchPage: async (start, count) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight -= 1;
        const resources = Array.from({ length: Math.max(0, Math.min(count, 1000 - (start - 1))) }, (_, i) => ({
          id: `u${start + i}`,
        }));
        return { resources, totalResults: 1000, startIndex: start, numbersAsStrings: false };
      },
      parse: (r) => r as { id: string },
      idOf: (r) => r.id,
      pageSize: 50,
      concurrency: 6,
      maxPages: 1000,
    });
    expect(result.items).toHaveLength(1000);
    expect(peak).toBe(6);
  });

  it('stops at the page cap and says so', async () => {
    const server = modelServer({
      size: 1000,
      pageCap: 10,
      ignoresCount: false,
      noPagination: false,
      ignoresStartIndex: false,
      total: 'missing',
      shortPages: false,
    });
    const result = await listAllPages({
      fetchPage: server.fetchPage,
      parse: (r) => r as { id: string },
      idOf: (r) => r.id,
      pageSize: 10,
      concurrency: 4,
      maxPages: 5,
    });
    expect(result.truncated).toBe(true);
    expect(result.items).toHaveLength(50);
  });

  it('records the quirks it saw', async () => {
    const capped = modelServer({
      size: 30,
      pageCap: 10,
      ignoresCount: false,
      noPagination: false,
      ignoresStartIndex: false,
      total: 'exact',
      shortPages: false,
    });
    const r1 = await listAllPages({
      fetchPage: capped.fetchPage,
      parse: (r) => r as { id: string },
      idOf: (r) => r.id,
      pageSize: 100,
      concurrency: 2,
      maxPages: 100,
    });
    expect(r1.quirks.pageSizeCap).toBe(10);
    const all = modelServer({
      size: 30,
      pageCap: null,
      ignoresCount: false,
      noPagination: true,
      ignoresStartIndex: false,
      total: 'exact',
      shortPages: false,
    });
    const r2 = await listAllPages({
      fetchPage: all.fetchPage,
      parse: (r) => r as { id: string },
      idOf: (r) => r.id,
      pageSize: 5,
      concurrency: 2,
      maxPages: 100,
    });
    expect(r2.quirks.noPagination).toBe(true);
  });

  it('passes a failed page on as the error', async () => {
    await expect(
      listAllPages({
        fetchPage: async (start) => {
          if (start > 1) throw new Error('page 2 failed');
          return { resources: [{ id: 'a' }], totalResults: 3, startIndex: 1, numbersAsStrings: false };
        },
        parse: (r) => r as { id: string },
        idOf: (r) => r.id,
        pageSize: 1,
        concurrency: 2,
        maxPages: 10,
      }),
    ).rejects.toThrow('page 2 failed');
  });
});
