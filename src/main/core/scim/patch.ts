import { PATCH_SCHEMA } from './resources';

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

export function patchBody(operations: PatchOperation[]): { schemas: string[]; Operations: PatchOperation[] } {
  return { schemas: [PATCH_SCHEMA], Operations: operations };
}

/** `active` as a JSON boolean; the no-path form is the fallback for servers that reject the path. */
export function setActiveOps(active: boolean, pathless: boolean): PatchOperation[] {
  return pathless ? [{ op: 'replace', value: { active } }] : [{ op: 'replace', path: 'active', value: active }];
}

export function setNameOps(name: { givenName: string; familyName: string }): PatchOperation[] {
  return [
    { op: 'replace', path: 'name.givenName', value: name.givenName },
    { op: 'replace', path: 'name.familyName', value: name.familyName },
  ];
}

export function addMembersOps(memberIds: string[]): PatchOperation[] {
  return [{ op: 'add', path: 'members', value: memberIds.map((value) => ({ value })) }];
}

/** Removes one member by path filter; never the legacy form that sends a member list as the value. */
export function removeMemberOps(memberId: string): PatchOperation[] {
  return [{ op: 'remove', path: `members[value eq ${JSON.stringify(memberId)}]` }];
}

export function renameGroupOps(displayName: string): PatchOperation[] {
  return [{ op: 'replace', path: 'displayName', value: displayName }];
}
