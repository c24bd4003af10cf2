import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScimError } from './errors';
import { connectClient } from './testing/connect';

const TOKEN = 'hostile-canary-token-5d1c';

interface HostileResponse {
  status: number;
  contentType: string | null;
  body: string | Uint8Array;
  headers: Record<string, string>;
}

const validList = JSON.stringify({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: 2,
  Resources: [
    { id: 'u1', userName: 'a@x.example', active: true },
    { id: 'u2', userName: 'b@x.example', active: false },
  ],
});

const contentTypes = fc.constantFrom(
  'application/scim+json',
  'application/json; charset=utf-8',
  'text/json',
  'text/html',
  'text/plain',
  'application/xml',
  'image/png',
  'application/octet-stream',
  null,
);
const statuses = fc.constantFrom(
  200,
  200,
  200,
  201,
  204,
  206,
  299,
  301,
  302,
  400,
  401,
  403,
  404,
  409,
  412,
  429,
  500,
  502,
  503,
);

const bodies = fc.oneof(
  // Truncated JSON of a real page.
  fc.integer({ min: 0, max: validList.length - 1 }).map((n) => validList.slice(0, n)),
  // Right shape, wrong types anywhere.
  fc
    .record({
      totalResults: fc.jsonValue(),
      Resources: fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 5 })),
    })
    .map((v) => JSON.stringify(v)),
  fc
    .array(
      fc.record({
        id: fc.jsonValue(),
        userName: fc.jsonValue(),
        active: fc.jsonValue(),
        name: fc.jsonValue(),
        emails: fc.jsonValue(),
      }),
      { maxLength: 4 },
    )
    .map((r) => JSON.stringify({ totalResults: r.length, Resources: r })),
  fc
    .record({
      id: fc.jsonValue(),
      userName: fc.jsonValue(),
      meta: fc.jsonValue(),
      members: fc.jsonValue(),
      displayName: fc.jsonValue(),
    })
    .map((v) => JSON.stringify(v)),
  // Any JSON at all, including null, arrays, numbers and strings.
  fc.jsonValue().map((v) => JSON.stringify(v)),
  // Deep nesting.
  fc.integer({ min: 70, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 70, max: 5_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  // Huge bodies (the test client caps responses at 256 KiB).
  fc
    .integer({ min: 300_000, max: 600_000 })
    .map((n) => JSON.stringify({ totalResults: 1, Resources: [{ id: 'x', userName: 'y'.repeat(n) }] })),
  // HTML from a proxy, and random bytes.
  fc.constantFrom(
    '<!doctype html><html><body>Sign in</body></html>',
    '<html><title>502 Bad Gateway</title></html>',
    '   <HTML>',
  ),
  fc.uint8Array({ maxLength: 512 }),
  // Error bodies with odd fields, including an echo of the token.
  fc
    .record({
      status: fc.jsonValue(),
      scimType: fc.jsonValue(),
      detail: fc.oneof(fc.jsonValue(), fc.constant(`Bearer ${TOKEN} rejected`)),
    })
    .map((v) => JSON.stringify(v)),
);

const hostileResponse: fc.Arbitrary<HostileResponse> = fc.record({
  status: statuses,
  contentType: contentTypes,
  body: bodies,
  headers: fc.record(
    {
      'retry-after': fc.constantFrom('0', '1', 'soon', '-5', 'Wed, 21 Oct 2015 07:28:00 GMT', '99999999'),
      location: fc.constantFrom('https://evil.example/scim', 'javascript:alert(1)', ''),
      etag: fc.constantFrom('W/"1"', '', '"\u0000"'),
    },
    { requiredKeys: [] },
  ),
});

const operations = [
  'listUsers',
  'getUser',
  'find',
  'create',
  'deactivate',
  'listGroups',
  'addMembers',
  'deleteUser',
  'probe',
  'testConnection',
] as const;
type Operation = (typeof operations)[number];

function hostileFetch(spec: HostileResponse): typeof fetch {
  return async () => {
    const headers = new Headers();
    if (spec.contentType) headers.set('content-type', spec.contentType);
    for (const [k, v] of Object.entries(spec.headers)) headers.set(k, v);
    const noBody = [204, 205, 304].includes(spec.status) || (spec.status >= 100 && spec.status < 200);
    const body: ConstructorParameters<typeof Response>[0] = noBody
      ? null
      : typeof spec.body === 'string'
        ? spec.body
        : new Uint8Array(spec.body);
    return new Response(body, { status: spec.status, headers });
  };
}

async function run(op: Operation, spec: HostileResponse): Promise<unknown> {
  const { client } = connectClient('https://scim.hostile.example/scim/v2', TOKEN, {
    transport: {
      fetch: hostileFetch(spec),
      maxAttempts: 2,
      backoff: { baseMs: 1, capMs: 2 },
      maxRetryAfterMs: 5,
      maxResponseBytes: 256 * 1024,
      timeoutMs: 2000,
    },
    client: { verifyAttempts: 1, verifyDelayMs: 1, maxPages: 5 },
  });
  switch (op) {
    case 'listUsers':
      return client.listUsers();
    case 'getUser':
      return client.getUser('u1');
    case 'find':
      return client.findUserByUserName('a@x.example');
    case 'create':
      return client.createUser({ userName: 'new@x.example', givenName: 'N', familyName: 'E' });
    case 'deactivate':
      return client.setActive('u1', false);
    case 'listGroups':
      return client.listGroups();
    case 'addMembers':
      return client.addMembers('g1', ['u1']);
    case 'deleteUser':
      return client.deleteUser('u1');
    case 'probe':
      return client.probe();
    case 'testConnection':
      return client.testConnection();
  }
}

describe('hostile and broken SCIM responses', () => {
  it('end in a typed error or a valid result, every time, with the token never echoed', async () => {
    let typedErrors = 0;
    let results = 0;
    await fc.assert(
      fc.asyncProperty(hostileResponse, fc.constantFrom(...operations), async (spec, op) => {
        let outcome: unknown;
        try {
          outcome = await run(op, spec);
          results += 1;
        } catch (error) {
          if (!(error instanceof ScimError))
            throw new Error(`untyped error for ${op}: ${String(error)}`, { cause: error });
          typedErrors += 1;
          outcome = { message: error.message, detail: error.detail };
        }
        expect(JSON.stringify(outcome ?? null)).not.toContain(TOKEN);
      }),
      { numRuns: 1200 },
    );
    expect(typedErrors + results).toBeGreaterThanOrEqual(1200);
    expect(typedErrors).toBeGreaterThan(900);
  }, 120_000);
});

describe('broken connections on a real socket', () => {
  let server: Server;
  let port: number;
  let mode = 'truncated';

  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.once('data', () => {
        const head = (len: number, type = 'application/scim+json') =>
          `HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\nContent-Length: ${len}\r\nConnection: close\r\n\r\n`;
        if (mode === 'truncated') socket.end(head(1000) + validList.slice(0, 40));
        else if (mode === 'reset') socket.destroy();
        else if (mode === 'mid-body') {
          socket.write(head(validList.length) + validList.slice(0, 30));
          setTimeout(() => socket.destroy(), 20);
        } else if (mode === 'garbage') socket.end('NOT HTTP AT ALL\r\n\r\n');
        else if (mode === 'silent') {
          /* never answers */
        } else if (mode === 'slow-body') {
          socket.write(head(validList.length));
          /* never sends the body */
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it.each([
    ['truncated', 'SCIM_NETWORK'],
    ['reset', 'SCIM_NETWORK'],
    ['mid-body', 'SCIM_NETWORK'],
    ['garbage', 'SCIM_NETWORK'],
    ['silent', 'SCIM_TIMEOUT'],
    ['slow-body', 'SCIM_TIMEOUT'],
  ])('a %s answer ends as %s within the timeout', async (which, code) => {
    mode = which;
    const { client } = connectClient(`http://127.0.0.1:${port}/scim/v2`, TOKEN, {
      transport: { maxAttempts: 2, timeoutMs: 300, backoff: { baseMs: 1, capMs: 2 } },
    });
    const started = Date.now();
    const error = await client.listUsers().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).code).toBe(code);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
