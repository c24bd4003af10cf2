import { describe, expect, it } from 'vitest';
import { parseActive, parseGroups, recogniseSource, suggestMapping } from './mapping';
import { DEFAULT_PLAN_OPTIONS, planImport, type TenantSnapshot } from './plan';

const tenant: TenantSnapshot = {
  members: [
    { id: 'u1', userName: 'Ana@Acme.example', active: true, groupIds: ['g1'] },
    { id: 'u2', userName: 'ben@acme.example', active: false, groupIds: [] },
    { id: 'u3', userName: 'cy@acme.example', active: true, groupIds: ['g1', 'g2'] },
  ],
  groups: [
    { id: 'g1', displayName: 'Design' },
    { id: 'g2', displayName: 'Ops' },
  ],
};

function sheet(lines: string[][]) {
  const [headers, ...rows] = lines as [string[], ...string[][]];
  return { headers, rows: rows.map((cells, i) => ({ row: i + 2, cells })), issues: [] };
}

describe('column mapping', () => {
  it('recognises the exports of Okta, Entra ID, Google Workspace and the console', () => {
    const okta = ['Username', 'First name', 'Last name', 'Primary email', 'Status'];
    expect(recogniseSource(okta)).toBe('okta');
    expect(suggestMapping(okta)).toEqual({ userName: 0, givenName: 1, familyName: 2, groups: null, active: 4 });
    const entra = [
      'User principal name',
      'Display name',
      'Surname',
      'Mail',
      'Given name',
      'Object Id',
      'Account enabled',
    ];
    expect(recogniseSource(entra)).toBe('entra');
    expect(suggestMapping(entra)).toEqual({ userName: 0, givenName: 4, familyName: 2, groups: null, active: 6 });
    const google = ['First Name [Required]', 'Last Name [Required]', 'Email Address [Required]', 'Status [READ ONLY]'];
    expect(recogniseSource(google)).toBe('google');
    expect(suggestMapping(google)).toEqual({ userName: 2, givenName: 0, familyName: 1, groups: null, active: 3 });
    const own = ['id', 'userName', 'givenName', 'familyName', 'displayName', 'email', 'active', 'roles', 'groups'];
    expect(recogniseSource(own)).toBe('console');
    expect(suggestMapping(own)).toEqual({ userName: 1, givenName: 2, familyName: 3, groups: 8, active: 6 });
  });

  it('reads status words and group lists', () => {
    expect([parseActive('ACTIVE'), parseActive('Suspended'), parseActive(''), parseActive('maybe')]).toEqual([
      true,
      false,
      null,
      undefined,
    ]);
    expect(parseGroups(' Design; ops |Design ')).toEqual(['Design', 'ops']);
    // Okta's statuses as Okta means them.
    expect(
      [
        'ACTIVE',
        'PASSWORD_EXPIRED',
        'LOCKED_OUT',
        'RECOVERY',
        'SUSPENDED',
        'DEPROVISIONED',
        'STAGED',
        'PROVISIONED',
      ].map(parseActive),
    ).toEqual([true, true, true, true, false, false, 'pending', 'pending']);
  });
});

describe('the import plan', () => {
  const mapping = { userName: 0, givenName: 1, familyName: 2, groups: 3, active: 4 };

  it('creates, reactivates, deactivates and adds to groups; matches emails ignoring case; leaves the rest alone', () => {
    const plan = planImport(
      sheet([
        ['email', 'first', 'last', 'groups', 'status'],
        ['ana@acme.example', 'Ana', 'S', 'Design', 'active'],
        ['BEN@acme.example', 'Ben', 'O', 'Ops', 'active'],
        ['cy@acme.example', 'Cy', 'T', '', 'inactive'],
        ['dee@acme.example', 'Dee', 'U', 'Design; Ops', ''],
      ]),
      mapping,
      tenant,
    );
    expect(plan.issues).toEqual([]);
    expect(plan.steps.map((s) => [s.row, s.op.type, 'userName' in s.op ? s.op.userName : ''])).toEqual([
      [3, 'setActive', 'ben@acme.example'],
      [3, 'addToGroup', 'ben@acme.example'],
      [4, 'setActive', 'cy@acme.example'],
      [5, 'create', 'dee@acme.example'],
      [5, 'addToGroup', 'dee@acme.example'],
      [5, 'addToGroup', 'dee@acme.example'],
    ]);
    expect(plan.counts).toMatchObject({
      create: 1,
      reactivate: 1,
      deactivate: 1,
      addToGroup: 3,
      noChange: 1,
      rejected: 0,
    });
    expect(plan.safeguard.required).toBe(true); // 1 of 2 active members is more than 10%
    expect(plan.safeguard.phrase).toBe('deactivate 1');
  });

  it('reports bad rows by number: invalid email, conflicting duplicates, missing names, unknown status, long and short rows', () => {
    const plan = planImport(
      sheet([
        ['email', 'first', 'last', 'groups', 'status'],
        ['not-an-email', 'X', 'Y', '', ''],
        ['new@acme.example', 'N', 'One', '', ''],
        ['NEW@acme.example', 'N', 'Two', '', ''],
        ['same@acme.example', 'S', 'S', '', ''],
        ['same@acme.example', 'S', 'S', '', ''],
        ['nameless@acme.example', '', '', '', ''],
        ['odd@acme.example', 'O', 'D', '', 'perhaps'],
        ['extra@acme.example', 'E', 'X', '', '', 'surplus'],
        ['short@acme.example', 'Sh'],
      ]),
      mapping,
      tenant,
    );
    const byRow = Object.fromEntries(plan.issues.map((i) => [i.row, `${i.severity}: ${i.message}`]));
    expect(byRow[2]).toMatch(/^error: .*not a valid email/);
    expect(byRow[3]).toMatch(/^error: .*also on row 4/);
    expect(byRow[4]).toMatch(/^error: .*also on row 3/);
    expect(byRow[6]).toMatch(/^warning: repeats row 5/);
    expect(byRow[7]).toMatch(/^error: .*given name and a family name/);
    expect(byRow[8]).toMatch(/^error: the status "perhaps"/);
    expect(byRow[9]).toMatch(/^error: has 6 fields but the header has 5/);
    expect(byRow[10]).toMatch(/^error: is short: it has 2 fields but the header has 5/);
    expect(plan.steps.map((s) => s.op.type)).toEqual(['create']);
  });

  it('creates members not yet active in the source only when asked, and then as inactive', () => {
    const rows = sheet([
      ['email', 'first', 'last', 'groups', 'status'],
      ['staged@acme.example', 'Sta', 'Ged', 'Design', 'STAGED'],
    ]);
    const plain = planImport(rows, mapping, tenant);
    expect(plain.steps).toEqual([]);
    expect(plain.counts.skipped).toBe(1);
    expect(plain.issues[0]?.message).toMatch(/not active yet .* not created/);
    const asked = planImport(rows, mapping, tenant, { ...DEFAULT_PLAN_OPTIONS, createPending: true });
    expect(asked.steps.map((s) => s.op.type)).toEqual(['create', 'setActive', 'addToGroup']);
    expect(asked.steps[1]!.op).toMatchObject({ active: false, userId: null });
    // Counted as a creation, not as a deactivation that could trip the safeguard.
    expect(asked.counts).toMatchObject({ create: 1, deactivate: 0, skipped: 0 });
  });

  it('offers unknown groups, creates them only when asked, and deactivates members missing from the file only when asked', () => {
    const rows = sheet([
      ['email', 'first', 'last', 'groups', 'status'],
      ['ana@acme.example', 'Ana', 'S', 'Design; Research', ''],
    ]);
    const plain = planImport(rows, mapping, tenant);
    expect(plain.unknownGroups).toEqual(['Research']);
    expect(plain.issues[0]).toMatchObject({ row: 2, severity: 'warning' });
    expect(plain.steps).toEqual([]);
    expect(plain.drift.activeNotInFile.map((m) => m.userName)).toEqual(['cy@acme.example']);

    const full = planImport(rows, mapping, tenant, {
      deactivateMissing: true,
      createUnknownGroups: true,
      removeUnlistedGroups: false,
    });
    expect(full.steps.map((s) => s.op)).toEqual([
      { type: 'createGroup', groupName: 'Research' },
      { type: 'addToGroup', userName: 'Ana@Acme.example', userId: 'u1', groupId: null, groupName: 'Research' },
      { type: 'setActive', userName: 'cy@acme.example', userId: 'u3', active: false },
    ]);
  });
});

describe('an Okta export', () => {
  it('creates no member for a staged account, leaves a locked-out one active, and deactivates a suspended one', () => {
    const mapping = { userName: 0, givenName: 1, familyName: 2, groups: null, active: 3 };
    const plan = planImport(
      sheet([
        ['Username', 'First name', 'Last name', 'Status'],
        ['new@acme.example', 'New', 'Person', 'STAGED'],
        ['ana@acme.example', 'Ana', 'A', 'LOCKED_OUT'],
        ['cy@acme.example', 'Cy', 'C', 'SUSPENDED'],
        ['ben@acme.example', 'Ben', 'B', 'PROVISIONED'],
      ]),
      mapping,
      tenant,
      { deactivateMissing: false, createUnknownGroups: false, removeUnlistedGroups: false },
    );
    expect(plan.steps.map((s) => s.op)).toEqual([
      { type: 'setActive', userName: 'cy@acme.example', userId: 'u3', active: false },
    ]);
    expect(plan.issues).toContainEqual({
      row: 2,
      severity: 'warning',
      message:
        'new@acme.example is not active yet in the source (staged or provisioned); not created (choose Create members not yet active to create them, inactive)',
    });
    // Counted as skipped, not as "already right".
    expect(plan.counts).toMatchObject({ skipped: 1, noChange: 2, deactivate: 1 });
    // Ben is inactive in the tenant and only provisioned in Okta: not reported as active in the file.
    expect(plan.drift.inactiveButActiveInFile).toEqual([]);
  });
});

describe('unknown groups', () => {
  it('are reported once each, with how many rows name them', () => {
    const plan = planImport(
      sheet([
        ['Email', 'Groups'],
        ['ana@acme.example', 'Research; Design'],
        ['cy@acme.example', 'Research; Design; Ops'],
        ['ben@acme.example', 'Legal'],
      ]),
      { userName: 0, givenName: null, familyName: null, groups: 1, active: null },
      tenant,
      { deactivateMissing: false, createUnknownGroups: false, removeUnlistedGroups: false },
    );
    expect(plan.unknownGroups).toEqual(['Research', 'Legal']);
    expect(plan.issues.filter((i) => i.message.includes('does not exist'))).toEqual([
      {
        row: 2,
        severity: 'warning',
        message:
          'the group "Research" does not exist: 2 members (from this row on) are not added to it (choose Create missing groups to create it)',
      },
      {
        row: 4,
        severity: 'warning',
        message:
          'the group "Legal" does not exist: the member on this row is not added to it (choose Create missing groups to create it)',
      },
    ]);
  });
});
