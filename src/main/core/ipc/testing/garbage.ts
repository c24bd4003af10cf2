/**
 * Seeded garbage for every IPC channel, shared by the core's fuzz test and the e2e run through
 * the page's API: wholly random values, objects with the channel's own keys holding hostile values
 * (and real ids, so some payloads get past the schema into the handlers), and prototype keys.
 * Every URL here is loopback or one the URL policy refuses before any request: nothing leaves the
 * machine however the payload is read.
 */
import fc from 'fast-check';
import { z } from 'zod';
import type { Channel } from '../../../../shared/ipc/channels';
import { contract } from '../../../../shared/ipc/contract';

const HOSTILE_STRINGS = [
  '',
  ' ',
  '../../../../etc/passwd',
  '..\\..\\..\\Windows\\System32',
  '/dev/zero',
  '__proto__',
  'constructor',
  'prototype',
  '\u0000',
  '\ud800',
  'x'.repeat(20_000),
  '<img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  'userName eq "a" or userName pr',
  '${process.env.HOME}',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'http://127.0.0.1:9/scim/v2',
  'http://evil.example/scim/v2',
  'Bearer canary-garbage-token',
  'a@b.c',
  'Ünïcödé 名前 🙂',
  'NaN',
] as const;

const hostileValue = (ids: readonly string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<unknown>(...HOSTILE_STRINGS) },
    { weight: ids.length > 0 ? 3 : 0, arbitrary: fc.constantFrom<unknown>(...(ids.length > 0 ? ids : ['none'])) },
    {
      weight: 2,
      arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, 0, -1, -0, 1e308, NaN, Infinity, 2 ** 53 + 2),
    },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.array(fc.oneof(fc.string(), fc.integer(), fc.constantFrom(...ids, '__proto__')), { maxLength: 6 }),
    },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2, maxKeys: 4 }) },
  );

function keysOf(channel: Channel): string[] {
  const schema = contract[channel].input as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** `count` payloads for `channel`, the same ones for the same seed. `ids` are real tenant, member or group ids. */
export function garbagePayloads(channel: Channel, count: number, seed: number, ids: readonly string[] = []): unknown[] {
  const keys = keysOf(channel);
  const value = hostileValue(ids);
  const shaped = fc.dictionary(fc.constantFrom(...keys, '__proto__', 'constructor', 'toString', 'extra'), value, {
    minKeys: Math.min(1, keys.length),
    maxKeys: keys.length + 2,
  });
  const complete = keys.length > 0 ? fc.record(Object.fromEntries(keys.map((k) => [k, value]))) : shaped;
  const arbitrary = fc.oneof(
    { weight: 3, arbitrary: complete },
    { weight: 2, arbitrary: shaped },
    { weight: 2, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 5, withNullPrototype: true, withBoxedValues: true }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, 0, '', [], 'app.info', true, [{}]) },
  );
  return fc.sample(arbitrary, { numRuns: count, seed });
}
