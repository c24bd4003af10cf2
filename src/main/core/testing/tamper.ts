import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * One tampering of a file, chosen by `run` (so a loop of runs covers every kind at many places): a
 * byte changed, bytes deleted, the file truncated, a byte inserted, or (with `deletions`) the file
 * removed. Answers what was done, for the failure message.
 */
export function tamperFile(file: string, run: number, { deletions = false } = {}): string {
  const bytes = readFileSync(file);
  const at = (run * 7919) % Math.max(1, bytes.length);
  const mode = run % (deletions ? 5 : 4);
  if (mode === 4) {
    rmSync(file);
    return 'deleted';
  }
  let mutated: Buffer;
  if (mode === 0) {
    mutated = Buffer.from(bytes);
    mutated[at] = (mutated[at]! + 1 + (run % 250)) % 256;
  } else if (mode === 1) mutated = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + (run % 20))]);
  else if (mode === 2) mutated = bytes.subarray(0, at);
  else mutated = Buffer.concat([bytes.subarray(0, at), Buffer.from('x'), bytes.subarray(at)]);
  writeFileSync(file, mutated);
  return `${['changed', 'cut', 'truncated', 'inserted'][mode]} at byte ${at}`;
}
