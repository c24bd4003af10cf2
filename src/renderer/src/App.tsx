import { useEffect } from 'react';
import { Banner } from './components/Banner';
import { ErrorState } from './components/ErrorState';
import { AboutPanel } from './features/about/AboutPanel';
import { AuditView } from './features/audit/AuditView';
import { useAuditStatus } from './features/audit/queries';
import { useAppInfo } from './features/about/queries';
import { AddTenantDialog } from './features/tenants/AddTenantDialog';
import { EditTenantDialog } from './features/tenants/EditTenantDialog';
import { OverviewView } from './features/tenants/OverviewView';
import { useOpenTenant, useTenants } from './features/tenants/queries';
import { RemoveTenantDialog } from './features/tenants/RemoveTenantDialog';
import { RotateTokenDialog } from './features/tenants/RotateTokenDialog';
import { TenantSwitcher } from './features/tenants/TenantSwitcher';
import { TenantsView } from './features/tenants/TenantsView';
import { useUi, type View } from './stores/ui';
import { Toasts } from './components/Toasts';
import { DirectoryDialogs } from './features/directory/DirectoryDialogs';
import { GroupsView } from './features/directory/GroupsView';
import { Insights } from './features/directory/Insights';
import { MembersView } from './features/directory/MembersView';
import { useTaskEvents } from './features/directory/queries';
import { useMembersUi } from './features/directory/store';
import { CommandPalette } from './features/palette/CommandPalette';
import { useCommands } from './features/palette/commands';
import { ImportView } from './features/import/ImportView';
import { JobsDock } from './features/jobs/JobsDock';
import { JobsView } from './features/jobs/JobsView';
import { useJobEvents, useUnfinishedJobs } from './features/jobs/queries';

const NAV: Array<{ view: View; label: string }> = [
  { view: 'overview', label: 'Overview' },
  { view: 'members', label: 'Members' },
  { view: 'groups', label: 'Groups' },
  { view: 'import', label: 'Import' },
  { view: 'jobs', label: 'Jobs' },
  { view: 'tenants', label: 'Tenants' },
  { view: 'audit', label: 'Audit' },
  { view: 'about', label: 'About' },
];

export function App() {
  const info = useAppInfo();
  const tenants = useTenants();
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  const dialog = useUi((s) => s.dialog);
  const closeDialog = useUi((s) => s.closeDialog);
  const open = useOpenTenant();
  const auditStatus = useAuditStatus();
  const reconciled = auditStatus.data?.reconciled ?? [];

  const pending = info.isPending || tenants.isPending;
  const failed = info.isError ? info : tenants.isError ? tenants : null;
  const appState = pending ? 'loading' : failed ? 'error' : 'ready';
  useEffect(() => {
    document.documentElement.dataset.appState = appState;
  }, [appState]);

  const list = tenants.data?.tenants ?? [];
  const active = list.find((t) => t.id === tenants.data?.activeId) ?? null;
  useTaskEvents();
  useJobEvents();
  const unfinished = useUnfinishedJobs();
  const interrupted = (unfinished.data ?? []).filter((j) => j.tenantId === active?.id);
  const commands = useCommands(list, active);
  const resetMembers = useMembersUi((s) => s.reset);
  // Another tenant: its own members, nothing selected.
  useEffect(() => resetMembers(), [active?.id, resetMembers]);
  useEffect(() => {
    if (appState === 'ready') performance.mark('scim-console:ready');
  }, [appState]);
  const dialogTenant = dialog && 'tenantId' in dialog ? list.find((t) => t.id === dialog.tenantId) : undefined;

  return (
    <div className="shell" data-app-state={appState}>
      <aside className="sidebar" aria-label="Sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          <span className="brand-name">SCIM Console</span>
        </div>
        {list.length ? <TenantSwitcher tenants={list} activeId={active?.id ?? null} /> : null}
        <nav aria-label="Main">
          <h2 className="sidebar-heading">Console</h2>
          <ul className="nav-list">
            {NAV.map((item) => (
              <li key={item.view}>
                <button
                  type="button"
                  className="nav-item"
                  aria-current={view === item.view ? 'page' : undefined}
                  onClick={() => setView(item.view)}
                >
                  {item.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-footer">{info.data ? `v${info.data.version}` : ''}</div>
      </aside>
      <main className="content" aria-busy={pending}>
        {info.data?.startupProblem ? <Banner tone="danger">{info.data.startupProblem}</Banner> : null}
        {tenants.data?.notice ? <Banner tone="danger">{tenants.data.notice}</Banner> : null}
        {auditStatus.data?.state === 'corrupt' && view !== 'audit' ? (
          <Banner
            tone="danger"
            action={
              <button type="button" className="button button-small" onClick={() => setView('audit')}>
                Open Audit
              </button>
            }
          >
            The audit history cannot be opened, so changes to tenants are refused until it is repaired or replaced.
          </Banner>
        ) : null}
        {reconciled.length > 0 && view !== 'audit' ? (
          <Banner
            tone="info"
            action={
              <button type="button" className="button button-small" onClick={() => setView('audit')}>
                Review in Audit
              </button>
            }
          >
            {reconciled.length === 1 ? 'An action was' : `${reconciled.length} actions were`} interrupted when the
            console last closed. The console read the target{reconciled.length === 1 ? '' : 's'} back and recorded what
            it found.
          </Banner>
        ) : null}
        {interrupted.length > 0 && view !== 'jobs' ? (
          <Banner
            tone="info"
            action={
              <button type="button" className="button button-small" onClick={() => setView('jobs')}>
                Review jobs
              </button>
            }
          >
            {interrupted.length === 1
              ? `“${interrupted[0]!.title}” did not finish`
              : `${interrupted.length} jobs did not finish`}{' '}
            when the console last closed. Resume picks up where it stopped; steps that were in flight are checked
            against the tenant first, so nothing is done twice.
          </Banner>
        ) : null}
        {active?.effectiveReadOnly ? (
          <Banner
            tone="warning"
            action={
              active.sessionReadOnly && !active.readOnly ? (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => open.mutate({ tenantId: active.id, readOnly: false })}
                >
                  Reopen with write access
                </button>
              ) : undefined
            }
          >
            <strong>Read-only.</strong> {active.name} is open{' '}
            {active.readOnly ? 'with a read-only profile' : 'read-only for this session'}: the console refuses every
            change to it.
          </Banner>
        ) : null}
        <div className="content-body">
          {pending ? (
            <div className="state" role="status">
              Loading…
            </div>
          ) : failed ? (
            <ErrorState
              title="The console could not start"
              error={failed.error}
              onRetry={() => void failed.refetch()}
            />
          ) : view === 'about' && info.data ? (
            <AboutPanel info={info.data} />
          ) : view === 'audit' ? (
            <AuditView />
          ) : view === 'tenants' ? (
            <TenantsView tenants={list} activeId={active?.id ?? null} />
          ) : view === 'members' && active ? (
            <MembersView tenant={active} />
          ) : view === 'groups' && active ? (
            <GroupsView tenant={active} />
          ) : view === 'import' && active ? (
            <ImportView tenant={active} />
          ) : view === 'jobs' && active ? (
            <JobsView tenant={active} />
          ) : active ? (
            <>
              <OverviewView tenant={active} />
              <Insights tenant={active} />
            </>
          ) : (
            <div className="state">
              <h2>No tenant open</h2>
              <p>Open one from the Tenants list, or add your InVision tenant.</p>
            </div>
          )}
        </div>
      </main>
      {dialog?.kind === 'add-tenant' ? (
        <AddTenantDialog
          onClose={closeDialog}
          onAdded={(id) => {
            closeDialog();
            open.mutate({ tenantId: id, readOnly: false }, { onSuccess: () => setView('overview') });
          }}
        />
      ) : null}
      {dialog?.kind === 'rotate-token' && dialogTenant ? (
        <RotateTokenDialog tenant={dialogTenant} onClose={closeDialog} />
      ) : null}
      {dialog?.kind === 'edit-tenant' && dialogTenant ? (
        <EditTenantDialog tenant={dialogTenant} onClose={closeDialog} />
      ) : null}
      {dialog?.kind === 'remove-tenant' && dialogTenant ? (
        <RemoveTenantDialog tenant={dialogTenant} onClose={closeDialog} />
      ) : null}
      {active ? <DirectoryDialogs tenant={active} /> : null}
      {dialog?.kind === 'palette' ? <CommandPalette commands={commands} onClose={closeDialog} /> : null}
      {active && view !== 'jobs' ? <JobsDock tenant={active} /> : null}
      <Toasts />
    </div>
  );
}
