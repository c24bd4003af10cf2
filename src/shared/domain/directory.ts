import { z } from 'zod';
import { memberSchema } from './scim';

/**
 * One member as the members table needs it: no raw resource, group ids only (the group names
 * live once in the groups list). 100,000 of these cross IPC in one answer.
 */
export const memberRowSchema = z.object({
  id: z.string(),
  userName: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  displayName: z.string().nullable(),
  /** Null when it equals userName (the usual case), to keep the table light. */
  email: z.string().nullable(),
  active: z.boolean(),
  roles: z.array(z.string()),
  groupIds: z.array(z.string()),
  lastModified: z.string().nullable(),
});
export type MemberRow = z.infer<typeof memberRowSchema>;

/** One member in full: the resource as the server sent it (secrets scrubbed), its row, and the curl that reads it. */
export const memberDetailSchema = z.object({ member: memberSchema, row: memberRowSchema, curl: z.string() });
export type MemberDetail = z.infer<typeof memberDetailSchema>;

export const groupRowSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  memberIds: z.array(z.string()),
  /** False when the server left members out of the listing (then memberIds is empty, not known). */
  membersKnown: z.boolean(),
  lastModified: z.string().nullable(),
});
export type GroupRow = z.infer<typeof groupRowSchema>;

export const directorySchema = z.object({
  members: z.array(memberRowSchema),
  groups: z.array(groupRowSchema),
  /** True when the listing stopped at a cap: the table says some members are missing. */
  truncated: z.boolean(),
  /** Resources the server sent broken (an unusable id, wrong types), left out of the listing. */
  skipped: z.number().int().nonnegative(),
  /** What was left out and why, in a sentence, or null when the listing is whole. */
  notice: z.string().nullable(),
  /** The member count the server announced (totalResults), when it gave one: fewer listed means incomplete. */
  announcedMembers: z.number().int().nonnegative().nullable(),
  loadedAt: z.string(),
});
export type Directory = z.infer<typeof directorySchema>;

// Plain helpers live apart so the renderer can use them without bundling zod.
