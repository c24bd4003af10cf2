/**
 * Channel and event names only, with no schema library, so the sandboxed preload bundle stays
 * tiny. `contract.ts` maps each name to its schemas and a type test keeps both lists in step.
 */
export const CHANNELS = [
  'app.info',
  'tenants.list',
  'tenants.open',
  'tenants.testDraft',
  'tenants.test',
  'tenants.add',
  'tenants.update',
  'tenants.rotateToken',
  'tenants.remove',
  'tenants.export',
  'tenants.import',
  'directory.load',
  'members.get',
  'members.provision',
  'members.deactivate',
  'members.reactivate',
  'members.delete',
  'members.export',
  'groups.create',
  'groups.rename',
  'groups.delete',
  'groups.addMembers',
  'groups.removeMember',
  'audit.activity',
  'audit.status',
  'audit.query',
  'audit.facets',
  'audit.verify',
  'audit.export',
  'audit.startFresh',
  'audit.exportPublicKey',
  'audit.rotateSigningKey',
  'evidence.reviewPack',
  'jobs.list',
  'jobs.unfinished',
  'jobs.startBulk',
  'jobs.pause',
  'jobs.resume',
  'jobs.cancel',
  'jobs.retryFailed',
  'jobs.items',
  'jobs.exportReport',
  'import.chooseFile',
  'import.plan',
  'import.exportPlan',
  'import.openPlan',
  'import.apply',
  'import.checkPlan',
  'undo.planJob',
  'undo.planEntry',
  'undo.apply',
  'undo.check',
  'people.find',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVENTS = ['task.progress', 'directory.rows', 'job.progress'] as const;
export type EventName = (typeof EVENTS)[number];

/** The one Electron IPC channel that carries push events from main to the renderer. */
export const EVENT_CHANNEL = 'scim-console:event';

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENTS as readonly string[]).includes(value);
}
