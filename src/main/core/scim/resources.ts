import { z } from 'zod';
import type { Group, Member } from '../../../shared/domain/scim';
import { ScimError, scrubJson } from './errors';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Attribute names are case-insensitive (RFC 7643 §2.1): read everything through lowercased keys. */
export function lowerKeys(value: unknown, depth = 0): unknown {
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => lowerKeys(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const k = key.toLowerCase();
    if (!(k in out)) out[k] = lowerKeys(v, depth + 1);
  }
  return out;
}

const text = z.string().max(4096);
const optionalText = z.preprocess((v) => (v === null ? undefined : v), text.optional());
const bool = z.preprocess((v) => (v === 'true' || v === 'True' ? true : v === 'false' || v === 'False' ? false : v), z.boolean());
const count = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
);
const multi = <T extends z.ZodType>(item: T) =>
  z.preprocess((v): unknown[] => (v === null || v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]), z.array(item).max(100_000));

const metaSchema = z
  .object({ created: optionalText, lastmodified: optionalText, version: optionalText })
  .partial()
  .optional()
  .nullable();

const userShape = z.object({
  id: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().min(1).max(512)),
  username: z.string().min(1).max(1024),
  active: bool.optional().nullable(),
  displayname: optionalText,
  name: z.object({ givenname: optionalText, familyname: optionalText, formatted: optionalText }).partial().optional().nullable(),
  emails: multi(z.object({ value: optionalText, type: optionalText, primary: bool.optional().nullable() }).partial()).optional(),
  roles: multi(z.union([z.object({ value: optionalText, display: optionalText }).partial(), text])).optional(),
  groups: multi(z.object({ value: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), text), display: optionalText }).partial()).optional(),
  meta: metaSchema,
});

const groupShape = z.object({
  id: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().min(1).max(512)),
  displayname: z.string().max(1024),
  members: z
    .preprocess(
      (v) => (v === null ? [] : v),
      z.array(z.object({ value: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().min(1)), display: optionalText })).max(1_000_000),
    )
    .optional(),
  meta: metaSchema,
});

function invalid(what: string, error: z.ZodError): ScimError {
  const issue = error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape';
  return new ScimError('SCIM_INVALID_RESPONSE', { detail: `${what} is not a valid SCIM resource (${where})` });
}

/** Parses one SCIM User into a Member; the secret is scrubbed from the raw copy kept for display. */
export function parseUser(resource: unknown, secret: string | null): Member {
  const parsed = userShape.safeParse(lowerKeys(resource));
  if (!parsed.success) throw invalid('a user', parsed.error);
  const u = parsed.data;
  const emails = u.emails ?? [];
  const work = emails.find((e) => e.type?.toLowerCase() === 'work') ?? emails.find((e) => e.primary) ?? emails[0];
  return {
    id: u.id,
    userName: u.username,
    // RFC 7643: active has no default; a server that omits it has not deactivated anyone.
    active: u.active ?? true,
    givenName: u.name?.givenname ?? null,
    familyName: u.name?.familyname ?? null,
    displayName: u.displayname ?? u.name?.formatted ?? null,
    email: work?.value ?? null,
    roles: (u.roles ?? []).map((r) => (typeof r === 'string' ? r : (r.value ?? r.display ?? ''))).filter((r) => r !== ''),
    groups: (u.groups ?? []).filter((g) => g.value).map((g) => ({ id: g.value ?? '', display: g.display ?? null })),
    created: u.meta?.created ?? null,
    lastModified: u.meta?.lastmodified ?? null,
    version: u.meta?.version ?? null,
    raw: scrubJson(resource, secret),
  };
}

export function parseGroup(resource: unknown, secret: string | null): Group {
  const parsed = groupShape.safeParse(lowerKeys(resource));
  if (!parsed.success) throw invalid('a group', parsed.error);
  const g = parsed.data;
  return {
    id: g.id,
    displayName: g.displayname,
    members: (g.members ?? []).map((m) => ({ id: m.value, display: m.display ?? null })),
    membersKnown: g.members !== undefined,
    lastModified: g.meta?.lastmodified ?? null,
    version: g.meta?.version ?? null,
    raw: scrubJson(resource, secret),
  };
}

const listShape = z.object({
  totalresults: count.optional().nullable(),
  itemsperpage: count.optional().nullable(),
  startindex: count.optional().nullable(),
  resources: z.preprocess((v) => (v === null ? [] : v), z.array(z.unknown()).max(1_000_000)).optional(),
});

export interface ListPage {
  totalResults: number | null;
  startIndex: number | null;
  resources: unknown[];
}

/** Reads a ListResponse: `Resources` in any case, numbers that may be strings, no Resources when empty. */
export function parseListPage(body: unknown): ListPage {
  const lowered = lowerKeys(body);
  const parsed = listShape.safeParse(lowered);
  if (!parsed.success) throw invalid('a list response', parsed.error);
  const { totalresults, startindex, resources } = parsed.data;
  if (resources === undefined && (totalresults ?? 0) > 0) {
    // totalResults says there is something, but no Resources came: not a page we can use.
    throw new ScimError('SCIM_INVALID_RESPONSE', { detail: 'a list response with totalResults but no Resources' });
  }
  return { totalResults: totalresults ?? null, startIndex: startindex ?? null, resources: resources ?? [] };
}
