import { describe, expect, it } from 'vitest';
import { parseGroup, parseListPage, parseUser } from './resources';

describe('parseUser', () => {
  it('reads attributes case-insensitively and picks the work email', () => {
    const member = parseUser({
      ID: 'u1',
      UserName: 'Ana@Example.com',
      ACTIVE: 'false',
      Name: { GivenName: 'Ana', familyname: 'Silva' },
      Emails: [
        { value: 'home@x.example', type: 'home' },
        { Value: 'ana@example.com', Type: 'work' },
      ],
      Meta: { LastModified: '2026-01-01T00:00:00Z', Version: 'W/"3"' },
      unknownExtension: { anything: true },
    });
    expect(member).toMatchObject({
      id: 'u1',
      userName: 'Ana@Example.com',
      active: false,
      givenName: 'Ana',
      familyName: 'Silva',
      email: 'ana@example.com',
      lastModified: '2026-01-01T00:00:00Z',
      version: 'W/"3"',
    });
  });

  it('treats a missing active as active and a numeric id as a string', () => {
    expect(parseUser({ id: 42, userName: 'a@b.c' })).toMatchObject({ id: '42', active: true });
  });

  it('refuses a user without an id or userName', () => {
    expect(() => parseUser({ userName: 'a@b.c' })).toThrow(expect.objectContaining({ code: 'SCIM_INVALID_RESPONSE' }));
    expect(() => parseUser({ id: 'x', userName: 7 })).toThrow(
      expect.objectContaining({ code: 'SCIM_INVALID_RESPONSE' }),
    );
  });

  it.each(['.', '..', '', 'a\u0000b', '\ud800', 'x'.repeat(513)])(
    'refuses the id %j, which no request may address',
    (id) => {
      expect(() => parseUser({ id, userName: 'a@b.c' })).toThrow(
        expect.objectContaining({ code: 'SCIM_INVALID_RESPONSE' }),
      );
      expect(() => parseGroup({ id, displayName: 'G' })).toThrow(
        expect.objectContaining({ code: 'SCIM_INVALID_RESPONSE' }),
      );
    },
  );

  it('accepts ids that only contain dots among other characters', () => {
    expect(parseUser({ id: '...', userName: 'a@b.c' }).id).toBe('...');
    expect(parseUser({ id: 'a.b', userName: 'a@b.c' }).id).toBe('a.b');
  });
});

describe('parseListPage', () => {
  it('accepts resources in any case and numbers as strings', () => {
    expect(parseListPage({ totalResults: '2', resources: [{}, {}] })).toEqual({
      totalResults: 2,
      startIndex: null,
      resources: [{}, {}],
    });
    expect(parseListPage({ TOTALRESULTS: 0 })).toEqual({ totalResults: 0, startIndex: null, resources: [] });
  });

  it('refuses a total with no Resources and wrong types', () => {
    expect(() => parseListPage({ totalResults: 5 })).toThrow(
      expect.objectContaining({ code: 'SCIM_INVALID_RESPONSE' }),
    );
    expect(() => parseListPage({ totalResults: 'many', Resources: [] })).toThrow(
      expect.objectContaining({ code: 'SCIM_INVALID_RESPONSE' }),
    );
    expect(() => parseListPage({ Resources: {} })).toThrow(expect.objectContaining({ code: 'SCIM_INVALID_RESPONSE' }));
  });
});

describe('parseGroup', () => {
  it('knows when the server left members out', () => {
    expect(parseGroup({ id: 'g', displayName: 'Design' }).membersKnown).toBe(false);
    expect(parseGroup({ id: 'g', displayName: 'Design', members: [{ value: 'u1', display: 'Ana' }] })).toMatchObject({
      membersKnown: true,
      members: [{ id: 'u1', display: 'Ana' }],
    });
  });
});
