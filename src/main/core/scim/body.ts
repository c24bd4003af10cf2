import { ScimError } from './errors';

/** A body that sent nothing for the idle timeout; retried at most once (see `request`). */
export const stalls = new WeakSet<ScimError>();

function stallError(status: number, idleMs: number, received: number): ScimError {
  const error = new ScimError('SCIM_TIMEOUT', {
    status,
    message: `The SCIM server stopped sending its answer (nothing for ${Math.round(idleMs / 1000)} s). It may be overloaded, or a proxy is holding the connection: try again later.`,
    detail: `${received} bytes arrived before the answer stalled`,
  });
  stalls.add(error);
  return error;
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
  // One watchdog per body, not a timer per chunk: it looks every idleMs whether a chunk came since.
  let lastChunkAt = performance.now();
  let stalled = false;
  const watchdog = setInterval(() => {
    if (performance.now() - lastChunkAt < idleMs) return;
    stalled = true;
    void reader.cancel().catch(() => undefined);
  }, idleMs);
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        if (stalled) throw stallError(response.status, idleMs, total);
        throw error;
      }
      if (stalled) throw stallError(response.status, idleMs, total);
      if (next.done) break;
      lastChunkAt = performance.now();
      total += next.value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(next.value);
    }
  } finally {
    clearInterval(watchdog);
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
