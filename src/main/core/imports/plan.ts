import type { Operation } from '../jobs/operations';
import type { CsvSheet } from './csv-read';
import { readRows, type ParsedRow, type RowIssue } from './plan-rows';

import type { ColumnMapping } from './mapping';

/** The tenant as the plan sees it: from the directory listing, matched by userName ignoring case. */
export interface TenantSnapshot {
  members: ReadonlyArray<{ id: string; userName: string; active: boolean; groupIds: readonly string[] }>;
  groups: ReadonlyArray<{ id: string; displayName: string }>;
}

export interface PlanOptions {
  /** Deactivate active members of the tenant that the file does not list (off unless asked for). */
  deactivateMissing: boolean;
  /** Create groups the file names that the tenant does not have. */
  createUnknownGroups: boolean;
  /** The groups column is each member's full list: remove members from groups it does not name. */
  removeUnlistedGroups: boolean;
  /** Create members the source has not activated yet (Okta STAGED, PROVISIONED), as inactive members. */
  createPending?: boolean;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  deactivateMissing: false,
  createUnknownGroups: false,
  removeUnlistedGroups: false,
};

export interface PlanStep {
  /** The row that asked for it; null for a step about members missing from the file. */
  row: number | null;
  op: Operation;
}

export interface PlanCounts {
  create: number;
  reactivate: number;
  deactivate: number;
  addToGroup: number;
  removeFromGroup: number;
  createGroup: number;
  /** Rows that match the tenant already. */
  noChange: number;
  /** Rows left out on purpose: inactive (or not yet active) in the file and absent from the tenant. */
  skipped: number;
  /** Rows left out because of an error. */
  rejected: number;
}

export interface DriftReport {
  /** Active in InVision, not in the file: possibly not offboarded. */
  activeNotInFile: Array<{ id: string; userName: string }>;
  /** In the file (active), not in InVision. */
  inFileNotInTenant: string[];
  /** Inactive in InVision, active in the file. */
  inactiveButActiveInFile: Array<{ id: string; userName: string }>;
}

export interface ImportPlan {
  rows: number;
  issues: RowIssue[];
  steps: PlanStep[];
  counts: PlanCounts;
  unknownGroups: string[];
  drift: DriftReport;
  /** A typed confirmation is needed before applying: more than 10% of active members deactivated. */
  safeguard: { required: boolean; reasons: string[]; phrase: string | null };
  activeMembers: number;
}

export function planImport(
  sheet: Pick<CsvSheet, 'headers' | 'rows' | 'issues'>,
  mapping: ColumnMapping,
  tenant: TenantSnapshot,
  options: PlanOptions = DEFAULT_PLAN_OPTIONS,
): ImportPlan {
  const issues: RowIssue[] = sheet.issues.map((i) => ({ row: i.row, severity: 'error', message: i.message }));
  const counts: PlanCounts = {
    create: 0,
    reactivate: 0,
    deactivate: 0,
    addToGroup: 0,
    removeFromGroup: 0,
    createGroup: 0,
    noChange: 0,
    skipped: 0,
    rejected: sheet.issues.length,
  };
  if (mapping.userName === null) {
    issues.unshift({ row: 0, severity: 'error', message: 'No column is mapped to Email (userName).' });
  }

  const read = readRows(sheet, mapping, issues);
  const rows = read.rows;
  counts.rejected += read.rejected;

  // 3. Matching against the tenant.
  const members = new Map(tenant.members.map((m) => [m.userName.toLowerCase(), m]));
  const groupsByName = new Map(tenant.groups.map((g) => [g.displayName.toLowerCase(), g]));
  const groupNames = new Map(tenant.groups.map((g) => [g.id, g.displayName]));
  const unknownGroups = new Map<string, string>();
  const missing = new Map<string, { name: string; row: number; rows: number }>();
  const steps: PlanStep[] = [];
  const drift: DriftReport = { activeNotInFile: [], inFileNotInTenant: [], inactiveButActiveInFile: [] };

  const groupSteps = (p: ParsedRow, userId: string | null, current: readonly string[]): PlanStep[] => {
    if (p.groups === null) return [];
    const out: PlanStep[] = [];
    const listed = new Set<string>();
    for (const name of p.groups) {
      const known = groupsByName.get(name.toLowerCase());
      if (known) {
        listed.add(known.id);
        if (!current.includes(known.id)) {
          out.push({
            row: p.row,
            op: { type: 'addToGroup', userName: p.userName, userId, groupId: known.id, groupName: known.displayName },
          });
        }
        continue;
      }
      if (!unknownGroups.has(name.toLowerCase())) unknownGroups.set(name.toLowerCase(), name);
      if (options.createUnknownGroups) {
        out.push({
          row: p.row,
          op: {
            type: 'addToGroup',
            userName: p.userName,
            userId,
            groupId: null,
            groupName: unknownGroups.get(name.toLowerCase())!,
          },
        });
      } else {
        // One warning per unknown group (with how many rows name it), not one per membership.
        const seen = missing.get(name.toLowerCase());
        if (seen) seen.rows += 1;
        else missing.set(name.toLowerCase(), { name, row: p.row, rows: 1 });
      }
    }
    if (options.removeUnlistedGroups && userId) {
      for (const groupId of current) {
        if (!listed.has(groupId)) {
          out.push({
            row: p.row,
            op: {
              type: 'removeFromGroup',
              userName: p.userName,
              userId,
              groupId,
              groupName: groupNames.get(groupId) ?? groupId,
            },
          });
        }
      }
    }
    return out;
  };

  for (const p of rows) {
    const member = members.get(p.key);
    const fileActive = p.active === true || p.active === null;
    if (!member) {
      if (p.active === 'pending' && !options.createPending) {
        issues.push({
          row: p.row,
          severity: 'warning',
          message: `${p.userName} is not active yet in the source (staged or provisioned); not created (choose Create members not yet active to create them, inactive)`,
        });
        counts.skipped += 1;
        continue;
      }
      if (p.active === false) {
        issues.push({
          row: p.row,
          severity: 'warning',
          message: `${p.userName} is inactive in the file and not in the tenant; not created`,
        });
        counts.skipped += 1;
        continue;
      }
      drift.inFileNotInTenant.push(p.userName);
      if (!p.givenName || !p.familyName) {
        issues.push({
          row: p.row,
          severity: 'error',
          message: `${p.userName} is new: a given name and a family name are needed to create the member`,
        });
        counts.rejected += 1;
        continue;
      }
      steps.push({
        row: p.row,
        op: { type: 'create', userName: p.userName, givenName: p.givenName, familyName: p.familyName },
      });
      // Not active yet in the source: created, then deactivated at once, so no access is granted.
      if (p.active === 'pending') {
        steps.push({ row: p.row, op: { type: 'setActive', userName: p.userName, userId: null, active: false } });
      }
      steps.push(...groupSteps(p, null, []));
      continue;
    }
    if (!member.active && fileActive) drift.inactiveButActiveInFile.push({ id: member.id, userName: member.userName });
    const before = steps.length;
    if (p.active === true && !member.active) {
      steps.push({ row: p.row, op: { type: 'setActive', userName: member.userName, userId: member.id, active: true } });
    } else if (p.active === false && member.active) {
      steps.push({
        row: p.row,
        op: { type: 'setActive', userName: member.userName, userId: member.id, active: false },
      });
    }
    steps.push(...groupSteps({ ...p, userName: member.userName }, member.id, member.groupIds));
    if (steps.length === before) counts.noChange += 1;
  }

  for (const m of missing.values()) {
    issues.push({
      row: m.row,
      severity: 'warning',
      message: `the group "${m.name}" does not exist: ${m.rows === 1 ? 'the member on this row is' : `${m.rows.toLocaleString('en-US')} members (from this row on) are`} not added to it (choose Create missing groups to create it)`,
    });
  }

  const inFile = new Set(rows.map((r) => r.key));
  for (const m of tenant.members) {
    if (m.active && !inFile.has(m.userName.toLowerCase())) {
      drift.activeNotInFile.push({ id: m.id, userName: m.userName });
      if (options.deactivateMissing) {
        steps.push({ row: null, op: { type: 'setActive', userName: m.userName, userId: m.id, active: false } });
      }
    }
  }

  // Groups to create come first.
  const creates: PlanStep[] = [];
  if (options.createUnknownGroups) {
    const needed = new Set(
      steps
        .filter((s) => s.op.type === 'addToGroup' && s.op.groupId === null)
        .map((s) => (s.op as { groupName: string }).groupName),
    );
    for (const name of needed) creates.push({ row: null, op: { type: 'createGroup', groupName: name } });
  }
  const all = [...creates, ...steps];
  for (const s of all) {
    switch (s.op.type) {
      case 'create':
        counts.create += 1;
        break;
      case 'setActive':
        if (s.op.active) counts.reactivate += 1;
        // A member created inactive (not yet active in the source) is counted as created only.
        else if (s.op.userId !== null) counts.deactivate += 1;
        break;
      case 'addToGroup':
        counts.addToGroup += 1;
        break;
      case 'removeFromGroup':
        counts.removeFromGroup += 1;
        break;
      case 'createGroup':
        counts.createGroup += 1;
        break;
      case 'delete':
        break;
    }
  }

  const activeMembers = tenant.members.filter((m) => m.active).length;
  const reasons: string[] = [];
  if (counts.deactivate > 0 && counts.deactivate > activeMembers * 0.1) {
    reasons.push(
      `${counts.deactivate.toLocaleString('en-US')} of ${activeMembers.toLocaleString('en-US')} active members would be deactivated (more than 10%)`,
    );
  }
  const deletes = all.filter((s) => s.op.type === 'delete').length;
  if (deletes > 0) reasons.push(`${deletes} members would be deleted`);
  return {
    rows: sheet.rows.length + sheet.issues.length,
    issues: issues.sort((a, b) => a.row - b.row),
    steps: all,
    counts,
    unknownGroups: [...unknownGroups.values()],
    drift,
    safeguard: {
      required: reasons.length > 0,
      reasons,
      phrase: reasons.length > 0 ? `deactivate ${counts.deactivate}` : null,
    },
    activeMembers,
  };
}
