import { randomUUID } from 'node:crypto';
import { filter as compileFilter } from 'scim2-parse-filter';
import { applyMembershipOps } from './group-patch';
import {
  clone,
  GROUP_SCHEMA,
  parseFilterOrThrow,
  patchOrThrow,
  SandboxError,
  validateOps,
  type GroupRecord,
  type Json,
  type UserRecord,
} from './rules';

/** What the group table shares with the store: its users, the reverse membership index, and the meta helpers. */
export interface GroupTableContext {
  users: Map<string, UserRecord>;
  /** user id -> the ids of the groups that list them. */
  membership: Map<string, Set<string>>;
  now: () => Date;
  touch: (meta: Json, version: number, resourceType: string, id: string) => void;
  checkIfMatch: (ifMatch: string | undefined, version: number) => void;
}

/** The Sandbox's groups: created, read, listed with filters, patched (also as read-modify-write), deleted. */
export function createGroupTable(ctx: GroupTableContext) {
  const { users, membership, now, touch, checkIfMatch } = ctx;
  const groups = new Map<string, GroupRecord>();
  const groupOrder: string[] = [];

  function renderGroup(record: GroupRecord, withMembers = true): Json {
    const out = clone(record.resource) as Json;
    if (!withMembers) delete out.members;
    return out;
  }

  function requireGroup(id: string): GroupRecord {
    const record = groups.get(id);
    if (!record) throw new SandboxError(404, null, `Group ${id} not found`);
    return record;
  }

  function indexMembers(groupId: string, before: string[], after: string[]): void {
    for (const id of before) membership.get(id)?.delete(groupId);
    for (const id of after) {
      const set = membership.get(id) ?? new Set<string>();
      set.add(groupId);
      membership.set(id, set);
    }
  }

  function filterGroups(text: string | null, withMembers: boolean): Json[] {
    const all = groupOrder.map((id) => renderGroup(groups.get(id)!, withMembers));
    if (!text) return all;
    const ast = parseFilterOrThrow(text);
    if (
      ast.op === 'eq' &&
      'attrPath' in ast &&
      ast.attrPath.toLowerCase() === 'displayname' &&
      typeof ast.compValue === 'string'
    ) {
      const wanted = ast.compValue.toLowerCase();
      return all.filter((g) => String(g.displayName).toLowerCase() === wanted);
    }
    const test = compileFilter(ast);
    return all.filter((g) => test(g));
  }

  function normaliseMembers(value: unknown): Array<{ value: string; display: string }> {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new SandboxError(400, 'invalidValue', 'members must be an array');
    const seen = new Set<string>();
    const out: Array<{ value: string; display: string }> = [];
    for (const entry of value as unknown[]) {
      const id = entry !== null && typeof entry === 'object' ? (entry as Json).value : undefined;
      if (typeof id !== 'string') throw new SandboxError(400, 'invalidValue', 'each member needs a string value');
      const user = users.get(id);
      if (!user) throw new SandboxError(400, 'invalidValue', `No user with id ${id}`);
      if (seen.has(id)) continue;
      seen.add(id);
      const display = user.resource.displayName;
      out.push({
        value: id,
        display: typeof display === 'string' && display !== '' ? display : user.resource.userName,
      });
    }
    return out;
  }

  return {
    size: () => groups.size,
    displayNameOf: (id: string) => groups.get(id)?.resource.displayName ?? '',
    /** Takes a deleted user out of every group that lists them. */
    dropMember(userId: string): void {
      for (const gid of membership.get(userId) ?? []) {
        const group = groups.get(gid);
        if (group) group.resource.members = group.resource.members.filter((m) => m.value !== userId);
      }
      membership.delete(userId);
    },
    version: (id: string) => requireGroup(id).version,
    listGroups: (filterText: string | null, withMembers: boolean) => filterGroups(filterText, withMembers),
    getGroup: (id: string) => renderGroup(requireGroup(id)),
    createGroup(body: Json): Json {
      const displayName = body.displayName;
      if (typeof displayName !== 'string' || displayName.trim() === '')
        throw new SandboxError(400, 'invalidValue', 'displayName is required');
      if ([...groups.values()].some((g) => g.resource.displayName.toLowerCase() === displayName.toLowerCase())) {
        throw new SandboxError(409, 'uniqueness', `A group named ${displayName} exists`);
      }
      const id = randomUUID();
      const members = normaliseMembers(body.members);
      const resource: GroupRecord['resource'] = {
        schemas: [GROUP_SCHEMA],
        id,
        displayName,
        members,
        meta: { created: now().toISOString() },
      };
      const record: GroupRecord = { resource, version: 1 };
      touch(resource.meta as Json, 1, 'Group', id);
      groups.set(id, record);
      groupOrder.push(id);
      indexMembers(
        id,
        [],
        members.map((m) => m.value),
      );
      return renderGroup(record);
    },

    /** The group as stored now, for a server that applies a PATCH to a copy read earlier. */
    groupSnapshot(id: string): GroupRecord['resource'] {
      return clone(requireGroup(id).resource);
    },

    /** Applies a PATCH to the group, or to `base` (a copy read earlier) as a read-modify-write server would. */
    patchGroup(id: string, operations: unknown, ifMatch?: string, base?: GroupRecord['resource']): Json {
      const record = requireGroup(id);
      checkIfMatch(ifMatch, record.version);
      const ops = validateOps(operations);
      for (const op of ops) {
        if (op.path && /^(id|meta|schemas)(\.|$)/i.test(op.path))
          throw new SandboxError(400, 'mutability', `${op.path} is read-only`);
      }
      const from = base ?? record.resource;
      const ids = applyMembershipOps(
        from.members.map((m) => m.value),
        operations,
      );
      const next = ids
        ? { displayName: from.displayName, members: ids.map((value) => ({ value })) }
        : patchOrThrow(clone(from) as Json, ops);
      const displayName = next.displayName;
      if (typeof displayName !== 'string' || displayName.trim() === '')
        throw new SandboxError(400, 'invalidValue', 'displayName must be a non-empty string');
      const before = record.resource.members.map((m) => m.value);
      const members = normaliseMembers(next.members);
      record.resource = { ...record.resource, displayName, members };
      record.version += 1;
      touch(record.resource.meta as Json, record.version, 'Group', id);
      indexMembers(
        id,
        before,
        members.map((m) => m.value),
      );
      return renderGroup(record);
    },

    deleteGroup(id: string): void {
      const record = requireGroup(id);
      indexMembers(
        id,
        record.resource.members.map((m) => m.value),
        [],
      );
      groups.delete(id);
      groupOrder.splice(groupOrder.indexOf(id), 1);
    },
  };
}
