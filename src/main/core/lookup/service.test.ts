import { describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/domain/scim';
import type { TenantView } from '../../../shared/domain/tenant';
import { createPersonLookup } from './service';

const member = (userName: string): Member => ({
  id: 'u1',
  userName,
  active: false,
  givenName: 'Ana',
  familyName: 'Silva',
  displayName: null,
  email: null,
  roles: [],
  groups: [],
  created: null,
  lastModified: null,
  version: null,
  raw: null,
});

function tenant(id: string, fields: { tokenState?: TenantView['tokenState']; caseExact?: boolean } = {}): TenantView {
  return {
    id,
    name: id.toUpperCase(),
    kind: 'scim',
    tokenState: fields.tokenState ?? 'stored',
    capabilities: { quirks: { caseExactUserNameFilter: fields.caseExact ?? false } },
  } as unknown as TenantView;
}

describe('find a person (with doubles)', () => {
  it('asks a case-exact server again in lower case, skips tenants without a token, names groups from the listing', async () => {
    const asked: string[] = [];
    const store: Record<string, Member> = { 'ana@x.example': member('ana@x.example') };
    const lookup = createPersonLookup({
      tenants: {
        list: async () => ({
          tenants: [tenant('exact', { caseExact: true }), tenant('plain'), tenant('locked', { tokenState: 'locked' })],
          activeId: null,
          notice: null,
        }),
        clientFor: (async (id: string) => ({
          findUserByUserName: async (userName: string) => {
            asked.push(`${id}:${userName}`);
            return store[userName] ?? null;
          },
        })) as never,
      },
      peek: (id) =>
        id === 'exact'
          ? ({
              members: new Map([['u1', { groupIds: ['g1'] }]]),
              groups: new Map([['g1', { displayName: 'Design' }]]),
            } as never)
          : undefined,
    });
    const found = await lookup.find(' Ana@X.example ');
    const by = Object.fromEntries(found.results.map((r) => [r.tenantId, r]));
    expect(by.exact).toMatchObject({
      state: 'found',
      member: { active: false, groups: ['Design'], groupsKnown: true },
    });
    expect(by.plain).toMatchObject({ state: 'absent' });
    expect(by.locked).toMatchObject({ state: 'failed', error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(by.locked!.error!.message).toMatch(/locked/);
    // One read where the server compares as told, a second (lowercased) only where it is case-exact.
    expect(asked.sort()).toEqual(['exact:Ana@X.example', 'exact:ana@x.example', 'plain:Ana@X.example']);
  });
});
