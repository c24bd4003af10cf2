import { EMAIL_PATTERN } from '../../../shared/domain/member-text';
import type { CsvSheet } from './csv-read';
import { parseActive, parseGroups, type ColumnMapping } from './mapping';

export interface RowIssue {
  /** Spreadsheet row number (header = 1); 0 for an issue about the whole file. */
  row: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface ParsedRow {
  row: number;
  key: string;
  userName: string;
  givenName: string;
  familyName: string;
  groups: string[] | null;
  /** `pending`: not yet active in the source (Okta STAGED, PROVISIONED). */
  active: boolean | 'pending' | null;
}

export const cell = (cells: readonly string[], index: number | null): string =>
  index === null ? '' : (cells[index] ?? '').trim();

/** Reads, validates and matches every row, then lists the SCIM steps that make the tenant match. */
/**
 * Reads and validates each row, then settles duplicates within the file (ignoring case):
 * identical ones are dropped with a warning, conflicting ones rejected. Issues are added to
 * `issues`; the rows kept come back in file order with how many were rejected.
 */
export function readRows(
  sheet: Pick<CsvSheet, 'headers' | 'rows'>,
  mapping: ColumnMapping,
  issues: RowIssue[],
): { rows: ParsedRow[]; rejected: number } {
  let rejected = 0;
  // The rightmost column the import reads: a row without it is short.
  const widest = Math.max(-1, ...Object.values(mapping).filter((i): i is number => i !== null));
  // 1. Each row on its own.
  const parsed: ParsedRow[] = [];
  for (const { row, cells } of sheet.rows) {
    const reject = (message: string) => {
      issues.push({ row, severity: 'error', message });
      rejected += 1;
    };
    if (mapping.userName === null) {
      rejected += 1;
      continue;
    }
    const extra = cells.slice(sheet.headers.length).filter((c) => c.trim() !== '');
    if (extra.length > 0) {
      reject(
        `has ${cells.length} fields but the header has ${sheet.headers.length}: a separator or quote may be misplaced`,
      );
      continue;
    }
    // A short row: a column the import reads is missing altogether (not empty). Reading it as empty
    // would drop the member's names or groups, so the row is left out and said to be short.
    if (cells.length <= widest) {
      reject(
        `is short: it has ${cells.length} field${cells.length === 1 ? '' : 's'} but the header has ${sheet.headers.length} (a line break inside a field, or a cut line?)`,
      );
      continue;
    }
    const userName = cell(cells, mapping.userName);
    if (!userName) {
      reject('has no email');
      continue;
    }
    if (!EMAIL_PATTERN.test(userName) || userName.length > 320) {
      reject(`"${userName.slice(0, 80)}" is not a valid email address`);
      continue;
    }
    const activeCell = cell(cells, mapping.active);
    const active = parseActive(activeCell);
    if (active === undefined) {
      reject(`the status "${activeCell.slice(0, 40)}" is not one of active / inactive, true / false, yes / no`);
      continue;
    }
    parsed.push({
      row,
      key: userName.toLowerCase(),
      userName,
      givenName: cell(cells, mapping.givenName),
      familyName: cell(cells, mapping.familyName),
      groups: mapping.groups === null ? null : parseGroups(cell(cells, mapping.groups)),
      active,
    });
  }

  // 2. Duplicates within the file, ignoring case: identical ones are dropped, conflicting ones rejected.
  const byKey = new Map<string, ParsedRow[]>();
  for (const p of parsed) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
  const rows: ParsedRow[] = [];
  const sameAs = (a: ParsedRow, b: ParsedRow) =>
    a.givenName === b.givenName &&
    a.familyName === b.familyName &&
    a.active === b.active &&
    JSON.stringify(a.groups?.map((g) => g.toLowerCase()).sort()) ===
      JSON.stringify(b.groups?.map((g) => g.toLowerCase()).sort());
  for (const group of byKey.values()) {
    const [first, ...rest] = group as [ParsedRow, ...ParsedRow[]];
    if (rest.length === 0) {
      rows.push(first);
      continue;
    }
    if (rest.every((r) => sameAs(first, r))) {
      rows.push(first);
      for (const r of rest) {
        issues.push({
          row: r.row,
          severity: 'warning',
          message: `repeats row ${first.row} (${first.userName}); used once`,
        });
      }
      continue;
    }
    for (const r of group) {
      const others = group.filter((o) => o !== r).map((o) => o.row);
      issues.push({
        row: r.row,
        severity: 'error',
        message: `${r.userName} is also on row${others.length > 1 ? 's' : ''} ${others.join(', ')} with different values; fix the file so it appears once`,
      });
      rejected += 1;
    }
  }
  rows.sort((a, b) => a.row - b.row);

  return { rows, rejected };
}
