import type { Checkpoint } from './checkpoints';

/** How the history on disk compares with the newest signed checkpoint. */
export type HistoryFinding =
  | { kind: 'ok' }
  /** Entries after the checkpoint that chain to it: recorded while the keychain could not sign. */
  | { kind: 'extended'; from: number; to: number }
  | { kind: 'lost'; lost: number; message: string };

const RESTORE =
  'Put back the audit.sqlite (with its -wal file) from a backup and restart the console, or start a new history in Audit (the remains are kept aside, and the loss is recorded).';

/**
 * Compares the database with the newest checkpoint signed outside it. A history that is missing,
 * empty, older, shortened or rewritten is reported with what was lost; one that goes on past the
 * checkpoint is accepted only if every later entry links back to it.
 */
export function checkHistory(
  store: {
    head(): { seq: number; hash: string; at: string } | null;
    hashAt(seq: number): string | null;
    chainsFrom(seq: number, hash: string): boolean;
  },
  checkpoint: Checkpoint | null,
): HistoryFinding {
  if (!checkpoint || checkpoint.seq === 0) return { kind: 'ok' };
  const head = store.head();
  const signed = `the checkpoint signed at ${checkpoint.at} records ${checkpoint.seq} entries`;
  if (!head) {
    return {
      kind: 'lost',
      lost: checkpoint.seq,
      message: `The audit history is empty, but ${signed}: the file was deleted, emptied or replaced. ${RESTORE}`,
    };
  }
  if (head.seq < checkpoint.seq) {
    const lost = checkpoint.seq - head.seq;
    return {
      kind: 'lost',
      lost,
      message: `${lost} audit ${lost === 1 ? 'entry is' : 'entries are'} missing: the history ends at entry ${head.seq} (${head.at}), but ${signed}. An older copy was put back, or the newest entries (or the -wal file) were deleted. ${RESTORE}`,
    };
  }
  if (store.hashAt(checkpoint.seq) !== checkpoint.hash) {
    return {
      kind: 'lost',
      lost: checkpoint.seq,
      message: `Entry ${checkpoint.seq} is not the one that was signed at ${checkpoint.at}: the history up to it was rewritten or replaced. ${RESTORE}`,
    };
  }
  if (head.seq === checkpoint.seq) return { kind: 'ok' };
  if (!store.chainsFrom(checkpoint.seq, checkpoint.hash)) {
    return {
      kind: 'lost',
      lost: 0,
      message: `The entries after entry ${checkpoint.seq} (the last signed one) do not link to it: they were changed or added outside the console. ${RESTORE}`,
    };
  }
  return { kind: 'extended', from: checkpoint.seq + 1, to: head.seq };
}
