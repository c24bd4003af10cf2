import { randomUUID } from 'node:crypto';
import { filter as compileFilter, type Filter } from 'scim2-parse-filter';
import { scimPatch, type ScimPatchOperation } from 'scim-patch';
import { parseScimFilter } from './filter-parse';
import { applyMembershipOps } from './group-patch';
import type { SeedData } from './seed';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** An RFC 7644 §3.12 error the server turns into a response. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: string | null,
    detail: string,
  ) {
    super(detail);
  }
}

type Json = Record<string, unknown>;

interface UserRecord {
  resource: Json & { id: string; userName: string; active: boolean };
  version: number;
  /** What InVision keeps when a member is deactivated: their spaces and documents. */
  data: { spaces: number; documents: number };
}

interface GroupRecord {
  resource: Json & { id: string; displayName: string; members: Array<{ value: string; display?: string }> };
  version: number;
}

export interface StoreOptions {
  now?: () => Date;
  /** Base URL used in meta.location. */
  location?: () => string;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function userNameOf(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 320) {
    throw new SandboxError(400, 'invalidValue', 'userName is required and must be a non-empty string');
  }
  return value;
}

/** The Sandbox's data: users and groups as SCIM resources, with InVision's rules applied. */
export function createStore(options: StoreOptions = {}) {
  const now = options.now ?? (() => new Date());
  const location = options.location ?? (() => '');
  const users = new Map<string, UserRecord>();
  const order: string[] = [];
  const byUserName = new Map<string, string>();
  const groups = new Map<string, GroupRecord>();
  const groupOrder: string[] = [];
  const membership = new Map<string, Set<string>>();
  /** Faults the store itself applies (the server switches them). */
  const behaviour = { caseExactFilter: false, omitUserGroups: false };

  const etag = (version: number) => `W/"${version}"`;

  function checkIfMatch(ifMatch: string | undefined, version: number): void {
    if (ifMatch && ifMatch !== '*' && ifMatch !== etag(version)) {
      throw new SandboxError(412, null, `If-Match ${ifMatch} does not match the current version ${etag(version)}`);
    }
  }

  function touch(meta: Json, version: number, resourceType: string, id: string): void {
    meta.resourceType = resourceType;
    meta.lastModified = now().toISOString();
    meta.version = etag(version);
    meta.location = `${location()}/${resourceType === 'User' ? 'Users' : 'Groups'}/${id}`;
  }

  /** A shallow copy is enough: renders are serialised at once and never mutated. */
  function renderUser(record: UserRecord): Json {
    const out: Json = { ...record.resource };
    if (behaviour.omitUserGroups) return out;
    const memberOf = [...(membership.get(record.resource.id) ?? [])];
    out.groups = memberOf.map((gid) => ({
      value: gid,
      display: groups.get(gid)?.resource.displayName ?? '',
      type: 'direct',
    }));
    return out;
  }

  function renderGroup(record: GroupRecord, withMembers = true): Json {
    const out = clone(record.resource) as Json;
    if (!withMembers) delete out.members;
    return out;
  }

  function requireUser(id: string): UserRecord {
    const record = users.get(id);
    if (!record) throw new SandboxError(404, null, `User ${id} not found`);
    return record;
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

  function parseFilterOrThrow(text: string): Filter {
    try {
      return parseScimFilter(text);
    } catch (error) {
      throw new SandboxError(
        400,
        'invalidFilter',
        `Invalid filter: ${error instanceof Error ? error.message : 'unparseable'}`,
      );
    }
  }

  /**
   * Ids of the users a filter matches, in creation order, without rendering them all: a page
   * renders only its own slice. `userName eq "x"` is answered from a case-insensitive index.
   */
  function filterUserIds(text: string | null): readonly string[] {
    if (!text) return order;
    const ast = parseFilterOrThrow(text);
    if (
      ast.op === 'eq' &&
      'attrPath' in ast &&
      ast.attrPath.toLowerCase() === 'username' &&
      typeof ast.compValue === 'string'
    ) {
      const id = byUserName.get(ast.compValue.toLowerCase());
      if (id && behaviour.caseExactFilter && users.get(id)!.resource.userName !== ast.compValue) return [];
      return id ? [id] : [];
    }
    const ids = idsOf(ast);
    if (ids)
      return order.length > ids.length * 8 ? ids.filter((id) => users.has(id)) : order.filter((id) => ids.includes(id));
    const test = compileFilter(ast);
    return order.filter((id) => test(renderUser(users.get(id)!)));
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

  function insertUser(input: {
    userName: string;
    givenName?: string;
    familyName?: string;
    active?: boolean;
    role?: string;
    created?: string;
    email?: string;
    displayName?: string;
  }): UserRecord {
    const key = input.userName.toLowerCase();
    if (byUserName.has(key)) throw new SandboxError(409, 'uniqueness', `userName ${input.userName} is already taken`);
    const id = randomUUID();
    const created = input.created ?? now().toISOString();
    const resource: UserRecord['resource'] = {
      schemas: [USER_SCHEMA],
      id,
      userName: input.userName,
      name: { givenName: input.givenName ?? '', familyName: input.familyName ?? '' },
      displayName: input.displayName ?? [input.givenName, input.familyName].filter(Boolean).join(' '),
      emails: [{ value: input.email ?? input.userName, type: 'work', primary: true }],
      active: input.active ?? true,
      // InVision: everyone provisioned through SCIM starts as a member.
      roles: [{ value: input.role ?? 'member', primary: true }],
      meta: { created },
    };
    const record: UserRecord = { resource, version: 1, data: { spaces: 0, documents: 0 } };
    touch(resource.meta as Json, 1, 'User', id);
    (resource.meta as Json).lastModified = created;
    users.set(id, record);
    order.push(id);
    byUserName.set(key, id);
    return record;
  }

  function applyUserChange(record: UserRecord, next: Json): Json {
    const before = record.resource;
    const userName = userNameOf(next.userName);
    if (userName.toLowerCase() !== before.userName.toLowerCase()) {
      if (byUserName.has(userName.toLowerCase()))
        throw new SandboxError(409, 'uniqueness', `userName ${userName} is already taken`);
      byUserName.delete(before.userName.toLowerCase());
      byUserName.set(userName.toLowerCase(), before.id);
    }
    if (next.active !== undefined && typeof next.active !== 'boolean') {
      throw new SandboxError(400, 'invalidValue', 'active must be a JSON boolean');
    }
    const active = next.active;
    const updated = {
      ...next,
      id: before.id,
      userName,
      active: active ?? false,
      schemas: [USER_SCHEMA],
      meta: before.meta,
    } as UserRecord['resource'];
    delete (updated as Json).groups;
    if (!before.active && updated.active) {
      // InVision: a reactivated member comes back as a member; any higher role is lost.
      updated.roles = [{ value: 'member', primary: true }];
    }
    record.resource = updated;
    record.version += 1;
    touch(updated.meta as Json, record.version, 'User', before.id);
    return renderUser(record);
  }

  const READ_ONLY_PATHS = /^(id|meta|groups|schemas)(\.|\[|$)/i;

  return {
    seed(data: SeedData): void {
      const ids = data.users.map(
        (u) =>
          insertUser({
            userName: u.userName,
            givenName: u.givenName,
            familyName: u.familyName,
            active: u.active,
            role: u.role,
            created: u.createdAt,
          }).resource.id,
      );
      for (const u of ids) {
        const record = users.get(u)!;
        record.data = { spaces: 1 + (u.charCodeAt(0) % 7), documents: 3 + (u.charCodeAt(1) % 40) };
      }
      for (const g of data.groups) {
        const record = this.createGroup({
          displayName: g.displayName,
          members: g.memberIndexes.map((i) => ({ value: ids[i]! })),
        });
        void record;
      }
    },
    counts: () => ({ users: users.size, groups: groups.size }),
    /** One page of the users a filter matches, and how many match in all. */
    pageUsers(filterText: string | null, startIndex: number, count: number): { total: number; page: Json[] } {
      const ids = filterUserIds(filterText);
      return {
        total: ids.length,
        page: ids.slice(startIndex - 1, startIndex - 1 + count).map((id) => renderUser(users.get(id)!)),
      };
    },
    listUsers: (filterText: string | null) => filterUserIds(filterText).map((id) => renderUser(users.get(id)!)),
    listGroups: (filterText: string | null, withMembers: boolean) => filterGroups(filterText, withMembers),
    getUser: (id: string) => renderUser(requireUser(id)),
    userVersion: (id: string) => etag(requireUser(id).version),
    userData: (id: string) => ({ ...requireUser(id).data }),
    roleOf: (id: string) =>
      (requireUser(id).resource.roles as Array<{ value: string }> | undefined)?.[0]?.value ?? null,
    getGroup: (id: string) => renderGroup(requireGroup(id)),
    groupVersion: (id: string) => etag(requireGroup(id).version),

    createUser(body: Json): Json {
      const userName = userNameOf(body.userName);
      const name = (body.name ?? {}) as Json;
      if (body.active !== undefined && typeof body.active !== 'boolean')
        throw new SandboxError(400, 'invalidValue', 'active must be a JSON boolean');
      const emails = Array.isArray(body.emails) ? (body.emails as Json[]) : [];
      const email = emails.find((e) => e.type === 'work')?.value ?? emails[0]?.value;
      const record = insertUser({
        userName,
        givenName: typeof name.givenName === 'string' ? name.givenName : '',
        familyName: typeof name.familyName === 'string' ? name.familyName : '',
        active: body.active ?? true,
        ...(typeof email === 'string' ? { email } : {}),
        ...(typeof body.displayName === 'string' ? { displayName: body.displayName } : {}),
      });
      return renderUser(record);
    },

    replaceUser(id: string, body: Json, ifMatch?: string): Json {
      const record = requireUser(id);
      checkIfMatch(ifMatch, record.version);
      // PUT replaces: anything omitted is cleared, `active` included (RFC 7644 §3.5.1).
      return applyUserChange(record, clone(body));
    },

    patchUser(id: string, operations: unknown, ifMatch?: string): Json {
      const record = requireUser(id);
      checkIfMatch(ifMatch, record.version);
      const ops = validateOps(operations);
      for (const op of ops) {
        if (op.path && READ_ONLY_PATHS.test(op.path))
          throw new SandboxError(400, 'mutability', `${op.path} is read-only`);
      }
      const next = patchOrThrow(clone(record.resource), ops);
      return applyUserChange(record, { ...next, active: next.active });
    },

    deleteUser(id: string): void {
      const record = requireUser(id);
      users.delete(id);
      order.splice(order.indexOf(id), 1);
      byUserName.delete(record.resource.userName.toLowerCase());
      for (const gid of membership.get(id) ?? []) {
        const group = groups.get(gid);
        if (group) group.resource.members = group.resource.members.filter((m) => m.value !== id);
      }
      membership.delete(id);
    },

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

    /** Switches the faults the store applies itself. */
    configure(next: Partial<typeof behaviour>): void {
      Object.assign(behaviour, next);
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
}

/** The ids of `id eq "a" or id eq "b" …` (how a client reads a batch of members back), or null. */
function idsOf(ast: Filter): string[] | null {
  if (ast.op === 'or') {
    const all: string[] = [];
    for (const inner of (ast as { filters: Filter[] }).filters) {
      const ids = idsOf(inner);
      if (!ids) return null;
      all.push(...ids);
    }
    return [...new Set(all)];
  }
  if (ast.op === 'eq' && 'attrPath' in ast && ast.attrPath.toLowerCase() === 'id' && typeof ast.compValue === 'string')
    return [ast.compValue];
  return null;
}

function validateOps(body: unknown): ScimPatchOperation[] {
  const b = body as Json | null;
  const schemas = b && Array.isArray(b.schemas) ? (b.schemas as unknown[]) : [];
  const ops = b ? (b.Operations ?? b.operations) : undefined;
  if (!schemas.includes('urn:ietf:params:scim:api:messages:2.0:PatchOp') || !Array.isArray(ops) || ops.length === 0) {
    throw new SandboxError(400, 'invalidSyntax', 'A PatchOp message with at least one operation is required');
  }
  return (ops as Json[]).map((op) => {
    const kind = typeof op.op === 'string' ? op.op.toLowerCase() : '';
    if (kind !== 'add' && kind !== 'replace' && kind !== 'remove')
      throw new SandboxError(400, 'invalidSyntax', `Unknown op ${String(op.op)}`);
    if (op.path !== undefined && typeof op.path !== 'string')
      throw new SandboxError(400, 'invalidPath', 'path must be a string');
    return { ...op, op: kind } as ScimPatchOperation;
  });
}

function patchOrThrow<T extends Record<string, unknown>>(resource: T, ops: ScimPatchOperation[]): T {
  try {
    return scimPatch(resource as never, ops, { mutateDocument: false, treatMissingAsAdd: true });
  } catch (error) {
    const scimType = (error as { scimCode?: string }).scimCode ?? 'invalidPath';
    throw new SandboxError(400, scimType, error instanceof Error ? error.message : 'invalid patch');
  }
}

export type SandboxStore = ReturnType<typeof createStore>;
