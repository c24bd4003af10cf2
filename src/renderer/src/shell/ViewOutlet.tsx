import type { AppInfo } from '../../../shared/domain/app-info';
import type { TenantView } from '../../../shared/domain/tenant';
import { assertNever } from '../lib/assert-never';
import type { View } from '../stores/ui';
import { Suspense } from 'react';
import { Insights } from '../features/directory/Insights';
import { OverviewView } from '../features/tenants/OverviewView';
import { ConnectTenantCard } from '../features/tenants/ConnectTenantCard';
import { useUi } from '../stores/ui';
import {
  AboutPanel,
  AuditView,
  GroupsView,
  ImportView,
  JobsView,
  LookupView,
  MembersView,
  TenantsView,
  UndoView,
} from './lazy-views';

const NO_TENANT = (
  <div className="state">
    <h2>No tenant open</h2>
    <p>Open one from the Tenants list, or add your InVision tenant.</p>
  </div>
);

const LOADING = (
  <div className="state" role="status">
    Loading…
  </div>
);

/**
 * The view the sidebar chose. Views about a tenant need one open; without one they say how to
 * open one. Views other than the Overview load from their own chunks (`lazy-views.ts`).
 */
export function ViewOutlet(props: { view: View; info: AppInfo; tenants: TenantView[]; active: TenantView | null }) {
  return (
    <Suspense fallback={LOADING}>
      <CurrentView {...props} />
    </Suspense>
  );
}

function CurrentView({
  view,
  info,
  tenants,
  active,
}: {
  view: View;
  info: AppInfo;
  tenants: TenantView[];
  active: TenantView | null;
}) {
  const undo = useUi((s) => s.undo);
  const lookup = useUi((s) => s.lookup);
  switch (view) {
    case 'about':
      return <AboutPanel info={info} />;
    case 'lookup':
      // Keyed by the email the palette asked for: a new one searches again.
      return <LookupView key={lookup} active={active} />;
    case 'audit':
      return <AuditView />;
    case 'tenants':
      return <TenantsView tenants={tenants} activeId={active?.id ?? null} />;
    case 'members':
      return active ? <MembersView tenant={active} /> : NO_TENANT;
    case 'groups':
      return active ? <GroupsView tenant={active} /> : NO_TENANT;
    case 'import':
      return active ? <ImportView tenant={active} /> : NO_TENANT;
    case 'jobs':
      return active ? <JobsView tenant={active} /> : NO_TENANT;
    case 'undo':
      // Keyed by what it undoes: another target starts a new plan.
      return active && undo?.tenantId === active.id ? (
        <UndoView key={`${undo.kind}:${undo.id}`} tenant={active} target={undo} />
      ) : active ? (
        <JobsView tenant={active} />
      ) : (
        NO_TENANT
      );
    case 'overview':
      return active ? (
        <>
          <OverviewView tenant={active} />
          {active.kind === 'sandbox' && !tenants.some((t) => t.kind === 'scim') ? <ConnectTenantCard /> : null}
          <Insights tenant={active} />
        </>
      ) : (
        NO_TENANT
      );
    default:
      return assertNever(view);
  }
}
