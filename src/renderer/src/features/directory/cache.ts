import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { Directory, GroupRow, MemberRow } from '../../../../shared/domain/directory';

/** Pure edits of a cached listing; each returns a new Directory and leaves the old one intact. */
export const edit = {
  member(dir: Directory, id: string, change: (m: MemberRow) => MemberRow): Directory {
    const index = dir.members.findIndex((m) => m.id === id);
    if (index === -1) return dir;
    const members = dir.members.slice();
    members[index] = change(members[index]!);
    return { ...dir, members };
  },
  /** Inserts or replaces a member (after provisioning, or a read-back). */
  putMember(dir: Directory, row: MemberRow): Directory {
    const index = dir.members.findIndex((m) => m.id === row.id);
    const members = dir.members.slice();
    if (index === -1) members.unshift(row);
    else members[index] = row;
    return { ...dir, members };
  },
  removeMember(dir: Directory, id: string): Directory {
    return {
      ...dir,
      members: dir.members.filter((m) => m.id !== id),
      groups: dir.groups.map((g) =>
        g.memberIds.includes(id) ? { ...g, memberIds: g.memberIds.filter((x) => x !== id) } : g,
      ),
    };
  },
  /** Inserts or replaces a group and brings every member's groupIds in line with it. */
  putGroup(dir: Directory, group: GroupRow): Directory {
    const index = dir.groups.findIndex((g) => g.id === group.id);
    const groups = dir.groups.slice();
    if (index === -1) groups.push(group);
    else groups[index] = group;
    if (!group.membersKnown) return { ...dir, groups };
    const inGroup = new Set(group.memberIds);
    const members = dir.members.map((m) => {
      const has = m.groupIds.includes(group.id);
      if (inGroup.has(m.id) && !has) return { ...m, groupIds: [...m.groupIds, group.id] };
      if (!inGroup.has(m.id) && has) return { ...m, groupIds: m.groupIds.filter((g) => g !== group.id) };
      return m;
    });
    return { ...dir, groups, members };
  },
  removeGroup(dir: Directory, id: string): Directory {
    return {
      ...dir,
      groups: dir.groups.filter((g) => g.id !== id),
      members: dir.members.map((m) =>
        m.groupIds.includes(id) ? { ...m, groupIds: m.groupIds.filter((g) => g !== id) } : m,
      ),
    };
  },
};

/**
 * Applies an optimistic change to a cached listing now; returns the rollback for when the server
 * refuses. The rollback restores the listing as it was when nothing else changed it since; if
 * another change landed in between, restoring would undo that one too, so it refetches instead.
 */
export function optimistic(client: QueryClient, key: QueryKey, change: (dir: Directory) => Directory): () => void {
  const before = client.getQueryData<Directory>(key);
  if (!before) return () => undefined;
  client.setQueryData<Directory>(key, change(before));
  // Structural sharing may store a different object than the one given: compare with what is stored.
  const after = client.getQueryData<Directory>(key);
  return () => {
    if (client.getQueryData<Directory>(key) === after) client.setQueryData<Directory>(key, before);
    else void client.invalidateQueries({ queryKey: key });
  };
}
