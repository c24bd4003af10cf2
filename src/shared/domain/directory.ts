import { z } from 'zod';

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
  /** True when the listing stopped at the page cap: the table says some members are missing. */
  truncated: z.boolean(),
  loadedAt: z.string(),
});
export type Directory = z.infer<typeof directorySchema>;

/** The name a person would read: displayName, else given + family, else userName. */
export function memberName(m: Pick<MemberRow, 'displayName' | 'givenName' | 'familyName' | 'userName'>): string {
  if (m.displayName) return m.displayName;
  const joined = [m.givenName, m.familyName].filter(Boolean).join(' ');
  return joined || m.userName;
}

/** The member's email: the one the server sent, else the userName (InVision's userName is the email). */
export function memberEmail(m: Pick<MemberRow, 'email' | 'userName'>): string {
  return m.email ?? m.userName;
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
