import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/audit';
import { stepsOfEntry } from './entries';

const entry = (fields: Partial<AuditEntry>): AuditEntry => ({
  id: 'e1',
  seq: 1,
  at: '2026-12-01T00:00:00.000Z',
  finishedAt: null,
  actor: 'admin',
  tenantId: 't1',
  tenantName: 'Acme',
  tenantUrl: 'https://acme.example/scim/v2',
  action: 'member.deactivate',
  target: 'u1',
  targetName: null,
  outcome: 'success',
  httpStatus: null,
  errorCode: null,
  durationMs: 1,
  jobId: null,
  correlationId: 'c1',
  appVersion: 'test',
  request: {},
  detail: null,
  hash: 'h',
  ...fields,
});
const names = (id: string) => ({ u1: 'ana@x.example', u2: 'bo@x.example' })[id] ?? null;

describe('the steps of a single action, from its audit entry', () => {
  it('reads the state each change recorded, per member for a job batch', () => {
    expect(
      stepsOfEntry(entry({ request: { body: { active: false }, before: { active: true } } }), names)[0]!.op,
    ).toEqual({ type: 'setActive', userName: 'ana@x.example', userId: 'u1', active: false, before: { active: true } });
    const batch = stepsOfEntry(
      entry({
        action: 'group.removeMembers',
        target: 'g1',
        request: { body: { remove: ['u1', 'u2'] }, before: { inGroup: { u1: true } } },
        detail: { displayName: 'Design' },
      }),
      names,
    );
    expect(batch.map((s) => s.op)).toEqual([
      {
        type: 'removeFromGroup',
        userName: 'ana@x.example',
        userId: 'u1',
        groupId: 'g1',
        groupName: 'Design',
        before: { member: true },
      },
      { type: 'removeFromGroup', userName: 'bo@x.example', userId: 'u2', groupId: 'g1', groupName: 'Design' },
    ]);
  });

  it('refuses what it cannot take back, with the reason', () => {
    expect(() => stepsOfEntry(entry({ outcome: 'failure' }), names)).toThrow(/did not succeed/);
    expect(() => stepsOfEntry(entry({ action: 'group.rename' }), names)).toThrow(/does not undo "group.rename"/);
    expect(() => stepsOfEntry(entry({ action: 'member.create', detail: 'junk' }), names)).toThrow(/which member/);
  });
});
