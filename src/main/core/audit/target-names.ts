import type { Snapshot } from '../directory/rows';

/**
 * What a write's audit entry calls its target and the members it touches, for a person to read
 * and search: the member's email (userName), the group's name. Recorded in the intent's request,
 * so the history's hash chain covers them like everything else.
 */
export interface TargetNames {
  /** The target's email or group name, when the target is an id the console knows. */
  target?: string;
  /** For group membership changes: the members' emails, in the order of the request's ids. */
  members?: string[];
}

export type TargetNamer = (
  tenantId: string,
  action: string,
  target: string | null,
  request: unknown,
) => TargetNames | null;

const MAX_MEMBER_NAMES = 5_000;

/** Member ids a membership request names (`{ add: [...] }`, `{ remove: id }` or `{ remove: [...] }`). */
function memberIdsOf(request: unknown): string[] {
  const body = (request as { body?: unknown } | null)?.body as { add?: unknown; remove?: unknown } | undefined;
  const ids = body?.add ?? body?.remove;
  const list = Array.isArray(ids) ? ids : typeof ids === 'string' ? [ids] : [];
  return list.filter((id): id is string => typeof id === 'string').slice(0, MAX_MEMBER_NAMES);
}

/** Names from the listing main keeps; nothing when the target is not in it (or already a name). */
export function namesFrom(snapshot: Snapshot | undefined, action: string, target: string | null): TargetNames | null {
  if (!snapshot || target === null) return null;
  if (action.startsWith('member.')) {
    const name = snapshot.members.get(target)?.userName;
    return name && name !== target ? { target: name } : null;
  }
  if (action.startsWith('group.')) {
    const name = snapshot.groups.get(target)?.displayName;
    return name && name !== target ? { target: name } : null;
  }
  return null;
}

/** A namer reading each tenant's kept listing. */
export function snapshotNamer(peek: (tenantId: string) => Snapshot | undefined): TargetNamer {
  return (tenantId, action, target, request) => {
    const snapshot = peek(tenantId);
    const names = namesFrom(snapshot, action, target) ?? {};
    if (
      snapshot &&
      (action === 'group.addMembers' || action === 'group.removeMembers' || action === 'group.removeMember')
    ) {
      const members = memberIdsOf(request).map((id) => snapshot.members.get(id)?.userName ?? id);
      if (members.length > 0) names.members = members;
    }
    return names.target || names.members ? names : null;
  };
}

/** The request as recorded: with `names` beside method, path and body when there are any. */
export function withNames(request: unknown, names: TargetNames | null): unknown {
  if (!names || typeof request !== 'object' || request === null) return request;
  return { ...(request as Record<string, unknown>), names };
}

/** The names recorded in an intent's request, keeping only well-formed ones (the file is read back). */
function recordedNames(request: unknown): TargetNames {
  const names = (request as { names?: { target?: unknown; members?: unknown } } | null)?.names;
  return {
    ...(typeof names?.target === 'string' ? { target: names.target } : {}),
    ...(Array.isArray(names?.members)
      ? { members: names.members.filter((m): m is string => typeof m === 'string') }
      : {}),
  };
}

/** The target's name as recorded in an intent's request, if any. */
export function recordedTargetName(request: unknown): string | null {
  return recordedNames(request).target ?? null;
}

/** What a text search matches in an entry: its target, and the names recorded with it. */
export function searchTextOf(target: string | null, request: unknown): string | null {
  const names = recordedNames(request);
  const parts = [target ?? '', names.target ?? '', ...(names.members ?? [])].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}
