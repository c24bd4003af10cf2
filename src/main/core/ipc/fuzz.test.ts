import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/ipc/channels';
import { ERROR_CODES } from '../../../shared/ipc/result';
import { createCore } from '../app-core';
import { testDeps } from '../testing/deps';
import { garbagePayloads } from './testing/garbage';

const PER_CHANNEL = 1000;
/** Codes that mean a handler broke rather than refused: never acceptable for any input. */
const BUG_CODES = new Set(['INTERNAL', 'INVALID_OUTPUT']);

/** Real fetch, to loopback only (the in-process Sandbox); anything else fails as a network error would. */
const loopbackFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
    ? fetch(input, init)
    : Promise.reject(new TypeError('fetch failed: only loopback in this test'));
};

describe('IPC under garbage', () => {
  it(`answers ${PER_CHANNEL} garbage payloads on every channel with a typed result, and main stays up`, async () => {
    const core = createCore(testDeps({ fetch: loopbackFetch, sandbox: { members: 30, groups: 4 } }));
    try {
      const listed = await core.dispatch('tenants.list', {});
      if (!listed.ok) throw new Error('no tenants');
      const tenantId = (listed.value as { tenants: { id: string }[] }).tenants[0]?.id ?? 'none';
      const loaded = await core.dispatch('directory.load', { tenantId, taskId: 'fuzz-setup' });
      const directory = (loaded.ok ? loaded.value : { members: [], groups: [] }) as {
        members: { id: string }[];
        groups: { id: string }[];
      };
      const ids = [
        tenantId,
        ...directory.members.slice(0, 5).map((m) => m.id),
        ...directory.groups.slice(0, 2).map((g) => g.id),
      ];

      const codes = new Map<string, number>();
      const bugs: string[] = [];
      let accepted = 0;
      for (const [i, channel] of CHANNELS.entries()) {
        for (const payload of garbagePayloads(channel, PER_CHANNEL, 0x5eed + i, ids)) {
          const result = (await core.dispatch(channel, payload)) as unknown;
          const r = result as { ok: boolean; error?: { code: string; message: string } };
          expect(typeof r.ok, channel).toBe('boolean');
          if (r.ok) {
            accepted += 1;
            continue;
          }
          expect(ERROR_CODES, `${channel}: ${r.error?.code}`).toContain(r.error?.code);
          expect(typeof r.error?.message).toBe('string');
          codes.set(r.error!.code, (codes.get(r.error!.code) ?? 0) + 1);
          if (BUG_CODES.has(r.error!.code) && bugs.length < 10) {
            bugs.push(`${channel} ${r.error!.code}: ${r.error!.message} <- ${JSON.stringify(payload)?.slice(0, 200)}`);
          }
        }
      }
      expect(bugs).toEqual([]);
      // Prototype keys in payloads polluted nothing.
      expect(Object.keys(Object.prototype)).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // Main is still up and answering.
      expect(await core.dispatch('app.info', {})).toMatchObject({ ok: true });
      console.log(
        `fuzz: ${CHANNELS.length} channels x ${PER_CHANNEL} payloads, ${accepted} accepted, refusals: ${JSON.stringify(Object.fromEntries(codes))}`,
      );
    } finally {
      await core.close();
    }
  }, 300_000);
});
