import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { contract } from '../../../shared/ipc/contract';
import { CHANNELS } from '../../../shared/ipc/channels';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { createRouter, type Handlers } from './router';

const info = {
  name: 'x',
  version: '1.0.0',
  platform: 'linux',
  arch: 'x64',
  host: 'node' as const,
  packaged: false,
  dataDir: '/tmp/x',
  versions: { node: '22', electron: null, chrome: null },
  startupProblem: null,
};

function logger() {
  const error = vi.fn<Logger['error']>();
  const log: Logger = { info: vi.fn(), warn: vi.fn(), error };
  return Object.assign(log, { errorSpy: error });
}

/** Every channel answered by a stub that fails the test if called, except the one under test. */
function handlersWith(overrides: Partial<Handlers>): Handlers {
  const stubs = Object.fromEntries(
    CHANNELS.map((c) => [
      c,
      async () => {
        throw new Error(`${c} should not be called`);
      },
    ]),
  ) as unknown as Handlers;
  return { ...stubs, ...overrides };
}

function router(handler: Handlers['app.info'], log = logger()) {
  return createRouter(handlersWith({ 'app.info': handler }), log);
}

describe('router', () => {
  it('answers a known channel with the parsed output', async () => {
    const result = await router(async () => info)('app.info', {});
    expect(result).toEqual({ ok: true, value: info });
  });

  it('refuses an unknown channel without calling any handler', async () => {
    const handler = vi.fn(async () => info);
    const result = await router(handler)('tenants.steal', {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('UNKNOWN_CHANNEL');
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses input that fails the schema and does not echo the values back', async () => {
    const handler = vi.fn(async () => info);
    const result = await router(handler)('app.info', { secret: 'canary-token-123' });
    expect(!result.ok && result.error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(result)).not.toContain('canary-token-123');
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([null, undefined, 42, 'x', [], { extra: 1 }, Object.create({ polluted: true }) as object])(
    'refuses the input %j',
    async (input) => {
      const result = await router(async () => info)('app.info', input);
      expect(!result.ok && result.error.code).toBe('INVALID_INPUT');
    },
  );

  it('strips keys the output schema does not name, so a token cannot ride along', async () => {
    const result = await router(async () => ({ ...info, token: 'canary-token-123' }))('app.info', {});
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('canary-token-123');
  });

  it('turns an output that fails its schema into INVALID_OUTPUT and logs it', async () => {
    const log = logger();
    const result = await router(async () => ({ ...info, version: 7 }) as unknown as typeof info, log)('app.info', {});
    expect(!result.ok && result.error.code).toBe('INVALID_OUTPUT');
    expect(log.errorSpy).toHaveBeenCalledOnce();
  });

  it('passes an AppError through as its code, message and detail', async () => {
    const result = await router(async () => {
      throw new AppError('INTERNAL', 'Disk full: free some space and retry.', 'ENOSPC');
    })('app.info', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Disk full: free some space and retry.', detail: 'ENOSPC' },
    });
  });

  it('hides the message of an unexpected exception behind INTERNAL', async () => {
    const log = logger();
    const result = await router(async () => {
      throw new Error('Bearer canary-token-123 leaked in a stack');
    }, log)('app.info', {});
    expect(!result.ok && result.error.code).toBe('INTERNAL');
    expect(JSON.stringify(result)).not.toContain('canary');
    expect(log.errorSpy).toHaveBeenCalledOnce();
  });

  it('refuses a tenant write on a read-only tenant in main, before the handler runs', async () => {
    const handler = vi.fn(async () => ({ tenants: [], activeId: null, notice: null }));
    const specs = {
      ...contract,
      // Pretend tenants.test is a write, to exercise the guard on a real channel name.
      'tenants.test': { ...contract['tenants.test'], output: z.unknown(), tenantWrite: true as const },
    };
    const readOnly = new Set(['t-ro']);
    const dispatch = createRouter(
      handlersWith({ 'tenants.test': handler as unknown as Handlers['tenants.test'] }),
      logger(),
      { isReadOnly: async (id) => readOnly.has(id) },
      specs,
    );
    expect(await dispatch('tenants.test', { tenantId: 't-ro' })).toMatchObject({
      ok: false,
      error: { code: 'READ_ONLY_TENANT' },
    });
    expect(handler).not.toHaveBeenCalled();
    expect((await dispatch('tenants.test', { tenantId: 't-rw' })).ok).toBe(true);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('refuses a tenant write when no read-only guard is wired, failing closed', async () => {
    const specs = { ...contract, 'tenants.test': { ...contract['tenants.test'], tenantWrite: true as const } };
    const dispatch = createRouter(handlersWith({}), logger(), undefined, specs);
    expect(await dispatch('tenants.test', { tenantId: 'any' })).toMatchObject({
      ok: false,
      error: { code: 'READ_ONLY_TENANT' },
    });
  });
});
