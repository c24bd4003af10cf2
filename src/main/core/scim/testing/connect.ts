import { createScimClient, type ScimClientOptions } from '../client';
import { createLimiter } from '../limiter';
import { createTransport, type TransportOptions } from '../transport';

/** A client wired to a base URL with real fetch, as the app wires it, for tests and benchmarks. */
export function connectClient(
  baseUrl: string,
  token: string,
  options: {
    readOnly?: boolean;
    concurrency?: number;
    transport?: Partial<TransportOptions>;
    client?: Partial<ScimClientOptions>;
  } = {},
) {
  const limiter = createLimiter({ concurrency: options.concurrency ?? 8, requestsPerSecond: null });
  const getToken = async () => token;
  const transport = createTransport({
    baseUrl,
    getToken,
    fetch: globalThis.fetch,
    limiter,
    backoff: { baseMs: 20, capMs: 200 },
    ...options.transport,
  });
  const client = createScimClient({
    transport,
    readOnly: options.readOnly ?? false,
    concurrency: options.concurrency ?? 8,
    verifyDelayMs: 20,
    ...options.client,
  });
  return { client, transport, limiter };
}
