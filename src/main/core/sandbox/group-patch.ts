import type { SandboxFaults } from './faults';
import { SandboxError, type SandboxStore } from './store';

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
