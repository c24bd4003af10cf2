import type { MemberRow } from '../../../../../shared/domain/directory';

/** A member row for tests, with what the test cares about. */
export function member(id: string, over: Partial<MemberRow> = {}): MemberRow {
  return {
    id,
    userName: `${id}@acme.example`,
    givenName: null,
    familyName: null,
    displayName: `Person ${id}`,
    email: null,
    active: true,
    roles: [],
    groupIds: [],
    lastModified: null,
    ...over,
  };
}

/** Four members: two in group g1, one inactive, one on another domain. */
export const members = [
  member('a1', { displayName: 'Ana Souza', groupIds: ['g1'] }),
  member('b2', { displayName: 'Ben Okafor', active: false }),
  member('c3', { displayName: 'Chloé Martin', groupIds: ['g1', 'g2'] }),
  member('d4', { displayName: 'Dmitri Ivanov', userName: 'dmitri@other.example' }),
];
