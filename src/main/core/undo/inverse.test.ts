import { describe, expect, it } from 'vitest';
import type { Operation } from '../jobs/operations';
import { inverseOf, type DoneStep } from './inverse';

const lookup = { memberId: (n: string) => (n === 'made@x.example' ? 'u-made' : null), groupId: () => 'g-found' };
const done = (op: Operation, result: string | null = null, resourceId: string | null = null): DoneStep => ({
  op,
  state: 'done',
  result,
  resourceId,
});
const member = { userName: 'ana@x.example', userId: 'u1' };

describe('the inverse of a step', () => {
  it('restores what each step changed from, and nothing where it changed nothing', () => {
    expect(
      inverseOf(done({ type: 'setActive', ...member, active: false, before: { active: true } }), lookup, false),
    ).toEqual({ kind: 'steps', ops: [{ type: 'setActive', ...member, active: true }] });
    // Already inactive: the deactivation changed nothing, so the undo must not reactivate.
    expect(
      inverseOf(done({ type: 'setActive', ...member, active: false, before: { active: false } }), lookup, false),
    ).toEqual({ kind: 'none' });
    const group = { groupId: 'g1', groupName: 'Design' };
    expect(
      inverseOf(done({ type: 'removeFromGroup', ...member, ...group, before: { member: true } }), lookup, false),
    ).toEqual({ kind: 'steps', ops: [{ type: 'addToGroup', ...member, ...group }] });
    expect(
      inverseOf(done({ type: 'addToGroup', ...member, ...group, before: { member: true } }), lookup, false),
    ).toEqual({ kind: 'none' });
    // A member the job created is deactivated; one it found existing is left alone.
    const create: Operation = { type: 'create', userName: 'made@x.example', givenName: 'M', familyName: 'D' };
    expect(inverseOf(done(create, 'created', 'u-made'), lookup, false)).toEqual({
      kind: 'steps',
      ops: [{ type: 'setActive', userName: 'made@x.example', userId: 'u-made', active: false }],
    });
    expect(inverseOf(done(create, 'existing', 'u-made'), lookup, false)).toEqual({ kind: 'none' });
    // Failed and skipped steps changed nothing.
    const failed = {
      ...done({ type: 'setActive', ...member, active: false, before: { active: true } }),
      state: 'failed' as const,
    };
    expect(inverseOf(failed, lookup, false)).toEqual({ kind: 'none' });
  });

  it('lists what it cannot take back, and re-creates a deleted member only when asked', () => {
    const unknown = inverseOf(done({ type: 'setActive', ...member, active: false }), lookup, false);
    expect(unknown.kind === 'not-undone' && unknown.item.reason).toContain('not recorded');
    const before = {
      userName: 'ana@x.example',
      givenName: 'Ana',
      familyName: 'Lopes',
      active: false,
      groups: [{ id: 'g1', name: 'Design' }],
    };
    const deleted = done({ type: 'delete', ...member, before }, 'deleted', 'u1');
    expect(inverseOf(deleted, lookup, false)).toMatchObject({ kind: 'not-undone', item: { deleted: before } });
    expect(inverseOf(deleted, lookup, true)).toEqual({
      kind: 'steps',
      ops: [
        { type: 'create', userName: 'ana@x.example', givenName: 'Ana', familyName: 'Lopes' },
        { type: 'setActive', userName: 'ana@x.example', userId: null, active: false },
        { type: 'addToGroup', userName: 'ana@x.example', userId: null, groupId: 'g1', groupName: 'Design' },
      ],
    });
    expect(inverseOf(done({ type: 'delete', ...member, before }, 'gone', 'u1'), lookup, true)).toEqual({
      kind: 'none',
    });
  });
});
