import { lazy } from 'react';

/**
 * The views other than the Overview, each in its own chunk, so the first screen has less script
 * to compile and run. `prefetchViews` fetches them all in the background once the console is
 * ready, so opening a view does not wait for its chunk.
 */
const loaders = {
  about: () => import('../features/about/AboutPanel'),
  audit: () => import('../features/audit/AuditView'),
  groups: () => import('../features/directory/GroupsView'),
  members: () => import('../features/directory/MembersView'),
  import: () => import('../features/import/ImportView'),
  jobs: () => import('../features/jobs/JobsView'),
  tenants: () => import('../features/tenants/TenantsView'),
  undo: () => import('../features/undo/UndoView'),
  lookup: () => import('../features/lookup/LookupView'),
};

export const AboutPanel = lazy(() => loaders.about().then((m) => ({ default: m.AboutPanel })));
export const AuditView = lazy(() => loaders.audit().then((m) => ({ default: m.AuditView })));
export const GroupsView = lazy(() => loaders.groups().then((m) => ({ default: m.GroupsView })));
export const MembersView = lazy(() => loaders.members().then((m) => ({ default: m.MembersView })));
export const ImportView = lazy(() => loaders.import().then((m) => ({ default: m.ImportView })));
export const JobsView = lazy(() => loaders.jobs().then((m) => ({ default: m.JobsView })));
export const TenantsView = lazy(() => loaders.tenants().then((m) => ({ default: m.TenantsView })));
export const UndoView = lazy(() => loaders.undo().then((m) => ({ default: m.UndoView })));
export const LookupView = lazy(() => loaders.lookup().then((m) => ({ default: m.LookupView })));

/** Fetches every view's chunk (once; the module cache keeps them). */
export function prefetchViews(): void {
  for (const load of Object.values(loaders)) void load();
}
