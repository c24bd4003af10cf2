import type { ScimClient } from '../scim/client';
import { ScimError } from '../scim/errors';
import { AppError } from '../errors';

/** What a deleted member was, kept so an undo can offer to re-create them (with a new id). */
export interface DeletedMember {
  userName: string;
  givenName: string;
  familyName: string;
  active: boolean;
  groups: Array<{ id: string; name: string }>;
}

/**
 * One step of a job, as planned and journalled. Members are named by `userName` (what an admin
 * and a CSV know); `userId` is filled in when the plan already knows it. A member created earlier
 * in the same job is found by its `userName` when a later step needs its id.
 *
 * `before` is the state the step changes from, as the console held it fresh when the job was
 * started (the listing, the plan's read): what an undo restores. Absent when it was not known
 * (a job from an older version, a member missing from the listing); such a step is not undone.
 */
export type Operation =
  | { type: 'create'; userName: string; givenName: string; familyName: string }
  | { type: 'setActive'; userName: string; userId: string | null; active: boolean; before?: { active: boolean } }
  | { type: 'delete'; userName: string; userId: string; before?: DeletedMember }
  | {
      type: 'addToGroup';
      userName: string;
      userId: string | null;
      groupId: string | null;
      groupName: string;
      before?: { member: boolean };
    }
  | {
      type: 'removeFromGroup';
      userName: string;
      userId: string;
      groupId: string;
      groupName: string;
      before?: { member: boolean };
    }
  /** A group the import names that the tenant lacks; later steps find it by name. */
  | { type: 'createGroup'; groupName: string };

export type OperationType = Operation['type'];

/**
 * Steps run phase by phase: members exist before they are activated or put in groups, and deletes
 * come last. Within a phase, steps run concurrently.
 */
export const PHASE: Record<OperationType, number> = {
  createGroup: 0,
  create: 0,
  setActive: 1,
  addToGroup: 2,
  removeFromGroup: 2,
  delete: 3,
};

/** A one-line description of a step, for reports and the audit trail. */
export function describeOperation(op: Operation): string {
  switch (op.type) {
    case 'create':
      return `create ${op.userName}`;
    case 'createGroup':
      return `create group ${op.groupName}`;
    case 'setActive':
      return `${op.active ? 'reactivate' : 'deactivate'} ${op.userName}`;
    case 'delete':
      return `delete ${op.userName}`;
    case 'addToGroup':
      return `add ${op.userName} to ${op.groupName}`;
    case 'removeFromGroup':
      return `remove ${op.userName} from ${op.groupName}`;
  }
}

/** The SCIM request a step sends, as a dry run shows it (ids not yet known appear as placeholders). */
export function requestOf(op: Operation): { method: string; path: string; body?: unknown } {
  const user = (id: string | null) => `/Users/${id ?? `{id of ${'userName' in op ? op.userName : ''}}`}`;
  switch (op.type) {
    case 'createGroup':
      return {
        method: 'POST',
        path: '/Groups',
        body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: op.groupName, members: [] },
      };
    case 'create':
      return {
        method: 'POST',
        path: '/Users',
        body: {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: op.userName,
          name: { givenName: op.givenName, familyName: op.familyName },
          emails: [{ value: op.userName, type: 'work', primary: true }],
          active: true,
        },
      };
    case 'setActive':
      return {
        method: 'PATCH',
        path: user(op.userId),
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'active', value: op.active }],
        },
      };
    case 'delete':
      return { method: 'DELETE', path: user(op.userId) };
    case 'addToGroup':
      return {
        method: 'PATCH',
        path: `/Groups/${op.groupId ?? `{id of ${op.groupName}}`}`,
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'add', path: 'members', value: [{ value: op.userId ?? `{id of ${op.userName}}` }] }],
        },
      };
    case 'removeFromGroup':
      return {
        method: 'PATCH',
        path: `/Groups/${op.groupId}`,
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'remove', path: `members[value eq "${op.userId}"]` }],
        },
      };
  }
}

export interface StepResult {
  /** `created`, `existing`, `deactivated`, `reactivated`, `deleted`, `gone`, `added`, `removed`. */
  result: string;
  resourceId: string | null;
}

export interface StepContext {
  client: ScimClient;
  signal: AbortSignal;
  /** The id of a member by userName: from earlier steps of the job, else looked up. */
  userId(userName: string): Promise<string>;
  /** The id of a group by name: created earlier in the job, else looked up. */
  groupId(name: string): Promise<string>;
}

function notFound(error: unknown): boolean {
  return error instanceof ScimError && error.code === 'SCIM_NOT_FOUND';
}

/** Runs one step against the tenant; every write goes through the audited, read-back client. */
export async function runOperation(op: Operation, ctx: StepContext): Promise<StepResult> {
  const { client, signal } = ctx;
  switch (op.type) {
    case 'create': {
      const { member, outcome } = await client.createUser(
        { userName: op.userName, givenName: op.givenName, familyName: op.familyName },
        { signal, checkExisting: false },
      );
      return { result: outcome, resourceId: member.id };
    }
    case 'setActive': {
      const id = op.userId ?? (await ctx.userId(op.userName));
      const member = await client.setActive(id, op.active, signal);
      return { result: op.active ? 'reactivated' : 'deactivated', resourceId: member.id };
    }
    case 'delete':
      try {
        await client.deleteUser(op.userId, signal);
        return { result: 'deleted', resourceId: op.userId };
      } catch (error) {
        // Already gone (an earlier attempt whose answer was lost): the goal is met.
        if (notFound(error)) return { result: 'gone', resourceId: op.userId };
        throw error;
      }
    case 'createGroup': {
      const group = await client.createGroup(op.groupName);
      return { result: 'created', resourceId: group.id };
    }
    case 'addToGroup': {
      const id = op.userId ?? (await ctx.userId(op.userName));
      const groupId = op.groupId ?? (await ctx.groupId(op.groupName));
      await client.addMembers(groupId, [id], signal);
      return { result: 'added', resourceId: id };
    }
    case 'removeFromGroup':
      await client.removeMember(op.groupId, op.userId, signal);
      return { result: 'removed', resourceId: op.userId };
  }
}

/** How far a server's clock may be behind ours before its `meta.created` is read as "before our attempt". */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;

/**
 * Whether a member found after a crash is the one this step's own POST created: the plan only has
 * a create for a userName the tenant lacked, so a member found now was made by our attempt unless
 * the server dates it clearly before that attempt (allowing for clock skew).
 */
export function createdByAttempt(created: string | null, attemptAt: string | null): boolean {
  if (!created || !attemptAt) return true;
  const made = Date.parse(created);
  const sent = Date.parse(attemptAt);
  if (Number.isNaN(made) || Number.isNaN(sent)) return true;
  return made >= sent - CLOCK_SKEW_MS;
}

/**
 * After a crash, a step left in flight may or may not have reached the server. Creates are the
 * only steps that are not safe to send twice: look the member up by userName (a group by its
 * name), and call the step done when it exists: `created` when it is this step's own work,
 * `existing` when the server dates it before the attempt. Every other step is idempotent (PATCH
 * to a state, DELETE then 404) and is simply sent again, then read back. `attemptAt` is when the
 * step was marked in flight.
 */
export async function reconcileOperation(
  op: Operation,
  ctx: StepContext,
  attemptAt: string | null = null,
): Promise<StepResult | null> {
  if (op.type === 'createGroup') {
    const id = await ctx.groupId(op.groupName).catch(() => null);
    return id ? { result: 'created', resourceId: id } : null;
  }
  if (op.type !== 'create') return null;
  const existing = await ctx.client.findUserByUserName(op.userName, ctx.signal);
  if (!existing) return null;
  return {
    result: createdByAttempt(existing.created, attemptAt) ? 'created' : 'existing',
    resourceId: existing.id,
  };
}

export function errorFields(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
