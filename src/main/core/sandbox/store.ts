import { randomUUID } from 'node:crypto';
import { filter as compileFilter } from 'scim2-parse-filter';
import {
  clone,
  idsOf,
  parseFilterOrThrow,
  patchOrThrow,
  SandboxError,
  userNameOf,
  USER_SCHEMA,
  validateOps,
  type Json,
  type UserRecord,
} from './rules';
import { createGroupTable } from './groups';
import type { SeedData } from './seed';

export interface StoreOptions {
  now?: () => Date;
  /** Base URL used in meta.location. */
  location?: () => string;
}

/** The Sandbox's data: users and groups as SCIM resources, with InVision's rules applied. */
export function createStore(options: StoreOptions = {}) {
  const now = options.now ?? (() => new Date());
  const location = options.location ?? (() => '');
  const users = new Map<string, UserRecord>();
  const order: string[] = [];
  const byUserName = new Map<string, string>();
  const membership = new Map<string, Set<string>>();
  /** Faults the store itself applies (the server switches them). */
  const behaviour = { caseExactFilter: false, omitUserGroups: false };

  const etag = (version: number) => `W/"${version}"`;
  const groupTable = createGroupTable({ users, membership, now, touch, checkIfMatch });

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
      display: groupTable.displayNameOf(gid),
      type: 'direct',
    }));
    return out;
  }

  function requireUser(id: string): UserRecord {
    const record = users.get(id);
    if (!record) throw new SandboxError(404, null, `User ${id} not found`);
    return record;
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
        const record = groupTable.createGroup({
          displayName: g.displayName,
          members: g.memberIndexes.map((i) => ({ value: ids[i]! })),
        });
        void record;
      }
    },
    counts: () => ({ users: users.size, groups: groupTable.size() }),
    /** One page of the users a filter matches, and how many match in all. */
    pageUsers(filterText: string | null, startIndex: number, count: number): { total: number; page: Json[] } {
      const ids = filterUserIds(filterText);
      return {
        total: ids.length,
        page: ids.slice(startIndex - 1, startIndex - 1 + count).map((id) => renderUser(users.get(id)!)),
      };
    },
    listUsers: (filterText: string | null) => filterUserIds(filterText).map((id) => renderUser(users.get(id)!)),
    getUser: (id: string) => renderUser(requireUser(id)),
    userVersion: (id: string) => etag(requireUser(id).version),
    userData: (id: string) => ({ ...requireUser(id).data }),
    roleOf: (id: string) =>
      (requireUser(id).resource.roles as Array<{ value: string }> | undefined)?.[0]?.value ?? null,

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
      groupTable.dropMember(id);
    },

    /** Switches the faults the store applies itself. */
    configure(next: Partial<typeof behaviour>): void {
      Object.assign(behaviour, next);
    },

    ...groupTable,
    groupVersion: (id: string) => etag(groupTable.version(id)),
  };
}

export type SandboxStore = ReturnType<typeof createStore>;
