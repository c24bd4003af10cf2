import { personLookupSchema } from '../domain/lookup';
import { z } from 'zod';
import { isCleanId, isWellFormedText } from '../text';
import { EMAIL_PATTERN } from '../domain/member-text';
import { appInfoSchema } from '../domain/app-info';
import { taskProgressSchema } from '../domain/progress';
import { connectionReportSchema } from '../domain/scim';
import { tenantViewSchema } from '../domain/tenant';
import { auditEntrySchema, auditFilterSchema, auditStatusSchema, auditVerifySchema } from '../domain/audit';
import type { Channel, EventName } from './channels';
import { directorySchema, groupRowSchema, memberDetailSchema, memberRowSchema } from '../domain/directory';
import {
  BULK_ACTIONS,
  columnMappingSchema,
  importFileSchema,
  importPlanSchema,
  jobItemSchema,
  jobProgressSchema,
  jobViewSchema,
  planOptionsSchema,
} from '../domain/jobs';
import { undoAnywaySchema, undoCheckSchema, undoPlanSchema } from '../domain/undo';

/** Most member rows in one `directory.rows` event; main splits larger batches. */
export const DIRECTORY_ROWS_MAX = 10_000;

/** Inputs are always one options object; `{}` where a channel takes nothing. */
const noInput = z.object({}).strict();
/** Ids end up in URLs, file names and the audit history: well-formed text, no control characters. */
const id = (max: number) =>
  z.string().min(1).max(max).refine(isCleanId, 'must be well-formed text without control characters');
const tenantId = id(64);
/** A token travels renderer -> main only, in these inputs; no output schema has a place for one. */
const token = z.string().min(1).max(16_384);
const baseUrl = z.string().min(1).max(2048);
const memberId = id(256);
const groupId = id(256);
const taskId = id(128);
/** A calendar day, as a date input gives it. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day (YYYY-MM-DD)');

type BulkMember = { id: string; userName: string };
const BULK_MEMBERS_MAX = 200_000;

/**
 * The members of a bulk job, checked by hand rather than by a zod object per member: 200,000 of
 * them parsed by zod take 100-150 ms in one task of main; this loop takes a few. Same rules as
 * `memberId` and a userName of 1-320 characters, no other keys.
 */
function isBulkMembers(value: unknown): value is BulkMember[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > BULK_MEMBERS_MAX) return false;
  for (const item of value as unknown[]) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return false;
    const m = item as Record<string, unknown>;
    let keys = 0;
    for (const _key in m) keys += 1;
    if (keys !== 2) return false;
    const { id, userName } = m;
    if (typeof id !== 'string' || id.length < 1 || id.length > 256 || !isCleanId(id)) return false;
    if (typeof userName !== 'string' || userName.length < 1 || userName.length > 320) return false;
  }
  return true;
}
const bulkMembers = z.custom<BulkMember[]>(
  isBulkMembers,
  `between 1 and ${BULK_MEMBERS_MAX} members, each { id, userName } only`,
);
const jobId = z.string().uuid();
const importId = z.string().uuid();
const text = (max: number) => z.string().trim().min(1).max(max).refine(isWellFormedText, 'must be well-formed text');
const groupName = text(256);
const personName = text(128);
/** InVision's userName is the member's email; checked again by the server. */
const undoAnyway = undoAnywaySchema.nullish();
const email = z.string().trim().min(3).max(320).regex(EMAIL_PATTERN, 'must be an email address');

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
  /** A SCIM write against `input.tenantId`: the router refuses it on a read-only tenant. */
  tenantWrite?: true;
}

/** channel -> input and output schemas. `satisfies` makes a missing or extra channel a compile error. */
export const contract = {
  'app.info': { input: noInput, output: appInfoSchema },
  'tenants.list': {
    input: noInput,
    output: z.object({
      tenants: z.array(tenantViewSchema),
      activeId: z.string().nullable(),
      notice: z.string().nullable(),
    }),
  },
  'tenants.open': { input: z.object({ tenantId, readOnly: z.boolean() }).strict(), output: tenantViewSchema },
  'tenants.testDraft': { input: z.object({ baseUrl, token }).strict(), output: connectionReportSchema },
  'tenants.test': { input: z.object({ tenantId }).strict(), output: connectionReportSchema },
  'tenants.add': {
    input: z.object({ name: z.string().max(200), baseUrl, token, readOnly: z.boolean() }).strict(),
    output: z.object({ tenant: tenantViewSchema.nullable(), report: connectionReportSchema }),
  },
  'tenants.update': {
    input: z
      .object({
        tenantId,
        name: z.string().max(200),
        readOnly: z.boolean(),
        requireSeparateApplier: z.boolean().optional(),
      })
      .strict(),
    output: tenantViewSchema,
  },
  'tenants.rotateToken': {
    input: z.object({ tenantId, token }).strict(),
    output: z.object({ tenant: tenantViewSchema.nullable(), report: connectionReportSchema }),
  },
  'tenants.remove': { input: z.object({ tenantId }).strict(), output: z.object({ removed: z.literal(true) }) },
  'tenants.export': { input: noInput, output: z.object({ path: z.string().nullable(), count: z.number().int() }) },
  'tenants.import': {
    input: noInput,
    output: z.object({ path: z.string().nullable(), added: z.number().int(), skipped: z.array(z.string()) }),
  },
  'directory.load': {
    input: z.object({ tenantId, taskId }).strict(),
    output: directorySchema,
  },
  'members.get': {
    input: z.object({ tenantId, memberId }).strict(),
    output: memberDetailSchema,
  },
  'members.provision': {
    input: z.object({ tenantId, userName: email, givenName: personName, familyName: personName }).strict(),
    output: z.object({ member: memberRowSchema, outcome: z.enum(['created', 'existing']) }),
    tenantWrite: true,
  },
  'members.deactivate': {
    input: z.object({ tenantId, memberId }).strict(),
    output: memberDetailSchema,
    tenantWrite: true,
  },
  'members.reactivate': {
    input: z.object({ tenantId, memberId }).strict(),
    output: memberDetailSchema,
    tenantWrite: true,
  },
  'members.delete': {
    input: z.object({ tenantId, memberId }).strict(),
    output: z.object({ deleted: z.literal(true) }),
    tenantWrite: true,
  },
  'members.export': {
    input: z.object({ tenantId, format: z.enum(['csv', 'json']), memberIds: z.array(memberId).max(500_000) }).strict(),
    output: z.object({ path: z.string().nullable(), count: z.number().int() }),
  },
  'groups.create': {
    input: z.object({ tenantId, displayName: groupName }).strict(),
    output: groupRowSchema,
    tenantWrite: true,
  },
  'groups.rename': {
    input: z.object({ tenantId, groupId, displayName: groupName }).strict(),
    output: groupRowSchema,
    tenantWrite: true,
  },
  'groups.delete': {
    input: z.object({ tenantId, groupId }).strict(),
    output: z.object({ deleted: z.literal(true) }),
    tenantWrite: true,
  },
  'groups.addMembers': {
    input: z
      .object({ tenantId, groupId, memberIds: z.array(memberId).min(1).max(100_000), taskId: taskId.nullable() })
      .strict(),
    output: groupRowSchema,
    tenantWrite: true,
  },
  'groups.removeMember': {
    input: z.object({ tenantId, groupId, memberId }).strict(),
    output: groupRowSchema,
    tenantWrite: true,
  },
  'audit.activity': {
    input: z.object({ tenantId: tenantId.nullable(), days: z.number().int().min(1).max(366) }).strict(),
    output: z.object({
      days: z.array(z.object({ day: z.string(), success: z.number().int(), failure: z.number().int() })),
    }),
  },
  'audit.status': { input: noInput, output: auditStatusSchema },
  'audit.query': {
    input: z
      .object({
        filter: auditFilterSchema,
        before: z.number().int().positive().nullable(),
        limit: z.number().int().min(1).max(500),
      })
      .strict(),
    output: z.object({ entries: z.array(auditEntrySchema), nextBefore: z.number().int().nullable() }),
  },
  'audit.facets': {
    input: noInput,
    output: z.object({
      actions: z.array(z.string()),
      actors: z.array(z.string()),
      tenants: z.array(z.object({ value: z.string(), label: z.string() })),
    }),
  },
  'audit.verify': { input: noInput, output: auditVerifySchema },
  'audit.export': {
    input: z.object({ format: z.enum(['csv', 'jsonl']) }).strict(),
    output: z.object({ path: z.string().nullable(), entries: z.number().int() }),
  },
  'audit.startFresh': { input: z.object({ confirm: z.literal(true) }).strict(), output: auditStatusSchema },
  'audit.exportPublicKey': {
    input: noInput,
    output: z.object({ path: z.string().nullable(), fingerprint: z.string().nullable() }),
  },
  'audit.rotateSigningKey': {
    input: z.object({ confirm: z.literal(true) }).strict(),
    output: z.object({ fingerprint: z.string() }),
  },
  'evidence.reviewPack': {
    input: z.object({ tenantId, from: day, to: day, taskId }).strict(),
    output: z.object({
      path: z.string().nullable(),
      members: z.number().int(),
      changes: z.number().int(),
      leavers: z.number().int(),
      signed: z.boolean(),
    }),
  },
  'jobs.list': {
    input: z.object({ tenantId: tenantId.nullable() }).strict(),
    output: z.object({ jobs: z.array(jobViewSchema) }),
  },
  'jobs.unfinished': { input: noInput, output: z.object({ jobs: z.array(jobViewSchema) }) },
  'jobs.startBulk': {
    input: z
      .object({
        tenantId,
        action: z.enum(BULK_ACTIONS),
        members: bulkMembers,
        groupId: groupId.optional(),
        groupName: groupName.optional(),
        confirmCount: z.number().int().nonnegative().optional(),
      })
      .strict(),
    output: jobViewSchema,
    tenantWrite: true,
  },
  'jobs.pause': { input: z.object({ jobId }).strict(), output: jobViewSchema },
  'jobs.resume': { input: z.object({ tenantId, jobId }).strict(), output: jobViewSchema, tenantWrite: true },
  'jobs.cancel': { input: z.object({ jobId }).strict(), output: jobViewSchema },
  'jobs.retryFailed': { input: z.object({ tenantId, jobId }).strict(), output: jobViewSchema, tenantWrite: true },
  'jobs.items': {
    input: z
      .object({
        jobId,
        state: z.enum(['planned', 'in_flight', 'done', 'failed', 'skipped']).nullable(),
        offset: z.number().int().nonnegative(),
        limit: z.number().int().min(1).max(500),
      })
      .strict(),
    output: z.object({ items: z.array(jobItemSchema), total: z.number().int() }),
  },
  'jobs.exportReport': {
    input: z.object({ jobId }).strict(),
    output: z.object({ path: z.string().nullable(), count: z.number().int() }),
  },
  'import.chooseFile': { input: z.object({ tenantId, taskId }).strict(), output: importFileSchema.nullable() },
  'import.plan': {
    input: z.object({ tenantId, importId, mapping: columnMappingSchema, options: planOptionsSchema, taskId }).strict(),
    output: importPlanSchema.extend({ planId: z.string() }),
  },
  'import.exportPlan': {
    input: z.object({ tenantId, importId }).strict(),
    output: z.object({ path: z.string().nullable(), steps: z.number().int(), signed: z.boolean() }),
  },
  /** A plan file exported by an installation of the console, proven by its signature, for this tenant. */
  'import.openPlan': {
    input: z.object({ tenantId }).strict(),
    output: importPlanSchema.extend({ planId: z.string() }).nullable(),
  },
  'import.apply': {
    input: z
      .object({
        tenantId,
        importId,
        planId: z.string().uuid(),
        confirmation: z.string().max(200).nullable(),
        /** Progress of the fresh read of the tenant that checks the plan before it is applied. */
        taskId: taskId.optional(),
      })
      .strict(),
    output: jobViewSchema,
    tenantWrite: true,
  },
  'import.checkPlan': {
    input: z.object({ tenantId, importId, planId: z.string().uuid(), taskId }).strict(),
    output: z.object({
      checkedAt: z.string(),
      stale: z.number().int(),
      examples: z.array(z.object({ row: z.number().int().nullable(), description: z.string(), reason: z.string() })),
    }),
  },
  /** The undo plan of a finished or cancelled job; `recreateDeleted` re-creates deleted members (new ids). */
  'undo.planJob': {
    input: z.object({ tenantId, jobId, recreateDeleted: z.boolean(), taskId }).strict(),
    output: undoPlanSchema,
  },
  /** The undo plan of a single action, by its audit entry. */
  'undo.planEntry': {
    input: z.object({ tenantId, entryId: id(64), recreateDeleted: z.boolean(), taskId }).strict(),
    output: undoPlanSchema,
  },
  /** `undoAnyway`: members changed since the undone change that the admin chose to take back all the same. */
  'undo.apply': {
    input: z
      .object({
        tenantId,
        planId: z.string().uuid(),
        confirmation: z.string().max(200).nullable(),
        undoAnyway,
        taskId,
      })
      .strict(),
    output: jobViewSchema,
    tenantWrite: true,
  },
  'undo.check': {
    input: z.object({ tenantId, planId: z.string().uuid(), undoAnyway, taskId }).strict(),
    output: undoCheckSchema,
  },
  'people.find': {
    input: z.object({ userName: email }).strict(),
    output: personLookupSchema,
  },
} as const satisfies Record<Channel, ChannelSpec>;

/** event -> payload schema, the allow-list of what main may push to the renderer. */
export const eventContract = {
  'task.progress': taskProgressSchema,
  /** Members as their pages arrive, so the table fills while a large tenant loads. */
  'directory.rows': z.object({ taskId, rows: z.array(memberRowSchema).max(DIRECTORY_ROWS_MAX) }),
  /** A bulk job's progress: done, failed, rate, ETA. */
  'job.progress': jobProgressSchema,
} as const satisfies Record<EventName, z.ZodType>;

export type Contract = typeof contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof eventContract)[E]>;

// Compile-time check that channels.ts lists exactly the contract's keys.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsMatch: Exact<keyof Contract, Channel> = true;
const eventsMatch: Exact<keyof typeof eventContract, EventName> = true;
void channelsMatch;
void eventsMatch;
