import { ScimError } from './errors';

/** A body that sent nothing for the idle timeout; retried at most once (see `request`). */
export const stalls = new WeakSet<ScimError>();

/** Reads one chunk, or fails when none arrives within idleMs. */
function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleMs: number,
): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>> | 'stalled'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('stalled'), idleMs);
    reader.read().then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Reads a body up to a byte cap without trusting Content-Length, and gives up on a body that
 * stops arriving (no chunk within idleMs) long before the total timeout.
 */
export async function readCapped(response: Response, maxBytes: number, idleMs: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new ScimError('SCIM_INVALID_RESPONSE', {
      status: response.status,
      detail: `response larger than ${maxBytes} bytes`,
    });
  const declared = Number(response.headers.get('content-length'));
  if (response.headers.has('content-length') && Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const next = await readWithin(reader, idleMs);
    if (next === 'stalled') {
      await reader.cancel().catch(() => undefined);
      const error = new ScimError('SCIM_TIMEOUT', {
        status: response.status,
        message: `The SCIM server stopped sending its answer (nothing for ${Math.round(idleMs / 1000)} s). It may be overloaded, or a proxy is holding the connection: try again later.`,
        detail: `${total} bytes arrived before the answer stalled`,
      });
      stalls.add(error);
      throw error;
    }
    if (next.done) break;
    total += next.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(next.value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
