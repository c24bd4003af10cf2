import { focusMain } from './components/Dialog';
import { JobAnnouncer } from './features/jobs/JobAnnouncer';
import { useEffect } from 'react';
import { ErrorState } from './components/ErrorState';
import { Toasts } from './components/Toasts';
import { useAppInfo } from './features/about/queries';
import { useMembersUi } from './features/directory/store';
import { JobsDock } from './features/jobs/JobsDock';
import { useJobEvents, useUnfinishedJobs } from './features/jobs/queries';
import { useCommands } from './features/palette/commands';
import { useTaskEvents } from './features/tasks/queries';
import { useTenants } from './features/tenants/queries';
import { TenantSwitcher } from './features/tenants/TenantSwitcher';
import { Banners } from './shell/Banners';
import { DialogOutlet } from './shell/DialogOutlet';
import { prefetchViews } from './shell/lazy-views';
import { ViewOutlet } from './shell/ViewOutlet';
import { useUi, type View } from './stores/ui';

const NAV: Array<{ view: View; label: string }> = [
  { view: 'overview', label: 'Overview' },
  { view: 'members', label: 'Members' },
  { view: 'groups', label: 'Groups' },
  { view: 'import', label: 'Import' },
  { view: 'jobs', label: 'Jobs' },
  { view: 'tenants', label: 'Tenants' },
  { view: 'lookup', label: 'Find a person' },
  { view: 'audit', label: 'Audit' },
  { view: 'about', label: 'About' },
];

export function App() {
  const info = useAppInfo();
  const tenants = useTenants();
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  // The Undo view belongs to where it was opened from (Jobs or Audit) in the sidebar.
  const undoFrom = useUi((s) => s.undo?.from ?? 'jobs');
  const current = view === 'undo' ? undoFrom : view;

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
  // Another tenant: its own members, nothing selected; the member Find a person asked to show, shown.
  useEffect(() => {
    resetMembers();
    const { handoff, setHandoff } = useUi.getState();
    if (handoff && handoff.tenantId === active?.id) {
      useMembersUi.getState().focusMember(handoff.memberId);
      setHandoff(null);
    }
  }, [active?.id, resetMembers]);
  useEffect(() => {
    if (appState !== 'ready') return;
    performance.mark('scim-console:ready');
    // The other views' chunks, fetched while the admin looks at the first screen.
    const idle = requestIdleCallback(prefetchViews, { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, [appState]);

  return (
    <div className="shell" data-app-state={appState}>
      <a
        className="skip-link"
        href="#content"
        onClick={(event) => {
          // Focus moves without a navigation (the window refuses those).
          event.preventDefault();
          focusMain();
        }}
      >
        Skip to content
      </a>
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
                  aria-current={current === item.view ? 'page' : undefined}
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
      <main id="content" className="content" aria-busy={pending} tabIndex={-1}>
        <Banners info={info.data} notice={tenants.data?.notice} active={active} interrupted={interrupted} />
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
          ) : info.data ? (
            <ViewOutlet view={view} info={info.data} tenants={list} active={active} />
          ) : null}
        </div>
      </main>
      <DialogOutlet tenants={list} active={active} commands={commands} />
      {active && view !== 'jobs' ? <JobsDock tenant={active} /> : null}
      <Toasts />
      <JobAnnouncer />
    </div>
  );
}
