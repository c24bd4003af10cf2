import type { SandboxFaults } from './faults';
import { SandboxError } from './rules';
import type { SandboxStore } from './store';

/** How many members a group PATCH names: the values it adds or replaces, and the members it removes. */
export function membersNamed(body: unknown): number {
  const ops = (body as { Operations?: unknown } | null)?.Operations;
  if (!Array.isArray(ops)) return 0;
  let n = 0;
  for (const op of ops as Array<{ path?: unknown; value?: unknown }>) {
    const path = typeof op.path === 'string' ? op.path.toLowerCase() : '';
    if (path.startsWith('members[')) n += 1;
    else if (Array.isArray(op.value)) n += op.value.length;
    else if (op.value && typeof op.value === 'object' && Array.isArray((op.value as { members?: unknown }).members))
      n += ((op.value as { members: unknown[] }).members ?? []).length;
  }
  return n;
}

const MEMBER_PATH = /^members\[value eq "((?:[^"\\]|\\.)*)"\]$/i;

/**
 * The member ids after a PATCH made only of `add members [...]` and `remove members[value eq "x"]`
 * operations, applied directly (what a large group's batches are made of); null for any other
 * PATCH, which the general patch engine applies. Removing a non-member changes nothing.
 */
export function applyMembershipOps(current: readonly string[], operations: unknown): string[] | null {
  const ops = (operations as { Operations?: unknown } | null)?.Operations;
  if (!Array.isArray(ops) || ops.length === 0) return null;
  const members = new Set(current);
  for (const op of ops as Array<{ op?: unknown; path?: unknown; value?: unknown }>) {
    const kind = typeof op.op === 'string' ? op.op.toLowerCase() : '';
    const path = typeof op.path === 'string' ? op.path : '';
    if (kind === 'add' && path.toLowerCase() === 'members' && Array.isArray(op.value)) {
      for (const entry of op.value as Array<{ value?: unknown }>) {
        if (typeof entry?.value !== 'string') return null;
        members.add(entry.value);
      }
      continue;
    }
    const match = kind === 'remove' ? MEMBER_PATH.exec(path) : null;
    if (!match) return null;
    let id: unknown;
    try {
      id = JSON.parse(`"${match[1]!}"`);
    } catch {
      return null;
    }
    members.delete(id as string);
  }
  return [...members];
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A group PATCH as the switched faults make the Sandbox apply it: refused with 413 above
 * `groupPatchMax` members, or applied as read-modify-write (read, wait, write the patched copy),
 * so that two PATCHes of one group at the same time lose each other's changes.
 */
export async function patchGroupWithFaults(
  store: SandboxStore,
  faults: SandboxFaults,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
): Promise<Record<string, unknown>> {
  if (faults.groupPatchMax !== null && membersNamed(body) > faults.groupPatchMax) {
    throw new SandboxError(413, 'tooMany', `At most ${faults.groupPatchMax} members per PATCH`);
  }
  if (faults.readModifyWriteMs === 0) return store.patchGroup(id, body, ifMatch);
  const base = store.groupSnapshot(id);
  await pause(faults.readModifyWriteMs);
  return store.patchGroup(id, body, ifMatch, base);
}
