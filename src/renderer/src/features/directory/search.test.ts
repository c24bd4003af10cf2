import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberEmail, memberName } from '../../../../shared/domain/member-text';
import {
  buildIndex,
  createNarrower,
  createSorter,
  ensureBigrams,
  filterMembers,
  fold,
  ID_QUERY_MIN,
  sortOrder,
  type MemberFilters,
} from './search';
import { member, members } from './testing/members';

const index = buildIndex(members);
const order = Int32Array.from(members, (_, i) => i);
const all: MemberFilters = { query: '', status: 'all', group: 'any' };
const ids = (positions: ArrayLike<number>) => Array.from(positions, (i) => members[i]!.id);

describe('member search and filters', () => {
  it('matches name, email and id, case-insensitively, ignoring surrounding spaces', () => {
    expect(ids(filterMembers(index, order, { ...all, query: 'OKAFOR' }))).toEqual(['b2']);
    expect(ids(filterMembers(index, order, { ...all, query: ' other.example ' }))).toEqual(['d4']);
    expect(ids(filterMembers(index, order, { ...all, query: 'c3' }))).toEqual(['c3']); // its email
    // Ids are searched from four characters on (two hex characters match many ids by chance).
    const long = buildIndex([
      member('7f3a9c', { userName: 'x@y.example' }),
      member('0b1e22', { userName: 'z@y.example' }),
    ]);
    expect(Array.from(filterMembers(long, Int32Array.of(0, 1), { ...all, query: '3A9C' }))).toEqual([0]);
    expect(ids(filterMembers(index, order, { ...all, query: 'chloé' }))).toEqual(['c3']);
    expect(Array.from(filterMembers(index, order, { ...all, query: 'nobody' }))).toEqual([]);
  });

  it('ignores accents and case in names and in the query', () => {
    const folded = buildIndex([
      member('u1', { displayName: 'Beatriz Hernández' }),
      member('u2', { displayName: 'Bo Hernandez' }),
    ]);
    expect(Array.from(filterMembers(folded, Int32Array.of(0, 1), { ...all, query: 'beatriz hernandez' }))).toEqual([0]);
    expect(Array.from(filterMembers(folded, Int32Array.of(0, 1), { ...all, query: 'HERNÁNDEZ' }))).toEqual([0, 1]);
  });

  it('filters by status and group, including members in no group', () => {
    expect(ids(filterMembers(index, order, { ...all, status: 'inactive' }))).toEqual(['b2']);
    expect(ids(filterMembers(index, order, { ...all, status: 'active', group: 'g1' }))).toEqual(['a1', 'c3']);
    expect(ids(filterMembers(index, order, { ...all, group: 'none' }))).toEqual(['b2', 'd4']);
  });

  it('narrows from the previous answer only when the new query extends it with the same filters', () => {
    const first = filterMembers(index, order, { ...all, query: 'o' });
    const narrowed = filterMembers(
      index,
      order,
      { ...all, query: 'ok' },
      { filters: { ...all, query: 'o' }, result: first },
    );
    expect(ids(narrowed)).toEqual(['b2']);
    // A different filter must search everything again, not the earlier matches.
    const widened = filterMembers(
      index,
      order,
      { ...all, query: 'o', status: 'inactive' },
      { filters: { ...all, query: 'o' }, result: new Int32Array(0) },
    );
    expect(ids(widened)).toEqual(['b2']);
  });

  it('narrows through the rarest bigram when it names fewer members than the previous answer', () => {
    // 100 members: 20 with "na" (every fifth), 2 of them with "nad"; "ad" is rare, "na" is not.
    const list = Array.from({ length: 100 }, (_, i) =>
      member(`m${i}`, {
        displayName: i % 5 === 0 ? (i % 50 === 0 ? `Nadia ${i}` : `Nana ${i}`) : `Bo ${i}`,
        userName: `u${i}@x.example`,
      }),
    );
    const idx = buildIndex(list);
    ensureBigrams(idx);
    const displayed = Int32Array.from(list, (_, i) => 99 - i);
    const na = filterMembers(idx, displayed, { ...all, query: 'na' });
    expect(na.length).toBe(20);
    const narrowed = filterMembers(
      idx,
      displayed,
      { ...all, query: 'nad' },
      { filters: { ...all, query: 'na' }, result: na },
    );
    expect(Array.from(narrowed, (i) => list[i]!.id)).toEqual(['m50', 'm0']);
    expect(Array.from(narrowed)).toEqual(Array.from(filterMembers(idx, displayed, { ...all, query: 'nad' })));
  });

  it('answers a query found in a shared email domain with every member of that domain', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      member(`m${i}`, {
        displayName: `Person ${i}`,
        userName: `p${i}@${i % 3 === 0 ? 'other.example' : 'acme-design.example'}`,
      }),
    );
    const idx = buildIndex(many);
    ensureBigrams(idx);
    expect(idx.domains.slice(1).sort()).toEqual(['acme-design.example', 'other.example']);
    const positions = many.map((_, i) => i);
    const found = (query: string) => Array.from(filterMembers(idx, Int32Array.from(positions), { ...all, query }));
    expect(found('acme-design.ex')).toEqual(positions.filter((i) => i % 3 !== 0));
    expect(found('.example')).toEqual(positions);
    // Across the @ the text decides, as before.
    expect(found('p3@other')).toEqual([3]);
  });

  it('answers exactly what a per-member search would, whether it scans the whole text or a few candidates', () => {
    const word = fc.string({
      unit: fc.constantFrom('a', 'b', 'z', 'é', '@', '.', ' ', 'A', '1', '7', '-', '_', 'İ', 'i', 'd', 'x', 'y'),
      maxLength: 6,
    });
    // A few shared domains (a query found in one matches its members without their text being read).
    const domain = fc.constantFrom('x.y', 'acme.example', 'a-b.dd', 'İi.x', '');
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: word, mail: word, domain, active: fc.boolean() }), { maxLength: 40 }),
        word,
        fc.boolean(),
        fc.boolean(),
        (people, query, narrow, withBigrams) => {
          const list = people.map((p, i) =>
            member(`id${i}`, { displayName: p.name || null, userName: `${p.mail}${i}@${p.domain}`, active: p.active }),
          );
          const idx = buildIndex(list);
          if (withBigrams) ensureBigrams(idx);
          const positions = list.map((_, i) => i);
          const displayed = Int32Array.from(positions);
          // Name and email match with case and accents folded; ids with case only.
          const q = fold(query.trim());
          const naive = positions.filter(
            (i) =>
              fold(`${memberName(list[i]!)}\n${memberEmail(list[i]!)}`).includes(q) ||
              (q.length >= ID_QUERY_MIN && list[i]!.id.toLowerCase().includes(q)),
          );
          const filters = { ...all, query };
          // Narrowing from a one-member "previous answer" exercises the few-candidates path.
          const prior =
            narrow && naive.length <= 1
              ? { filters: { ...all, query: '' }, result: Int32Array.from(naive) }
              : undefined;
          expect(Array.from(filterMembers(idx, displayed, filters, prior))).toEqual(naive);
          // Typed a letter at a time through the narrower (across the length where ids join in).
          const narrower = createNarrower();
          for (let k = 1; k <= query.length; k += 1) {
            const typed = query.slice(0, k);
            const t = fold(typed.trim());
            const expected = positions.filter(
              (i) =>
                fold(`${memberName(list[i]!)}\n${memberEmail(list[i]!)}`).includes(t) ||
                (t.length >= ID_QUERY_MIN && list[i]!.id.toLowerCase().includes(t)),
            );
            expect(Array.from(narrower(idx, displayed, { ...all, query: typed }))).toEqual(expected);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('sorts stably by name, status and groups in both directions', () => {
    const groups = new Map([
      ['g1', { id: 'g1', displayName: 'Design', memberIds: [], membersKnown: true, lastModified: null }],
      ['g2', { id: 'g2', displayName: 'Admins', memberIds: [], membersKnown: true, lastModified: null }],
    ]);
    expect(ids(sortOrder(members, { key: 'name', direction: 'desc' }, groups))).toEqual(['d4', 'c3', 'b2', 'a1']);
    expect(ids(sortOrder(members, { key: 'status', direction: 'desc' }, groups))).toEqual(['b2', 'a1', 'c3', 'd4']);
    expect(ids(sortOrder(members, { key: 'groups', direction: 'asc' }, groups))).toEqual(['b2', 'd4', 'a1', 'c3']);
  });
});

describe('the remembering sorter', () => {
  const groups = new Map();
  const byName = { key: 'name', direction: 'asc' } as const;

  it('keeps the order when rows were replaced without changing their sort keys, and sorts again when they were', () => {
    const sorter = createSorter();
    const first = sorter(members, byName, groups);
    expect(first).toEqual(sortOrder(members, byName, groups));
    // Deactivating Ana replaces her row; her name (the sort key) is the same.
    const deactivated = members.map((m) => (m.id === 'a1' ? { ...m, active: false } : m));
    expect(sorter(deactivated, byName, groups)).toBe(first);
    // Renaming changes the key: the answer is sorted afresh, and right.
    const renamed = deactivated.map((m) => (m.id === 'a1' ? { ...m, displayName: 'Zed Last' } : m));
    expect(sorter(renamed, byName, groups)).toEqual(sortOrder(renamed, byName, groups));
    expect(ids(sorter(renamed, byName, groups)).at(-1)).toBe('a1');
  });

  it('sorts again when a streamed listing grew in place', () => {
    const sorter = createSorter();
    const growing = members.slice(0, 2);
    expect(Array.from(sorter(growing, byName, groups))).toEqual([0, 1]);
    growing.push(members[3]!, members[2]!);
    expect(Array.from(sorter(growing, byName, groups), (i) => growing[i]!.id)).toEqual(['a1', 'b2', 'c3', 'd4']);
  });
});
