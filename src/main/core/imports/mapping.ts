/**
 * Which CSV column holds which member field. Defaults are found from the header names, with the
 * names used by the user exports of Okta, Microsoft Entra ID and Google Workspace, and by the
 * console's own member export (so an export imports back without a mapping step).
 */

export const IMPORT_FIELDS = ['userName', 'givenName', 'familyName', 'groups', 'active'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** field -> column index, or null when the file has no such column. */
export type ColumnMapping = Record<ImportField, number | null>;

export const FIELD_LABELS: Record<ImportField, string> = {
  userName: 'Email (userName)',
  givenName: 'Given name',
  familyName: 'Family name',
  groups: 'Groups',
  active: 'Active',
};

/** Header spellings, normalised (lowercase, letters and digits only, bracketed notes dropped). */
const SYNONYMS: Record<ImportField, readonly string[]> = {
  userName: [
    'username', // the console's export, Okta ("Username")
    'email',
    'emailaddress', // Google Workspace ("Email Address [Required]")
    'primaryemail', // Okta ("Primary email")
    'userprincipalname', // Entra ID ("User principal name", "userPrincipalName")
    'mail',
    'login',
    'workemail',
  ],
  givenName: ['givenname', 'firstname', 'first', 'forename'],
  familyName: ['familyname', 'lastname', 'surname', 'last'],
  groups: ['groups', 'group', 'groupnames', 'memberof', 'teams'],
  active: ['active', 'status', 'accountenabled', 'enabled', 'state', 'accountstatus'],
};

export function normaliseHeader(header: string): string {
  return header
    .replace(/\[[^\]]*\]|\([^)]*\)/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The mapping the header names suggest; earlier synonyms win over later ones. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const normalised = headers.map(normaliseHeader);
  const used = new Set<number>();
  const mapping = {} as ColumnMapping;
  for (const field of IMPORT_FIELDS) {
    mapping[field] = null;
    for (const name of SYNONYMS[field]) {
      const index = normalised.findIndex((h, i) => h === name && !used.has(i));
      if (index !== -1) {
        mapping[field] = index;
        used.add(index);
        break;
      }
    }
  }
  return mapping;
}

/** Which IdP export the headers look like, for the wizard to say so. */
export function recogniseSource(headers: readonly string[]): 'okta' | 'entra' | 'google' | 'console' | null {
  const set = new Set(headers.map(normaliseHeader));
  if (set.has('userprincipalname') || set.has('objectid')) return 'entra';
  if (headers.some((h) => /\[required\]/i.test(h)) || set.has('orgunitpath')) return 'google';
  if (set.has('primaryemail') || (set.has('username') && set.has('firstname') && set.has('lastname'))) return 'okta';
  if (set.has('username') && set.has('givenname') && set.has('familyname')) return 'console';
  return null;
}

/**
 * Status words, as each source means them. Okta: ACTIVE, PASSWORD_EXPIRED, LOCKED_OUT and RECOVERY
 * are active accounts (locked out or mid-reset is temporary); SUSPENDED and DEPROVISIONED are not;
 * STAGED and PROVISIONED are not active yet (see PENDING). Entra ID's accountEnabled and Google
 * Workspace's Status [READ ONLY] ("Active", "Suspended", "Archived") read as the words say.
 */
const TRUE = new Set([
  'true',
  'yes',
  'y',
  '1',
  'active',
  'enabled',
  'recovery',
  'passwordexpired',
  'locked',
  'lockedout',
]);
/** Okta accounts not yet active (STAGED, PROVISIONED): an existing member is left as is, and none is created for them. */
const PENDING = new Set(['staged', 'provisioned']);
const FALSE = new Set([
  'false',
  'no',
  'n',
  '0',
  'inactive',
  'disabled',
  'suspended',
  'deprovisioned',
  'deactivated',
  'archived',
]);

/**
 * A status cell: true, false, null when empty (no change asked for), `pending` for an account the
 * source has not activated yet, or undefined when it says something else (reported on the row).
 */
export function parseActive(cell: string): boolean | 'pending' | null | undefined {
  const value = cell
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (value === '') return null;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  if (PENDING.has(value)) return 'pending';
  return undefined;
}

/** Group names in one cell: separated by `;` or `|` (or `,` inside a quoted cell), trimmed, no duplicates. */
export function parseGroups(cell: string): string[] {
  const names = cell
    .split(/[;|]|,(?![^(]*\))/)
    .map((g) => g.trim())
    .filter((g) => g.length > 0);
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
