import { z } from 'zod';
import type { Group, Member } from '../../../shared/domain/scim';
import { isCleanId } from '../../../shared/text';
import { ScimError } from './errors';

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
const metaSchema = z
  .object({ created: optionalText, lastmodified: optionalText, version: optionalText })
  .partial()
  .optional()
  .nullable();

/**
 * Why an id cannot name a resource in a URL, or null when it can. `.` and `..` are refused
 * outright: URL parsers resolve them (and their percent-encoded forms) as path steps, so a request
 * to /Users/.. would go to the base URL.
 */
export function unusableIdReason(id: string): string | null {
  if (id.length === 0) return 'the id is empty';
  if (id.length > 512) return 'the id is longer than 512 characters';
  if (!isCleanId(id)) return 'the id is not well-formed text, or has control characters';
  if (/^\.{1,2}$/.test(id)) return `the id "${id}" would address another path`;
  return null;
}

const idSchema = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z.string().superRefine((id, ctx) => {
    const reason = unusableIdReason(id);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  }),
);

const groupShape = z.object({
  id: idSchema,
  displayname: z.string().max(1024),
  members: z
    .preprocess(
      (v) => (v === null ? [] : v),
      z
        .array(
          z.object({
            value: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().min(1)),
            display: optionalText,
          }),
        )
        .max(1_000_000),
    )
    .optional(),
  meta: metaSchema,
});

function invalid(what: string, error: z.ZodError): ScimError {
  const issue = error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape';
  return new ScimError('SCIM_INVALID_RESPONSE', { detail: `${what} is not a valid SCIM resource (${where})` });
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Case-insensitive attribute lookup (RFC 7643 §2.1): the exact key first, then any casing. */
function attr(obj: Obj, name: string): unknown {
  if (name in obj) return obj[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key];
  return undefined;
}

class Shape extends Error {}

/** A resource whose id no request may carry; its message is said to the admin as it is. */
class UnusableId extends Error {}

function str(v: unknown, path: string, required = false): string | null {
  if (v === undefined || v === null) {
    if (required) throw new Shape(`${path}: required`);
    return null;
  }
  if (typeof v === 'number' && (path === 'id' || path.endsWith('.value'))) return String(v);
  if (typeof v !== 'string' || v.length > 4096) throw new Shape(`${path}: expected a string`);
  if (required && v.length === 0) throw new Shape(`${path}: must not be empty`);
  return v;
}

function boolOrNull(v: unknown, path: string): boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'True') return true;
  if (v === 'false' || v === 'False') return false;
  throw new Shape(`${path}: expected a boolean`);
}

function objOrNull(v: unknown, path: string): Obj | null {
  if (v === undefined || v === null) return null;
  if (!isObj(v)) throw new Shape(`${path}: expected an object`);
  return v;
}

/** A multi-valued attribute: an array, or one value servers sometimes send bare. */
function list(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  const items = Array.isArray(v) ? (v as unknown[]) : [v];
  if (items.length > 100_000) throw new Shape(`${path}: too many values`);
  return items;
}

/**
 * Parses one SCIM User into a Member. Written as a direct reader rather than a deep copy plus a
 * schema because a tenant can have 100,000 members; it is as strict about types, and the IPC
 * router validates the resulting Member against its schema again. Secrets were scrubbed from the
 * body by the transport before it was parsed.
 */
export function parseUser(resource: unknown, keepRaw = true): Member {
  try {
    if (!isObj(resource)) throw new Shape('(root): expected an object');
    const id = str(attr(resource, 'id'), 'id', true)!;
    const unusable = unusableIdReason(id);
    if (unusable) throw new UnusableId(unusable);
    const userName = str(attr(resource, 'userName'), 'userName', true)!;
    const name = objOrNull(attr(resource, 'name'), 'name');
    const emails = list(attr(resource, 'emails'), 'emails').map((e, i) => {
      const o = objOrNull(e, `emails.${i}`) ?? {};
      return {
        value: str(attr(o, 'value'), `emails.${i}.value`),
        type: str(attr(o, 'type'), `emails.${i}.type`),
        primary: boolOrNull(attr(o, 'primary'), `emails.${i}.primary`),
      };
    });
    const work = emails.find((e) => e.type?.toLowerCase() === 'work') ?? emails.find((e) => e.primary) ?? emails[0];
    const roles = list(attr(resource, 'roles'), 'roles')
      .map((r, i) =>
        typeof r === 'string'
          ? r
          : isObj(r)
            ? (str(attr(r, 'value'), `roles.${i}.value`) ?? str(attr(r, 'display'), `roles.${i}.display`) ?? '')
            : '',
      )
      .filter((r) => r !== '');
    const groups = list(attr(resource, 'groups'), 'groups').flatMap((g, i) => {
      const o = objOrNull(g, `groups.${i}`);
      const value = o ? str(attr(o, 'value'), `groups.${i}.value`) : null;
      return value ? [{ id: value, display: str(attr(o!, 'display'), `groups.${i}.display`) }] : [];
    });
    const meta = objOrNull(attr(resource, 'meta'), 'meta') ?? {};
    return {
      id,
      userName,
      // RFC 7643: active has no default; a server that omits it has not deactivated anyone.
      active: boolOrNull(attr(resource, 'active'), 'active') ?? true,
      givenName: name ? str(attr(name, 'givenName'), 'name.givenName') : null,
      familyName: name ? str(attr(name, 'familyName'), 'name.familyName') : null,
      displayName:
        str(attr(resource, 'displayName'), 'displayName') ??
        (name ? str(attr(name, 'formatted'), 'name.formatted') : null),
      email: work?.value ?? null,
      roles,
      groups,
      created: str(attr(meta, 'created'), 'meta.created'),
      lastModified: str(attr(meta, 'lastModified'), 'meta.lastModified'),
      version: str(attr(meta, 'version'), 'meta.version'),
      raw: keepRaw ? resource : null,
    };
  } catch (error) {
    if (error instanceof UnusableId) throw new ScimError('SCIM_INVALID_RESPONSE', { detail: error.message });
    if (error instanceof Shape) {
      throw new ScimError('SCIM_INVALID_RESPONSE', {
        detail: `a user is not a valid SCIM resource (${error.message})`,
      });
    }
    throw error;
  }
}

export function parseGroup(resource: unknown, keepRaw = true): Group {
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
    raw: keepRaw ? resource : null,
  };
}

function count(v: unknown, path: string): number | null {
  if (v === undefined || v === null) return null;
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new Shape(`${path}: expected a whole number`);
  return n;
}

export interface ListPage {
  totalResults: number | null;
  startIndex: number | null;
  resources: unknown[];
}

/**
 * Reads a ListResponse: `Resources` in any case, numbers that may be strings, no Resources when
 * empty. Only the top level is read here; each resource is parsed by its own reader.
 */
export function parseListPage(body: unknown): ListPage {
  try {
    if (!isObj(body)) throw new Shape('(root): expected an object');
    const totalResults = count(attr(body, 'totalResults'), 'totalResults');
    const startIndex = count(attr(body, 'startIndex'), 'startIndex');
    count(attr(body, 'itemsPerPage'), 'itemsPerPage');
    const raw = attr(body, 'Resources');
    if (raw !== undefined && raw !== null && !Array.isArray(raw)) throw new Shape('Resources: expected an array');
    const resources = (raw ?? []) as unknown[];
    if (raw === undefined && (totalResults ?? 0) > 0) {
      // totalResults says there is something, but no Resources came: not a page we can use.
      throw new Shape('a list response with totalResults but no Resources');
    }
    return { totalResults, startIndex, resources };
  } catch (error) {
    if (error instanceof Shape)
      throw new ScimError('SCIM_INVALID_RESPONSE', { detail: `a list response is not valid SCIM (${error.message})` });
    throw error;
  }
}
