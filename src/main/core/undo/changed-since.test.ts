import { describe, expect, it } from 'vitest';
import type { Operation } from '../jobs/operations';
import { createServerClock } from '../scim/server-clock';
import { changedSince, noteWrite, stillSkipped, UNKNOWN_CLOCK_SLACK_MS } from './changed-since';

const T = Date.parse('2026-12-03T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const reactivate = (userName: string, userId: string): Operation => ({
  type: 'setActive',
  userName,
  userId,
  active: true,
});

function members(modified: Record<string, number | null>) {
  return {
    members: Object.entries(modified).map(([userName, ms]) => ({
      id: `id-${userName}`,
      userName,
      lastModified: ms === null ? null : iso(ms),
    })),
  };
}

describe('changedSince', () => {
  const ops = [reactivate('a@x.io', 'id-a@x.io'), reactivate('b@x.io', 'id-b@x.io'), reactivate('c@x.io', 'id-c@x.io')];
  const written = new Map<string, number>();
  for (const op of ops) noteWrite(written, { op, updatedAt: iso(T) });

  it('finds members modified after the last write, in the server clock brought to ours', () => {
    // The server runs 60 s ahead: its stamp of our own write (T + 60 s) is not a change.
    const offset = { ms: 60_000, uncertaintyMs: 500 };
    const now = members({ 'a@x.io': T + 60_000, 'b@x.io': T + 60_000 + 10_000, 'c@x.io': null });
    const changed = changedSince(ops, written, now, offset, new Set());
    expect(changed.map((c) => [c.index, c.member])).toEqual([[1, 'b@x.io']]);
    expect(changed[0]!.reason).toContain('2026-12-03 10:01:10 UTC');
  });

  it('leaves out steps already skipped, members the undo re-creates, and servers behind their own stamp', () => {
    const offset = { ms: 0, uncertaintyMs: 500 };
    const now = members({ 'a@x.io': T + 30_000, 'b@x.io': T + 30_000, 'c@x.io': T + 1_000 });
    const recreate: Operation[] = [...ops, { type: 'create', userName: 'B@x.io', givenName: 'B', familyName: 'X' }];
    expect(changedSince(recreate, written, now, offset, new Set([0]))).toEqual([]);
  });

  it('gives a server that sends no Date two minutes before a change counts', () => {
    const now = members({ 'a@x.io': T + UNKNOWN_CLOCK_SLACK_MS - 1, 'b@x.io': T + UNKNOWN_CLOCK_SLACK_MS + 1_000 });
    expect(changedSince(ops, written, now, null, new Set()).map((c) => c.member)).toEqual(['b@x.io']);
  });

  it("keeps the latest write per member, so a job's own later step on it is not a change", () => {
    const w = new Map<string, number>();
    noteWrite(w, { op: ops[0]!, updatedAt: iso(T) });
    noteWrite(w, {
      op: { type: 'removeFromGroup', userName: 'A@x.io', userId: 'id-a', groupId: 'g', groupName: 'G' },
      updatedAt: iso(T + 50_000),
    });
    noteWrite(w, { op: ops[1]!, updatedAt: null });
    expect(w).toEqual(new Map([['a@x.io', T + 50_000]]));
  });
});

describe('stillSkipped', () => {
  const changed = [
    { index: 0, member: 'a@x.io', reason: 'r' },
    { index: 1, member: 'b@x.io', reason: 'r' },
  ];
  it('takes out the members the admin undoes anyway', () => {
    expect(stillSkipped(changed, null)).toEqual(changed);
    expect(stillSkipped(changed, { all: true, members: [] })).toEqual([]);
    expect(stillSkipped(changed, { all: false, members: ['A@X.io'] })).toEqual([changed[1]]);
  });
});

describe('server clock', () => {
  it('is the median of the Date headers and round trips, so one stale header or slow answer moves nothing', () => {
    const clock = createServerClock();
    expect(clock.offset()).toBeNull();
    clock.note('not a date', 0, 10);
    expect(clock.offset()).toBeNull();
    // The server runs 90 s ahead; answers take 20 ms; the third Date is 30 s stale (a cache).
    for (const [i, stale] of [0, 0, 30_000, 0, 0].entries()) {
      const sent = T + i * 1_000 + 300;
      const server = sent + 10 + 90_000;
      clock.note(new Date(Math.floor(server / 1000) * 1000 - stale).toUTCString(), sent, sent + 20);
    }
    // One answer held up for 3 s on a busy machine widens nothing either.
    const late = T + 10_000;
    clock.note(new Date(Math.floor((late + 1_500 + 90_000) / 1000) * 1000).toUTCString(), late, late + 3_000);
    const offset = clock.offset()!;
    expect(Math.abs(offset.ms - 90_000)).toBeLessThanOrEqual(offset.uncertaintyMs);
    expect(offset.uncertaintyMs).toBe(510);
  });
});
