import type { AppInfo } from '../../../shared/domain/app-info';
import type { TenantView } from '../../../shared/domain/tenant';
import { assertNever } from '../lib/assert-never';
import type { View } from '../stores/ui';
import { AboutPanel } from '../features/about/AboutPanel';
import { AuditView } from '../features/audit/AuditView';
import { GroupsView } from '../features/directory/GroupsView';
import { Insights } from '../features/directory/Insights';
import { MembersView } from '../features/directory/MembersView';
import { ImportView } from '../features/import/ImportView';
import { JobsView } from '../features/jobs/JobsView';
import { OverviewView } from '../features/tenants/OverviewView';
import { ConnectTenantCard } from '../features/tenants/ConnectTenantCard';
import { TenantsView } from '../features/tenants/TenantsView';
import { UndoView } from '../features/undo/UndoView';
import { LookupView } from '../features/lookup/LookupView';
import { useUi } from '../stores/ui';

const NO_TENANT = (
  <div className="state">
    <h2>No tenant open</h2>
    <p>Open one from the Tenants list, or add your InVision tenant.</p>
  </div>
);

/** The view the sidebar chose. Views about a tenant need one open; without one they say how to open one. */
export function ViewOutlet({
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
