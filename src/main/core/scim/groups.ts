import type { Group } from '../../../shared/domain/scim';
import { ScimError } from './errors';
import { eqFilter } from './filter';
import { groupPath, silentNoOp, type ClientCore } from './client-core';
import type { ListOptions, ListResult, createLister } from './listing';
import { addMembersOps, removeMemberOps, renameGroupOps } from './patch';
import { GROUP_SCHEMA, parseGroup, parseListPage } from './resources';

/** Groups: read, found by name, listed, created, renamed, members added and removed, deleted. */
export function createGroups(core: ClientCore, listAll: ReturnType<typeof createLister>) {
  const { transport, verify, patch } = core;

  async function getGroup(id: string, signal?: AbortSignal): Promise<Group> {
    const response = await transport.request({ method: 'GET', path: groupPath(id), ...(signal ? { signal } : {}) });
    return parseGroup(response.body);
  }

  async function readGroupOrNull(id: string): Promise<Group | null> {
    try {
      return await getGroup(id);
    } catch (error) {
      if (error instanceof ScimError && error.code === 'SCIM_NOT_FOUND') return null;
      throw error;
    }
  }

  async function findGroupByName(displayName: string): Promise<Group | null> {
    const response = await transport.request({
      method: 'GET',
      path: '/Groups',
      query: { filter: eqFilter('displayName', displayName), startIndex: 1, count: 2 },
    });
    const groups = parseListPage(response.body).resources.map((r) => parseGroup(r));
    const matches = groups.filter((g) => g.displayName.toLowerCase() === displayName.toLowerCase());
    return matches.length === 1 ? (matches[0] ?? null) : null;
  }

  async function listGroups(opts: ListOptions<Group> = {}): Promise<ListResult<Group>> {
    const { quirks: _quirks, ...result } = await listAll('/Groups', (r) => parseGroup(r, false), {
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
    return result;
  }

  async function createGroup(displayName: string): Promise<Group> {
    let created: Group;
    try {
      const response = await transport.request({
        method: 'POST',
        path: '/Groups',
        body: { schemas: [GROUP_SCHEMA], displayName, members: [] },
        retry: false,
      });
      created = parseGroup(response.body);
    } catch (error) {
      if (error instanceof ScimError && error.code === 'SCIM_CONFLICT') {
        const existing = await findGroupByName(displayName);
        if (existing) return existing;
      }
      throw error;
    }
    return (await verify(
      () => readGroupOrNull(created.id),
      (g) => g !== null,
      () => silentNoOp('Creating the group'),
    ))!;
  }

  async function renameGroup(id: string, displayName: string): Promise<Group> {
    await patch(groupPath(id), renameGroupOps(displayName));
    return verify(
      () => getGroup(id),
      (g) => g.displayName === displayName,
      () => silentNoOp('Renaming the group'),
    );
  }

  async function addMembers(groupId: string, memberIds: string[], signal?: AbortSignal): Promise<Group> {
    if (memberIds.length === 0) return getGroup(groupId, signal);
    await patch(groupPath(groupId), addMembersOps(memberIds), signal);
    return verify(
      () => getGroup(groupId, signal),
      (g) => memberIds.every((id) => g.members.some((m) => m.id === id)),
      () => silentNoOp('Adding members to the group'),
    );
  }

  async function removeMember(groupId: string, memberId: string, signal?: AbortSignal): Promise<Group> {
    await patch(groupPath(groupId), removeMemberOps(memberId), signal);
    return verify(
      () => getGroup(groupId, signal),
      (g) => !g.members.some((m) => m.id === memberId),
      () => silentNoOp('Removing the member from the group'),
    );
  }

  async function deleteGroup(id: string): Promise<void> {
    try {
      await transport.request({ method: 'DELETE', path: groupPath(id) });
    } catch (error) {
      if (error instanceof ScimError && error.code === 'SCIM_NOT_FOUND') return;
      throw error;
    }
    await verify(
      () => readGroupOrNull(id),
      (g) => g === null,
      () => silentNoOp('Deleting the group'),
    );
  }

  return {
    getGroup,
    findGroupByName,
    listGroups,
    createGroup,
    renameGroup,
    addMembers,
    removeMember,
    deleteGroup,
  };
}
