/** Member names and emails as the console shows them: no schema library, so the renderer stays small. */
import type { MemberRow } from './directory';

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
