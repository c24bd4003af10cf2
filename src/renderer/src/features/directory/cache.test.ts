import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Directory } from '../../../../shared/domain/directory';
import { edit, optimistic } from './cache';
import { members } from './testing/members';

describe('optimistic cache edits', () => {
  const key = ['directory', 't1'];
  const dir: Directory = {
    members,
    groups: [{ id: 'g1', displayName: 'Design', memberIds: ['a1', 'c3'], membersKnown: true, lastModified: null }],
    truncated: false,
    skipped: 0,
    notice: null,
    announcedMembers: null,
    loadedAt: '2026-11-23T00:00:00.000Z',
  };

  it('applies at once and rolls back exactly when the server refuses', () => {
    const client = new QueryClient();
    client.setQueryData(key, dir);
    const rollback = optimistic(client, key, (d) => edit.member(d, 'a1', (m) => ({ ...m, active: false })));
    expect(client.getQueryData<Directory>(key)!.members[0]!.active).toBe(false);
    expect(dir.members[0]!.active).toBe(true);
    rollback();
    expect(client.getQueryData<Directory>(key)).toEqual(dir);
  });

  it('does not undo a later change when rolling back an earlier one: it refetches instead', async () => {
    const client = new QueryClient();
    let fetched = 0;
    client.setQueryData(key, dir);
    // A query observer-free cache entry refetches through its queryFn when invalidated with one set.
    client.setQueryDefaults(key, {
      queryFn: () => {
        fetched += 1;
        return dir;
      },
    });
    await client.prefetchQuery({ queryKey: key });
    const rollbackFirst = optimistic(client, key, (d) => edit.removeMember(d, 'b2'));
    optimistic(client, key, (d) => edit.member(d, 'a1', (m) => ({ ...m, active: false })));
    rollbackFirst();
    const now = client.getQueryData<Directory>(key)!;
    expect(now.members.find((m) => m.id === 'a1')!.active).toBe(false);
    expect(now.members.some((m) => m.id === 'b2')).toBe(false);
    await client.refetchQueries({ queryKey: key, type: 'all' });
    expect(fetched).toBeGreaterThanOrEqual(1);
  });

  it('keeps groups and members consistent when a group changes or goes', () => {
    const grown = edit.putGroup(dir, { ...dir.groups[0]!, memberIds: ['a1', 'b2'] });
    expect(grown.members.find((m) => m.id === 'b2')!.groupIds).toEqual(['g1']);
    expect(grown.members.find((m) => m.id === 'c3')!.groupIds).toEqual(['g2']);
    const gone = edit.removeGroup(grown, 'g1');
    expect(gone.members.every((m) => !m.groupIds.includes('g1'))).toBe(true);
    const removed = edit.removeMember(dir, 'a1');
    expect(removed.groups[0]!.memberIds).toEqual(['c3']);
  });
});
