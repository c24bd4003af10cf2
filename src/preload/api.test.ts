import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../shared/ipc/channels';
import { createApi, type ApiTransport } from './api';

function fakeTransport() {
  let push: ((event: string, payload: unknown) => void) | undefined;
  const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
  const transport: ApiTransport & { invokeSpy: typeof invoke; push(event: string, payload: unknown): void } = {
    invoke,
    invokeSpy: invoke,
    subscribe: (listener) => {
      push = listener;
    },
    push: (event, payload) => push?.(event, payload),
  };
  return transport;
}

describe('createApi', () => {
  it('exposes one method per contract channel and sends {} when called without input', async () => {
    const transport = fakeTransport();
    const api = createApi(transport);
    for (const channel of CHANNELS) {
      const [domain, action] = channel.split('.') as [string, string];
      expect(typeof (api as unknown as Record<string, Record<string, unknown>>)[domain]?.[action]).toBe('function');
    }
    await api.app.info();
    expect(transport.invokeSpy).toHaveBeenCalledWith('app.info', {});
  });

  it('is frozen, so page code cannot swap a method', () => {
    const api = createApi(fakeTransport());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.app)).toBe(true);
  });

  it('delivers allow-listed events to listeners until they unsubscribe', () => {
    const transport = fakeTransport();
    const api = createApi(transport);
    const listener = vi.fn();
    const off = api.on('task.progress', listener);
    transport.push('task.progress', { done: 1 });
    transport.push('secrets.dump', { token: 'x' });
    off();
    transport.push('task.progress', { done: 2 });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ done: 1 });
  });

  it('refuses a listener for an event that is not in the contract, so such an event reaches nobody', () => {
    const transport = fakeTransport();
    const api = createApi(transport);
    const leak = vi.fn();
    for (const name of ['secrets.dump', '__proto__', 'constructor', 'task.progress ']) {
      expect(() => api.on(name as 'task.progress', leak)).toThrow(TypeError);
      transport.push(name, { token: 'x' });
    }
    expect(leak).not.toHaveBeenCalled();
  });

  it('keeps notifying other listeners when one throws', () => {
    const transport = fakeTransport();
    const api = createApi(transport);
    const good = vi.fn();
    api.on('task.progress', () => {
      throw new Error('boom');
    });
    api.on('task.progress', good);
    transport.push('task.progress', {});
    expect(good).toHaveBeenCalledOnce();
  });
});
