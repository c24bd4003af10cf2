import type { AuditVerifyResult } from '../../../shared/domain/audit';
import { chainHash, GENESIS } from './canonical';
import { anchorMac, hashedFields, type AuditRow } from './rows';

/** Recomputes the whole chain, then checks the anchored head; names the first broken entry. */
export function verifyChain(
  rows: Iterable<AuditRow>,
  anchor: { seq: number; hash: string; mac: string } | undefined,
  anchorKey: Buffer | null,
): AuditVerifyResult {
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  let last: AuditRow | undefined;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return broken(checked, row.seq, row.id, `entry ${expectedSeq} is missing`);
    if (row.prev_hash !== prev) return broken(checked, row.seq, row.id, 'it does not link to the entry before it');
    if (chainHash(row.prev_hash, hashedFields(row)) !== row.hash)
      return broken(checked, row.seq, row.id, 'its content was changed after it was recorded');
    prev = row.hash;
    expectedSeq += 1;
    checked += 1;
    last = row;
  }
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
