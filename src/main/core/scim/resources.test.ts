import { describe, expect, it } from 'vitest';
import { parseGroup, parseListPage, parseUser } from './resources';

describe('parseUser', () => {
  it('reads attributes case-insensitively and picks the work email', () => {
    const member = parseUser(
      {
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
      },
      null,
    );
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
    expect(parseUser({ id: 42, userName: 'a@b.c' }, null)).toMatchObject({ id: '42', active: true });
  });

  it('refuses a user without an id or userName', () => {
    expect(() => parseUser({ userName: 'a@b.c' }, null)).toThrow(
      expect.objectContaining({ code: 'SCIM_INVALID_RESPONSE' }),
    );
    expect(() => parseUser({ id: 'x', userName: 7 }, null)).toThrow(
      expect.objectContaining({ code: 'SCIM_INVALID_RESPONSE' }),
    );
  });

  it('scrubs the token from the raw copy', () => {
    const member = parseUser(
      { id: 'u', userName: 'a@b.c', note: 'echo Bearer canary-token-9f8e' },
      'canary-token-9f8e',
    );
    expect(JSON.stringify(member.raw)).not.toContain('canary-token-9f8e');
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
    expect(parseGroup({ id: 'g', displayName: 'Design' }, null).membersKnown).toBe(false);
    expect(
      parseGroup({ id: 'g', displayName: 'Design', members: [{ value: 'u1', display: 'Ana' }] }, null),
    ).toMatchObject({
      membersKnown: true,
      members: [{ id: 'u1', display: 'Ana' }],
    });
  });
});
