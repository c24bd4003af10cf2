import { TextDecoder } from 'node:util';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding a BOM announces, and how many bytes it takes; UTF-8 without one. */
export function detectEncoding(head: Uint8Array): { encoding: CsvEncoding; bomBytes: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  // UTF-16 without a BOM: ASCII text then has a NUL in every other byte.
  const sample = head.subarray(0, 512);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i += 1) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenNul += 1;
      else oddNul += 1;
    }
  }
  const half = sample.length / 2;
  if (half >= 8 && oddNul > half * 0.6 && evenNul === 0) return { encoding: 'utf-16le', bomBytes: 0 };
  if (half >= 8 && evenNul > half * 0.6 && oddNul === 0) return { encoding: 'utf-16be', bomBytes: 0 };
  return { encoding: 'utf-8', bomBytes: 0 };
}

function decoderFor(encoding: CsvEncoding): TextDecoder {
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
}

/** Decodes a stream of bytes to text in the encoding its first bytes announce, counting replaced characters. */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  onHead: (head: Uint8Array) => { encoding: CsvEncoding; bomBytes: number },
  counters: { replaced: number; bytes: number },
  onProgress?: (bytes: number) => void,
): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let pending: Uint8Array | null = null;
  for await (const raw of chunks) {
    let chunk = raw;
    counters.bytes += chunk.length;
    onProgress?.(counters.bytes);
    if (!decoder) {
      // Decide on the first 4 KiB at least (or the whole file when shorter).
      pending = pending ? concat(pending, chunk) : chunk;
      if (pending.length < 4096) continue;
      const found = onHead(pending);
      decoder = decoderFor(found.encoding);
      chunk = pending.subarray(found.bomBytes);
      pending = null;
    }
    const text = decoder.decode(chunk, { stream: true });
    counters.replaced += countReplacements(text);
    if (text) yield text;
  }
  if (!decoder) {
    const head = pending ?? new Uint8Array(0);
    const found = onHead(head);
    decoder = decoderFor(found.encoding);
    const text = decoder.decode(head.subarray(found.bomBytes), { stream: true });
    counters.replaced += countReplacements(text);
    if (text) yield text;
  }
  const tail = decoder.decode();
  counters.replaced += countReplacements(tail);
  if (tail) yield tail;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n += 1;
  return n;
}
