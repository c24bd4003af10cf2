import type { AuditVerifyResult } from '../../../shared/domain/audit';
import { chainHash, GENESIS } from './canonical';
import { anchorMac, hashedFields, type AuditRow } from './rows';

/**
 * Walks rows in order from the entry `from` (seq and hash; seq 0 and the genesis hash for the whole
 * history): each must follow the one before it, link to it, and hash to what it records. Answers
 * the rows checked, the last, and the first that breaks the chain with why.
 */
export function walkChain(
  rows: Iterable<AuditRow>,
  from: { seq: number; hash: string } = { seq: 0, hash: GENESIS },
): { checked: number; last: AuditRow | undefined; broken: { row: AuditRow; reason: string } | null } {
  let prev = from.hash;
  let expectedSeq = from.seq + 1;
  let checked = 0;
  let last: AuditRow | undefined;
  for (const row of rows) {
    const reason =
      row.seq !== expectedSeq
        ? `entry ${expectedSeq} is missing`
        : row.prev_hash !== prev
          ? 'it does not link to the entry before it'
          : chainHash(row.prev_hash, hashedFields(row)) !== row.hash
            ? 'its content was changed after it was recorded'
            : null;
    if (reason) return { checked, last, broken: { row, reason } };
    prev = row.hash;
    expectedSeq += 1;
    checked += 1;
    last = row;
  }
  return { checked, last, broken: null };
}

/** Recomputes the whole chain, then checks the anchored head; names the first broken entry. */
export function verifyChain(
  rows: Iterable<AuditRow>,
  anchor: { seq: number; hash: string; mac: string } | undefined,
  anchorKey: Buffer | null,
): AuditVerifyResult {
  const walked = walkChain(rows);
  const { checked, last } = walked;
  if (walked.broken) return broken(checked, walked.broken.row.seq, walked.broken.row.id, walked.broken.reason);
  if (!anchorKey) {
    return {
      ok: true,
      checked,
      firstBroken: null,
      anchor: 'unverifiable',
      message: `The chain of ${checked} entries is intact; its anchor could not be checked because the keychain key is not available.`,
    };
  }
  if (!anchor)
    return {
      ok: false,
      checked,
      firstBroken: { seq: last?.seq ?? 0, id: last?.id ?? null, reason: 'the anchor is missing' },
      anchor: 'missing',
      message: 'The anchor of the history is missing: the file was tampered with or replaced.',
    };
  if (anchor.mac !== anchorMac(anchorKey, anchor.seq, anchor.hash)) {
    return {
      ok: false,
      checked,
      firstBroken: { seq: anchor.seq, id: null, reason: 'the anchor was forged' },
      anchor: 'mismatch',
      message: 'The anchor of the history does not match the key in the keychain: the file was rewritten.',
    };
  }
  if (!last) {
    return anchor.seq === 0
      ? { ok: true, checked: 0, firstBroken: null, anchor: 'empty', message: 'The history is empty.' }
      : {
          ok: false,
          checked,
          firstBroken: { seq: 1, id: null, reason: 'every entry was removed' },
          anchor: 'mismatch',
          message: `The history is empty, but its anchor records ${anchor.seq} entries: it was truncated.`,
        };
  }
  if (anchor.seq !== last.seq || anchor.hash !== last.hash) {
    const seq = Math.min(anchor.seq, last.seq + 1);
    return {
      ok: false,
      checked,
      firstBroken: {
        seq,
        id: null,
        reason:
          anchor.seq > last.seq ? `entries after ${last.seq} were removed` : 'entries were added outside the console',
      },
      anchor: 'mismatch',
      message: `The history ends at entry ${last.seq}, but its anchor records entry ${anchor.seq}.`,
    };
  }
  return {
    ok: true,
    checked,
    firstBroken: null,
    anchor: 'ok',
    message: `All ${checked} entries verify, and the anchor matches.`,
  };

  function broken(n: number, seq: number, id: string, reason: string): AuditVerifyResult {
    return {
      ok: false,
      checked: n,
      firstBroken: { seq, id, reason },
      anchor: 'mismatch',
      message: `Entry ${seq} is broken: ${reason}.`,
    };
  }
}
