import {
  emptyCapabilityProfile,
  type CapabilityProfile,
  type ConnectionReport,
  type Group,
  type Member,
} from '../../../shared/domain/scim';
import { ScimError } from './errors';
import { eqFilter, sameUserName } from './filter';
import { listAllPages, type ListingCut, type Quirks } from './pagination';
import {
  addMembersOps,
  patchBody,
  removeMemberOps,
  renameGroupOps,
  setActiveOps,
  setNameOps,
  type PatchOperation,
} from './patch';
import { GROUP_SCHEMA, parseGroup, parseListPage, parseUser, unusableIdReason, USER_SCHEMA } from './resources';
import { sleep } from './retry';
import type { Transport } from './transport';
import { runConnectionTest } from './connection-test';
import { createGroupLocks, type GroupLocks } from './group-locks';
import { createMembershipWriter, type MembershipChange } from './membership';

/** Records each write: the intent before the request, the outcome after (see audit/service.ts). */
export interface ScimAuditHook {
  begin(
    action: string,
    context: { target: string | null; request: unknown },
  ): Promise<{
    finish(result: {
      outcome: 'success' | 'failure';
      httpStatus?: number | null;
      errorCode?: string | null;
      durationMs?: number | null;
      detail?: unknown;
    }): void;
  }>;
}

export interface ScimClientOptions {
  /** When set, no write starts unless its intent was recorded first. */
  audit?: ScimAuditHook;
  transport: Transport;
  readOnly: boolean;
  capabilities?: CapabilityProfile;
  onCapabilitiesChanged?: (profile: CapabilityProfile) => void;
  pageSize?: number;
  concurrency?: number;
  maxPages?: number;
  /** Most resources one listing keeps (default 1,000,000). */
  maxItems?: number;
  /** Read-back attempts after a write before it is called a silent no-op (eventual consistency). */
  verifyAttempts?: number;
  verifyDelayMs?: number;
  /** One membership write at a time per group: shared by all of a tenant's clients. */
  groupLocks?: GroupLocks;
}

export interface ListOptions<T = unknown> {
  signal?: AbortSignal;
  onProgress?: (loaded: number, total: number | null) => void;
  onItems?: (items: T[]) => void;
}

export interface ListResult<T> {
  items: T[];
  truncated: boolean;
  /** Which cap stopped the listing, when truncated. */
  cut: ListingCut | null;
  /** Resources left out because the server sent them broken (an unusable id, a wrong type). */
  skipped: number;
  /** The first skipped resource's problem, for the notice. */
  skippedExample: string | null;
}

export type CreateOutcome = 'created' | 'existing';

export interface CreateOptions {
  /** False when the caller has already looked for the member (the import's plan did). */
  checkExisting?: boolean;
  /** The id of a member the console's listing has under this userName, ignoring case. */
  listedId?: string | null;
  signal?: AbortSignal;
}

interface Tally {
  skipped: number;
  example: string | null;
  /** What was skipped already, so a page fetched twice is not counted twice. */
  seen: Set<string>;
}

export interface NewMember {
  userName: string;
  givenName: string;
  familyName: string;
}

/**
 * An id as one URL path segment. An id no request may carry (`.` or `..`, which URL parsers
 * resolve as path steps even percent-encoded; broken text) is a typed error, never sent.
 */
export function pathSegment(id: string): string {
  const reason = unusableIdReason(id);
  if (reason) {
    throw new ScimError('SCIM_INVALID_RESPONSE', {
      message: `No request was sent: ${reason}. Refresh the list; if it persists, the server sent a broken id.`,
    });
  }
  return encodeURIComponent(id);
}

const userPath = (id: string) => `/Users/${pathSegment(id)}`;
const groupPath = (id: string) => `/Groups/${pathSegment(id)}`;

function silentNoOp(what: string, extra = ''): ScimError {
  return new ScimError('SCIM_SILENT_NO_OP', {
    detail: `${what} answered 2xx, but reading it back shows no change${extra}`,
  });
}

export type ScimClient = ReturnType<typeof createScimClient>;

/** Every SCIM operation the console performs, each write read back, each failure typed. */
export function createScimClient(options: ScimClientOptions) {
  const { transport } = options;
  let profile: CapabilityProfile = structuredClone(options.capabilities ?? emptyCapabilityProfile());
  const verifyAttempts = options.verifyAttempts ?? 3;
  const verifyDelayMs = options.verifyDelayMs ?? 250;
  const maxPages = options.maxPages ?? 20_000;

  function noteQuirks(found: Partial<Quirks>): void {
    let changed = false;
    const quirks = { ...profile.quirks };
    for (const [key, value] of Object.entries(found) as Array<[keyof Quirks, Quirks[keyof Quirks]]>) {
      if (value !== undefined && value !== false && quirks[key] !== value) {
        (quirks as Record<string, unknown>)[key] = value;
        changed = true;
      }
    }
    if (changed) {
      profile = { ...profile, quirks };
      options.onCapabilitiesChanged?.(profile);
    }
  }

  function assertWritable(): void {
    if (options.readOnly) throw new ScimError('READ_ONLY_TENANT');
  }

  /** Runs one write between its audit intent and outcome. */
  async function audited<T>(
    action: string,
    target: string | null,
    request: { method: string; path: string; body?: unknown },
    run: () => Promise<T>,
    describe?: (result: T) => unknown,
  ): Promise<T> {
    assertWritable();
    const intent = options.audit ? await options.audit.begin(action, { target, request }) : null;
    const started = performance.now();
    try {
      const result = await run();
      intent?.finish({
        outcome: 'success',
        durationMs: Math.round(performance.now() - started),
        detail: describe?.(result) ?? null,
      });
      return result;
    } catch (error) {
      intent?.finish({
        outcome: 'failure',
        httpStatus: error instanceof ScimError ? error.status : null,
        errorCode: error instanceof ScimError ? error.code : 'INTERNAL',
        durationMs: Math.round(performance.now() - started),
        detail: { message: error instanceof Error ? error.message : String(error) },
      });
      throw error;
    }
  }

  function pageSize(): number {
    const requested = options.pageSize ?? 100;
    const max = profile.advertised?.filterMaxResults;
    return max && max > 0 ? Math.min(requested, max) : requested;
  }

  /** Reads back until the check passes, a few times, then calls the write a silent no-op. */
  async function verify<T>(read: () => Promise<T>, check: (value: T) => boolean, onFail: () => ScimError): Promise<T> {
    let last: T | undefined;
    for (let attempt = 0; attempt < verifyAttempts; attempt += 1) {
      if (attempt > 0) await sleep(verifyDelayMs);
      last = await read();
      if (check(last)) return last;
    }
    throw onFail();
  }

  async function readUserOrNull(id: string): Promise<Member | null> {
    try {
      return await getUser(id);
    } catch (error) {
      if (error instanceof ScimError && error.code === 'SCIM_NOT_FOUND') return null;
      throw error;
    }
  }

  async function readGroupOrNull(id: string): Promise<Group | null> {
    try {
      return await getGroup(id);
    } catch (error) {
      if (error instanceof ScimError && error.code === 'SCIM_NOT_FOUND') return null;
      throw error;
    }
  }

  async function patch(path: string, operations: PatchOperation[], signal?: AbortSignal): Promise<void> {
    const response = await transport.request({
      method: 'PATCH',
      path,
      body: patchBody(operations),
      ...(signal ? { signal } : {}),
    });
    if (response.status === 204) noteQuirks({ patch204: true });
  }

  async function getUser(id: string, signal?: AbortSignal): Promise<Member> {
    const response = await transport.request({ method: 'GET', path: userPath(id), ...(signal ? { signal } : {}) });
    return parseUser(response.body);
  }

  async function getGroup(id: string, signal?: AbortSignal): Promise<Group> {
    const response = await transport.request({ method: 'GET', path: groupPath(id), ...(signal ? { signal } : {}) });
    return parseGroup(response.body);
  }

  /**
   * Finds a user by userName with a filter, then re-checks every match locally: several matches,
   * or a result the filter should have excluded, is an error, never a match.
   */
  async function findUserByUserName(userName: string, signal?: AbortSignal): Promise<Member | null> {
    const response = await transport.request({
      method: 'GET',
      path: '/Users',
      query: { filter: eqFilter('userName', userName), startIndex: 1, count: 2 },
      ...(signal ? { signal } : {}),
    });
    const page = parseListPage(response.body);
    const users = page.resources.map((r) => parseUser(r));
    const matches = users.filter((u) => sameUserName(u.userName, userName));
    if (matches.length !== users.length) {
      throw new ScimError('SCIM_INVALID_RESPONSE', {
        message:
          'The SCIM server ignored the userName filter, so the console cannot look members up safely on this tenant.',
        detail: `filter for one userName returned ${users.length} other user(s)`,
      });
    }
    if (matches.length > 1) {
      throw new ScimError('SCIM_CONFLICT', {
        message: `Several members have the userName ${userName} (differing only in case). Resolve the duplicate in InVision first.`,
      });
    }
    return matches[0] ?? null;
  }

  /**
   * After a 409 the filter could not explain: the member may differ only in case on a server whose
   * filter compares case-exactly. Try the lowercased name, then compare the listing locally.
   */
  async function findUserIgnoringCase(userName: string, signal?: AbortSignal): Promise<Member | null> {
    const lower = userName.toLowerCase();
    let found = lower !== userName ? await findUserByUserName(lower, signal) : null;
    if (!found) {
      const { items } = await listUsers(signal ? { signal } : {});
      found = items.find((u) => sameUserName(u.userName, userName)) ?? null;
    }
    if (found) noteQuirks({ caseExactUserNameFilter: true });
    return found;
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

  /**
   * Creates a member, never twice: an existing user (any case) is reused; a 409 is reconciled to
   * the existing user; after a timeout, reset or 5xx the user is looked up before any new POST.
   */
  async function createUser(
    input: NewMember,
    opts: CreateOptions = {},
  ): Promise<{ member: Member; outcome: CreateOutcome }> {
    assertWritable();
    const signal = opts.signal;
    if (opts.listedId) {
      // The console's listing has this userName (ignoring case): if the member is still there, it is the one.
      const listed = await readUserOrNull(opts.listedId);
      if (listed && sameUserName(listed.userName, input.userName)) return { member: listed, outcome: 'existing' };
    }
    if (opts.checkExisting !== false) {
      const existing = await findUserByUserName(input.userName, signal);
      if (existing) return { member: existing, outcome: 'existing' };
    }
    const body = {
      schemas: [USER_SCHEMA],
      userName: input.userName,
      name: { givenName: input.givenName, familyName: input.familyName },
      emails: [{ value: input.userName, type: 'work', primary: true }],
      active: true,
    };
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await transport.request({
          method: 'POST',
          path: '/Users',
          body,
          retry: false,
          ...(signal ? { signal } : {}),
        });
        const created = parseUser(response.body);
        const member = await verify(
          () => readUserOrNull(created.id),
          (m) => m !== null,
          () => silentNoOp('Creating the member'),
        );
        return { member: member!, outcome: 'created' };
      } catch (error) {
        if (!(error instanceof ScimError)) throw error;
        if (error.code === 'SCIM_CONFLICT') {
          const existing =
            (await findUserByUserName(input.userName, signal)) ?? (await findUserIgnoringCase(input.userName, signal));
          if (existing) return { member: existing, outcome: 'existing' };
          throw error;
        }
        const uncertain =
          error.code === 'SCIM_TIMEOUT' || error.code === 'SCIM_NETWORK' || error.code === 'SCIM_SERVER_ERROR';
        if (!uncertain || attempt >= 2) throw error;
        // The POST may have been applied: look before sending it again.
        const existing = await findUserByUserName(input.userName, signal);
        if (existing) return { member: existing, outcome: 'created' };
        await sleep(300 * (attempt + 1), signal);
      }
    }
  }

  async function setActive(id: string, active: boolean, signal?: AbortSignal): Promise<Member> {
    assertWritable();
    const pathless = profile.quirks.pathlessActivePatch;
    try {
      await patch(userPath(id), setActiveOps(active, pathless), signal);
    } catch (error) {
      const rejectedPath =
        error instanceof ScimError &&
        error.code === 'SCIM_BAD_REQUEST' &&
        !pathless &&
        (error.scimType === null ||
          ['invalidPath', 'invalidSyntax', 'noTarget', 'invalidValue'].includes(error.scimType));
      if (!rejectedPath) throw error;
      await patch(userPath(id), setActiveOps(active, true), signal);
      noteQuirks({ pathlessActivePatch: true });
    }
    const verb = active ? 'Reactivating' : 'Deactivating';
    const member = await verify(
      () => getUser(id, signal),
      (m) => m.active === active,
      () => silentNoOp(`${verb} the member`),
    );
    return member;
  }

  async function setName(id: string, name: { givenName: string; familyName: string }): Promise<Member> {
    assertWritable();
    await patch(userPath(id), setNameOps(name));
    return verify(
      () => getUser(id),
      (m) => m.givenName === name.givenName && m.familyName === name.familyName,
      () => silentNoOp('Renaming the member', '. InVision may ignore name edits made through SCIM'),
    );
  }

  /** GET, change, PUT the whole resource (with If-Match when the server supports ETags), read back. */
  async function replaceUser(
    id: string,
    change: (raw: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<Member> {
    assertWritable();
    const current = await transport.request({ method: 'GET', path: userPath(id) });
    const raw = current.body as Record<string, unknown>;
    const next = change(structuredClone(raw));
    const etag = profile.advertised?.etag ? (current.etag ?? parseUser(raw).version) : null;
    await transport.request({ method: 'PUT', path: userPath(id), body: next, ...(etag ? { ifMatch: etag } : {}) });
    const expected = parseUser(next);
    return verify(
      () => getUser(id),
      (m) =>
        m.givenName === expected.givenName &&
        m.familyName === expected.familyName &&
        m.email === expected.email &&
        m.active === expected.active,
      () => silentNoOp('Replacing the member', '. InVision may ignore name and email edits made through SCIM'),
    );
  }

  async function deleteUser(id: string, signal?: AbortSignal): Promise<void> {
    assertWritable();
    try {
      await transport.request({ method: 'DELETE', path: userPath(id), ...(signal ? { signal } : {}) });
    } catch (error) {
      // Already gone (deleted elsewhere, or our earlier attempt landed): the goal is reached.
      if (error instanceof ScimError && error.code === 'SCIM_NOT_FOUND') return;
      throw error;
    }
    await verify(
      () => readUserOrNull(id),
      (m) => m === null,
      () => silentNoOp('Deleting the member'),
    );
  }

  /**
   * Fetches one list page and parses its resources right away. A resource the server sent broken
   * is left out and counted, not allowed to fail the whole listing.
   */
  function pageFetcher<T>(path: string, parse: (r: unknown) => T, tally: Tally, signal?: AbortSignal) {
    return async (startIndex: number, count: number) => {
      const response = await transport.request({
        method: 'GET',
        path,
        query: { startIndex, count },
        ...(signal ? { signal } : {}),
      });
      const page = parseListPage(response.body);
      const resources: T[] = [];
      for (const r of page.resources) {
        try {
          resources.push(parse(r));
        } catch (error) {
          if (!(error instanceof ScimError)) throw error;
          const key = JSON.stringify(r).slice(0, 2_000);
          if (tally.seen.has(key)) continue;
          if (tally.seen.size < 100_000) tally.seen.add(key);
          tally.skipped += 1;
          tally.example ??= error.detail ?? error.message;
        }
      }
      return { ...page, resources, numbersAsStrings: response.numbersAsStrings };
    };
  }

  async function listAll<T extends { id: string }>(
    path: string,
    parse: (r: unknown) => T,
    opts: ListOptions<T>,
    keyOf?: (item: T) => string,
  ): Promise<ListResult<T> & { quirks: Partial<Quirks> }> {
    const tally: Tally = { skipped: 0, example: null, seen: new Set() };
    const result = await listAllPages<T>({
      fetchPage: pageFetcher(path, parse, tally, opts.signal),
      parse: (r) => r as T,
      idOf: (item) => item.id,
      ...(keyOf ? { keyOf } : {}),
      pageSize: pageSize(),
      concurrency: options.concurrency ?? 8,
      maxPages,
      ...(options.maxItems ? { maxItems: options.maxItems } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.onItems ? { onItems: opts.onItems } : {}),
    });
    return {
      items: result.items,
      truncated: result.truncated,
      cut: result.cut,
      skipped: tally.skipped,
      skippedExample: tally.example,
      quirks: result.quirks,
    };
  }

  async function listUsers(opts: ListOptions<Member> = {}): Promise<ListResult<Member>> {
    // Listings keep no raw resource (50k of them would cost memory and IPC); getUser has it.
    const { quirks, ...result } = await listAll(
      '/Users',
      (r) => parseUser(r, false),
      opts,
      (m) => m.userName.toLowerCase(),
    );
    noteQuirks(quirks);
    return result;
  }

  async function listGroups(opts: ListOptions<Group> = {}): Promise<ListResult<Group>> {
    const { quirks: _quirks, ...result } = await listAll('/Groups', (r) => parseGroup(r, false), {
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
    return result;
  }

  async function createGroup(displayName: string): Promise<Group> {
    assertWritable();
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
    assertWritable();
    await patch(groupPath(id), renameGroupOps(displayName));
    return verify(
      () => getGroup(id),
      (g) => g.displayName === displayName,
      () => silentNoOp('Renaming the group'),
    );
  }

  async function addMembers(groupId: string, memberIds: string[], signal?: AbortSignal): Promise<Group> {
    assertWritable();
    if (memberIds.length === 0) return getGroup(groupId, signal);
    await patch(groupPath(groupId), addMembersOps(memberIds), signal);
    return verify(
      () => getGroup(groupId, signal),
      (g) => memberIds.every((id) => g.members.some((m) => m.id === id)),
      () => silentNoOp('Adding members to the group'),
    );
  }

  async function removeMember(groupId: string, memberId: string, signal?: AbortSignal): Promise<Group> {
    assertWritable();
    await patch(groupPath(groupId), removeMemberOps(memberId), signal);
    return verify(
      () => getGroup(groupId, signal),
      (g) => !g.members.some((m) => m.id === memberId),
      () => silentNoOp('Removing the member from the group'),
    );
  }

  async function deleteGroup(id: string): Promise<void> {
    assertWritable();
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

  const locks = options.groupLocks ?? createGroupLocks();
  const membership = createMembershipWriter({
    transport,
    profile: () => profile,
    noteQuirks,
    locks,
    groupPath,
    verifyAttempts,
    verifyDelayMs,
    send: (groupId: string, change: MembershipChange, ids: string[], signal?: AbortSignal) =>
      audited(
        change === 'add' ? 'group.addMembers' : 'group.removeMembers',
        groupId,
        { method: 'PATCH', path: groupPath(groupId), body: change === 'add' ? { add: ids } : { remove: ids } },
        () => patch(groupPath(groupId), change === 'add' ? addMembersOps(ids) : ids.flatMap(removeMemberOps), signal),
      ),
  });

  /** Reads /ServiceProviderConfig once; 401/403/404 mean "not advertised", not failure. */
  async function probe(now: () => Date = () => new Date()): Promise<CapabilityProfile> {
    let advertised: CapabilityProfile['advertised'] = null;
    try {
      const response = await transport.request({ method: 'GET', path: '/ServiceProviderConfig' });
      advertised = readServiceProviderConfig(response.body);
    } catch (error) {
      const notAdvertised =
        error instanceof ScimError &&
        ['SCIM_NOT_FOUND', 'SCIM_UNAUTHORIZED', 'SCIM_FORBIDDEN', 'SCIM_INVALID_RESPONSE', 'SCIM_BAD_REQUEST'].includes(
          error.code,
        );
      if (!notAdvertised) throw error;
    }
    profile = { ...profile, probedAt: now().toISOString(), advertised };
    options.onCapabilitiesChanged?.(profile);
    return profile;
  }

  return {
    capabilities: () => profile,
    getUser,
    findUserByUserName,
    findGroupByName,
    createUser: (input: NewMember, opts: CreateOptions = {}) =>
      audited(
        'member.create',
        input.userName,
        {
          method: 'POST',
          path: '/Users',
          body: { userName: input.userName, name: { givenName: input.givenName, familyName: input.familyName } },
        },
        () => createUser(input, opts),
        (r) => ({ id: r.member.id, result: r.outcome }),
      ),
    setActive: async (id: string, active: boolean, signal?: AbortSignal) =>
      audited(
        active ? 'member.reactivate' : 'member.deactivate',
        id,
        { method: 'PATCH', path: userPath(id), body: { active } },
        () => setActive(id, active, signal),
        (m) => ({ userName: m.userName, active: m.active }),
      ),
    setName: async (id: string, name: { givenName: string; familyName: string }) =>
      audited(
        'member.rename',
        id,
        { method: 'PATCH', path: userPath(id), body: { name } },
        () => setName(id, name),
        (m) => ({ userName: m.userName }),
      ),
    replaceUser: async (id: string, change: (raw: Record<string, unknown>) => Record<string, unknown>) =>
      audited(
        'member.replace',
        id,
        { method: 'PUT', path: userPath(id) },
        () => replaceUser(id, change),
        (m) => ({ userName: m.userName }),
      ),
    deleteUser: async (id: string, signal?: AbortSignal) =>
      audited('member.delete', id, { method: 'DELETE', path: userPath(id) }, () => deleteUser(id, signal)),
    listUsers,
    listGroups,
    getGroup,
    createGroup: (displayName: string) =>
      audited(
        'group.create',
        displayName,
        { method: 'POST', path: '/Groups', body: { displayName } },
        () => createGroup(displayName),
        (g) => ({ id: g.id }),
      ),
    renameGroup: async (id: string, displayName: string) =>
      audited('group.rename', id, { method: 'PATCH', path: groupPath(id), body: { displayName } }, () =>
        renameGroup(id, displayName),
      ),
    addMembers: async (groupId: string, memberIds: string[], signal?: AbortSignal) =>
      locks.run(groupId, () =>
        audited(
          'group.addMembers',
          groupId,
          { method: 'PATCH', path: groupPath(groupId), body: { add: memberIds } },
          () => addMembers(groupId, memberIds, signal),
          (g) => ({ displayName: g.displayName, members: g.members.length }),
        ),
      ),
    removeMember: async (groupId: string, memberId: string, signal?: AbortSignal) =>
      locks.run(groupId, () =>
        audited(
          'group.removeMember',
          groupId,
          { method: 'PATCH', path: groupPath(groupId), body: { remove: memberId } },
          () => removeMember(groupId, memberId, signal),
          (g) => ({ displayName: g.displayName, members: g.members.length }),
        ),
      ),
    /** Many members of one group added or removed in batches, each member with its own outcome. */
    changeMembers: membership.apply,
    /** Whether each member is in the group now, by one read (settles a batch a crash left in flight). */
    membershipOf: membership.presence,
    membershipBatchSize: membership.batchSize,
    membershipReferencesRead: membership.referencesRead,
    deleteGroup: async (id: string) =>
      audited('group.delete', id, { method: 'DELETE', path: groupPath(id) }, () => deleteGroup(id)),
    probe,
    noteQuirks,
    /** Read-only: /ServiceProviderConfig, then one user; never writes. */
    testConnection: (): Promise<ConnectionReport> =>
      runConnectionTest({ transport, probe: () => probe(), noteQuirks, profile: () => profile }),
  };
}

function readServiceProviderConfig(body: unknown): NonNullable<CapabilityProfile['advertised']> {
  const lower = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), x]))
      : {};
  const root = lower(body);
  const supported = (key: string): boolean => {
    const v = lower(root[key]).supported;
    return v === true || v === 'true';
  };
  const maxResults = Number(lower(root.filter).maxresults);
  return {
    patch: supported('patch'),
    bulk: supported('bulk'),
    filter: supported('filter'),
    filterMaxResults: Number.isInteger(maxResults) && maxResults > 0 ? maxResults : null,
    etag: supported('etag'),
    sort: supported('sort'),
  };
}
