import type { Member } from '../../../shared/domain/scim';
import { ScimError } from './errors';
import { eqFilter, sameUserName } from './filter';
import { silentNoOp, userPath, type ClientCore } from './client-core';
import type { ListOptions, ListResult, createLister } from './listing';
import { setActiveOps, setNameOps } from './patch';
import { parseListPage, parseUser, USER_SCHEMA } from './resources';
import { sleep } from './retry';

export type CreateOutcome = 'created' | 'existing';

export interface CreateOptions {
  /** False when the caller has already looked for the member (the import's plan did). */
  checkExisting?: boolean;
  /** The id of a member the console's listing has under this userName, ignoring case. */
  listedId?: string | null;
  signal?: AbortSignal;
}

export interface NewMember {
  userName: string;
  givenName: string;
  familyName: string;
}

/** Members: read, found by userName, created never twice, (de)activated, renamed, replaced, deleted, listed. */
export function createUsers(core: ClientCore, listAll: ReturnType<typeof createLister>) {
  const { transport, verify, patch, noteQuirks } = core;

  async function getUser(id: string, signal?: AbortSignal): Promise<Member> {
    const response = await transport.request({ method: 'GET', path: userPath(id), ...(signal ? { signal } : {}) });
    return parseUser(response.body);
  }

  async function readUserOrNull(id: string): Promise<Member | null> {
    try {
      return await getUser(id);
    } catch (error) {
      if (error instanceof ScimError && error.code === 'SCIM_NOT_FOUND') return null;
      throw error;
    }
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

  /**
   * Creates a member, never twice: an existing user (any case) is reused; a 409 is reconciled to
   * the existing user; after a timeout, reset or 5xx the user is looked up before any new POST.
   */
  async function createUser(
    input: NewMember,
    opts: CreateOptions = {},
  ): Promise<{ member: Member; outcome: CreateOutcome }> {
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
    const pathless = core.profile().quirks.pathlessActivePatch;
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
    const current = await transport.request({ method: 'GET', path: userPath(id) });
    const raw = current.body as Record<string, unknown>;
    const next = change(structuredClone(raw));
    const etag = core.profile().advertised?.etag ? (current.etag ?? parseUser(raw).version) : null;
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

  return {
    getUser,
    findUserByUserName,
    createUser,
    setActive,
    setName,
    replaceUser,
    deleteUser,
    listUsers,
  };
}
