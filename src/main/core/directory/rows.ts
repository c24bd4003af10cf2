import type { GroupRow, MemberRow } from '../../../shared/domain/directory';
import type { Group, Member } from '../../../shared/domain/scim';

export function toMemberRow(member: Member, extraGroupIds: Iterable<string> = []): MemberRow {
  const groupIds = new Set(member.groups.map((g) => g.id));
  for (const id of extraGroupIds) groupIds.add(id);
  return {
    id: member.id,
    userName: member.userName,
    givenName: member.givenName,
    familyName: member.familyName,
    displayName: member.displayName,
    email: member.email && member.email.toLowerCase() !== member.userName.toLowerCase() ? member.email : null,
    active: member.active,
    roles: member.roles,
    groupIds: [...groupIds],
    lastModified: member.lastModified,
  };
}

/** A curl command for a GET; the token is never in it, only the variable that holds it. */
export function curlFor(url: string): string {
  const quoted = `'${url.replace(/'/g, `'\\''`)}'`;
  return `curl -sS -H "Authorization: Bearer $SCIM_TOKEN" -H 'Accept: application/scim+json' ${quoted}`;
}

export function toGroupRow(group: Group): GroupRow {
  return {
    id: group.id,
    displayName: group.displayName,
    memberIds: group.members.map((m) => m.id),
    membersKnown: group.membersKnown,
    lastModified: group.lastModified,
  };
}

/** The last listing of a tenant, as main keeps it for exports and single actions. */
export interface Snapshot {
  members: Map<string, MemberRow>;
  groups: Map<string, GroupRow>;
}
