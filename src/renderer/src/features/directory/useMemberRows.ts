import { useEffect, useMemo, useState } from 'react';
import type { GroupRow, MemberRow } from '../../../../shared/domain/directory';
import {
  buildIndex,
  createNarrower,
  createSorter,
  ensureBigrams,
  type MemberFilters,
  type Positions,
  type Sort,
} from './search';

/**
 * The members table's pipeline: a search index of the listing, the listing in the chosen order,
 * and the positions that match the search and filters, in that order. Each stage reruns only when
 * its own inputs change (the index once per listing, the order once per listing or sort).
 */
export function useMemberRows(
  members: readonly MemberRow[],
  groups: ReadonlyMap<string, GroupRow>,
  sort: Sort,
  { query, status, group }: MemberFilters,
  streaming: boolean,
): Positions {
  const index = useMemo(() => buildIndex(members), [members]);
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
  const order = useMemo(() => sorter(members, sort, groups), [sorter, members, sort, groups]);

  // Filtering runs in the keystroke's own render: one lowercase `includes` per member (and only over
  // the previous matches while the query grows) costs a few milliseconds at 100,000 members, so the
  // answer paints in the same frame as the letter. Deferring it would cost a frame on every key.
  const filters: MemberFilters = useMemo(() => ({ query, status, group }), [query, status, group]);
  const [narrower] = useState(createNarrower);
  return useMemo(() => narrower(index, order, filters), [narrower, index, order, filters]);
}
