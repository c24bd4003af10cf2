import type { Filter } from 'scim2-parse-filter';
import { scimPatch, type ScimPatchOperation } from 'scim-patch';
import { parseScimFilter } from './filter-parse';

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

export type Json = Record<string, unknown>;

export interface UserRecord {
  resource: Json & { id: string; userName: string; active: boolean };
  version: number;
  /** What InVision keeps when a member is deactivated: their spaces and documents. */
  data: { spaces: number; documents: number };
}

export interface GroupRecord {
  resource: Json & { id: string; displayName: string; members: Array<{ value: string; display?: string }> };
  version: number;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

export function userNameOf(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 320) {
    throw new SandboxError(400, 'invalidValue', 'userName is required and must be a non-empty string');
  }
  return value;
}

export function parseFilterOrThrow(text: string): Filter {
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

/** The ids of `id eq "a" or id eq "b" …` (how a client reads a batch of members back), or null. */
export function idsOf(ast: Filter): string[] | null {
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

export function validateOps(body: unknown): ScimPatchOperation[] {
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

export function patchOrThrow<T extends Record<string, unknown>>(resource: T, ops: ScimPatchOperation[]): T {
  try {
    return scimPatch(resource as never, ops, { mutateDocument: false, treatMissingAsAdd: true });
  } catch (error) {
    const scimType = (error as { scimCode?: string }).scimCode ?? 'invalidPath';
    throw new SandboxError(400, scimType, error instanceof Error ? error.message : 'invalid patch');
  }
}
