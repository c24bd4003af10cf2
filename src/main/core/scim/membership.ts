import type { CapabilityProfile } from '../../../shared/domain/scim';
import { ScimError } from './errors';
import type { GroupLocks } from './group-locks';
import type { Quirks } from './pagination';
import { lowerKeys, parseListPage } from './resources';
import { sleep } from './retry';
import type { Transport } from './transport';

export type MembershipChange = 'add' | 'remove';

/** What one member's part of a batched membership change came to. */
export type MemberOutcome =
  { ok: true; result: 'added' | 'removed' | 'not a member' } | { ok: false; error: ScimError };

/** Members per membership PATCH unless the tenant's profile says fewer. */
export const MEMBERSHIP_BATCH = 100;

/** Members per membership PATCH on a tenant with this profile. */
export function batchSizeOf(profile: CapabilityProfile): number {
  return Math.min(MEMBERSHIP_BATCH, profile.quirks.groupPatchMax ?? MEMBERSHIP_BATCH);
}

/** Answers that concern some member of a batch: split it to find which. */
const BISECT = new Set(['SCIM_BAD_REQUEST', 'SCIM_CONFLICT', 'SCIM_NOT_FOUND']);

export interface MembershipDeps {
  transport: Transport;
  profile(): CapabilityProfile;
  noteQuirks(found: Partial<Quirks>): void;
  locks: GroupLocks;
  /** Sends one membership PATCH for these members, between its audit intent and outcome. */
  send(groupId: string, change: MembershipChange, memberIds: string[], signal?: AbortSignal): Promise<void>;
  groupPath(id: string): string;
  verifyAttempts: number;
  verifyDelayMs: number;
}

/** Which of `ids` a read shows in the group: true / false, absent when the read said nothing of it. */
type Presence = Map<string, boolean>;

const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;

/** The `value`s of a multi-valued reference attribute (`members`, `groups`), leniently. */
function referenceIds(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const entry of list) {
    const value = field(entry, 'value');
    if (typeof value === 'string') out.push(value);
    else if (typeof value === 'number') out.push(String(value));
  }
  return out;
}

function halves<T>(items: T[]): T[][] {
  const mid = Math.ceil(items.length / 2);
  return [items.slice(0, mid), items.slice(mid)];
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Adds or removes many members of one group: PATCHes of up to MEMBERSHIP_BATCH members (fewer once
 * a 413 taught the tenant's limit), one at a time per group, each settled by one read that shows
 * every member of the batch, the cheapest the server supports. A batch answered 4xx is split in
 * halves until the members that cause it are found; the others go through.
 */
export function createMembershipWriter(deps: MembershipDeps) {
  const quirks = () => deps.profile().quirks;
  /** Member references the reads brought back (for the benchmark and the report of costs). */
  let referencesRead = 0;

  const batchSize = (): number => batchSizeOf(deps.profile());

  /** The members' own `groups`, for the ids of one batch, in one filtered request. */
  async function readUserGroups(groupId: string, ids: string[], signal?: AbortSignal): Promise<Presence | null> {
    let body: unknown;
    try {
      const response = await deps.transport.request({
        method: 'GET',
        path: '/Users',
        query: {
          filter: ids.map((id) => `id eq ${JSON.stringify(id)}`).join(' or '),
          attributes: 'groups',
          startIndex: 1,
          count: ids.length,
        },
        ...(signal ? { signal } : {}),
      });
      body = response.body;
    } catch (error) {
      // A filter too long or not understood: this read is not for this server.
      if (error instanceof ScimError && (error.code === 'SCIM_BAD_REQUEST' || error.status === 414)) return null;
      throw error;
    }
    const wanted = new Set(ids);
    const presence: Presence = new Map();
    for (const resource of parseListPage(body).resources) {
      const lower = lowerKeys(resource);
      const id = field(lower, 'id');
      if (typeof id !== 'string' || !wanted.has(id)) continue;
      const groups = referenceIds(field(lower, 'groups'));
      referencesRead += groups.length;
      presence.set(id, groups.includes(groupId));
    }
    return presence;
  }

  /** The group's members: `?attributes=members` where the server takes it, else the whole group. */
  async function readGroupMembers(groupId: string, ids: string[], signal?: AbortSignal): Promise<Presence> {
    const read = async (query: Record<string, string> | undefined) => {
      const response = await deps.transport.request({
        method: 'GET',
        path: deps.groupPath(groupId),
        ...(query ? { query } : {}),
        ...(signal ? { signal } : {}),
      });
      return referenceIds(field(lowerKeys(response.body), 'members'));
    };
    let members: string[];
    if (quirks().membershipRead === 'group') members = await read(undefined);
    else {
      try {
        members = await read({ attributes: 'members' });
      } catch (error) {
        if (!(error instanceof ScimError) || error.code !== 'SCIM_BAD_REQUEST') throw error;
        members = await read(undefined);
        deps.noteQuirks({ membershipRead: 'group' });
      }
    }
    referencesRead += members.length;
    const inGroup = new Set(members);
    return new Map(ids.map((id) => [id, inGroup.has(id)]));
  }

  /**
   * Whether each member is in the group now, by the cheapest read this tenant is known (or about)
   * to support. The members' own `groups` are trusted once the server was seen filling them; until
   * then, and whenever they leave a member out, the group answers.
   */
  async function read(groupId: string, ids: string[], change: MembershipChange, signal?: AbortSignal) {
    const learned = quirks().membershipRead;
    const tryUsers = learned === 'userGroups' || (learned === null && change === 'add');
    if (tryUsers) {
      const fromUsers = await readUserGroups(groupId, ids, signal);
      const complete = fromUsers !== null && ids.every((id) => fromUsers.has(id));
      if (complete && learned === 'userGroups') return fromUsers;
      if (complete && ids.every((id) => fromUsers.get(id) === true)) {
        deps.noteQuirks({ membershipRead: 'userGroups' });
        return fromUsers;
      }
      const fromGroup = await readGroupMembers(groupId, ids, signal);
      const contradicted = ids.some((id) => fromGroup.get(id) === true && fromUsers?.get(id) !== true);
      if ((fromUsers === null || contradicted) && quirks().membershipRead !== 'group') {
        deps.noteQuirks({ membershipRead: 'groupMembers' });
      }
      return fromGroup;
    }
    return readGroupMembers(groupId, ids, signal);
  }

  /** Reads until every member shows the change, a few times (eventual consistency); the rest did not change. */
  async function settle(groupId: string, change: MembershipChange, ids: string[], signal?: AbortSignal) {
    const reached = new Set<string>();
    let pending = ids;
    for (let attempt = 0; attempt < deps.verifyAttempts && pending.length > 0; attempt += 1) {
      if (attempt > 0) await sleep(deps.verifyDelayMs, signal);
      const presence = await read(groupId, pending, change, signal);
      for (const id of pending) if (presence.get(id) === (change === 'add')) reached.add(id);
      pending = pending.filter((id) => !reached.has(id));
    }
    return reached;
  }

  async function groupExists(groupId: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await readGroupMembers(groupId, [], signal);
      return true;
    } catch (error) {
      if (error instanceof ScimError && error.code === 'SCIM_NOT_FOUND') return false;
      throw error;
    }
  }

  /**
   * Sends the PATCHes for `ids` while this call holds the group: batches split in halves on a 4xx
   * (a 413 also lowers the tenant's batch size). Returns what was sent, to be read back, and the
   * members that failed on the way.
   */
  async function sendAll(groupId: string, change: MembershipChange, ids: string[], signal?: AbortSignal) {
    const outcomes = new Map<string, MemberOutcome>();
    const sent: Array<{ part: string[]; maybeAbsent: boolean }> = [];
    const queue = chunks([...new Set(ids)], batchSize());
    while (queue.length > 0) {
      const part = queue.shift()!;
      if (part.length > batchSize()) {
        queue.unshift(...chunks(part, batchSize()));
        continue;
      }
      try {
        await deps.send(groupId, change, part, signal);
        sent.push({ part, maybeAbsent: false });
      } catch (error) {
        if (!(error instanceof ScimError)) throw error;
        if (error.status === 413 && part.length > 1) {
          deps.noteQuirks({ groupPatchMax: Math.max(1, Math.floor(part.length / 2)) });
          queue.unshift(...halves(part));
          continue;
        }
        if (error.code === 'SCIM_NOT_FOUND' && !(await groupExists(groupId, signal))) {
          for (const id of [part, ...queue].flat()) outcomes.set(id, { ok: false, error });
          break;
        }
        if (BISECT.has(error.code) && part.length > 1) {
          queue.unshift(...halves(part));
          continue;
        }
        // Removing someone who is not a member: many servers answer 400 noTarget; the read decides.
        if (change === 'remove' && error.code === 'SCIM_BAD_REQUEST' && error.scimType === 'noTarget') {
          sent.push({ part, maybeAbsent: true });
          continue;
        }
        for (const id of part) outcomes.set(id, { ok: false, error });
      }
    }
    return { sent, outcomes };
  }

  /** Reads one sent batch back and gives each of its members an outcome. */
  async function readBack(
    groupId: string,
    change: MembershipChange,
    { part, maybeAbsent }: { part: string[]; maybeAbsent: boolean },
    outcomes: Map<string, MemberOutcome>,
    signal?: AbortSignal,
  ): Promise<void> {
    const reached = await settle(groupId, change, part, signal);
    const what = change === 'add' ? 'Adding the member to the group' : 'Removing the member from the group';
    for (const id of part) {
      outcomes.set(
        id,
        reached.has(id)
          ? { ok: true, result: maybeAbsent ? 'not a member' : change === 'add' ? 'added' : 'removed' }
          : {
              ok: false,
              error: new ScimError('SCIM_SILENT_NO_OP', {
                detail: `${what} answered 2xx, but reading the group back shows no change`,
              }),
            },
      );
    }
  }

  return {
    batchSize,
    /**
     * Adds or removes members of one group; every member gets its own outcome. One writer per
     * group: `onTurn` runs once this call holds the group, before its first request (a job
     * journals the batch in flight there); if it throws, nothing is sent. The group is held for
     * the PATCHes only; their read-back runs after.
     */
    apply: async (
      groupId: string,
      change: MembershipChange,
      ids: string[],
      options: { signal?: AbortSignal; onTurn?: () => void } = {},
    ): Promise<Map<string, MemberOutcome>> => {
      const { sent, outcomes } = await deps.locks.run(groupId, async () => {
        options.signal?.throwIfAborted();
        options.onTurn?.();
        return sendAll(groupId, change, ids, options.signal);
      });
      // Read back once the group is free: the next batch's PATCH leaves while this one is checked.
      await Promise.all(sent.map((batch) => readBack(groupId, change, batch, outcomes, options.signal)));
      return outcomes;
    },
    /** Whether each member is in the group now (one read, the cheapest known), e.g. to settle a batch after a crash. */
    presence: (groupId: string, ids: string[], change: MembershipChange, signal?: AbortSignal): Promise<Presence> =>
      read(groupId, ids, change, signal),
    referencesRead: () => referencesRead,
  };
}

export type MembershipWriter = ReturnType<typeof createMembershipWriter>;
