import type { AppInfo } from '../../../shared/domain/app-info';
import type { JobView } from '../../../shared/domain/jobs';
import type { TenantView } from '../../../shared/domain/tenant';
import { Banner } from '../components/Banner';
import { useAuditStatus } from '../features/audit/queries';
import { useOpenTenant } from '../features/tenants/queries';
import { useUi } from '../stores/ui';

/**
 * What the admin must know before anything else, above every view: a start-up problem, a damaged
 * tenants file, an unusable audit history, actions or jobs interrupted last time, a read-only tenant.
 */
export function Banners({
  info,
  notice,
  active,
  interrupted,
}: {
  info: AppInfo | undefined;
  notice: string | null | undefined;
  active: TenantView | null;
  interrupted: JobView[];
}) {
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  const open = useOpenTenant();
  const auditStatus = useAuditStatus();
  const reconciled = auditStatus.data?.reconciled ?? [];
  return (
    <>
      {info?.startupProblem ? <Banner tone="danger">{info.startupProblem}</Banner> : null}
      {notice ? <Banner tone="danger">{notice}</Banner> : null}
      {(auditStatus.data?.state === 'corrupt' || auditStatus.data?.state === 'lost') && view !== 'audit' ? (
        <Banner
          tone="danger"
          action={
            <button type="button" className="button button-small" onClick={() => setView('audit')}>
              Open Audit
            </button>
          }
        >
          {auditStatus.data.state === 'lost'
            ? 'The audit history is missing entries it had signed (deleted, emptied or rolled back), so changes to tenants are refused until it is restored or replaced.'
            : 'The audit history cannot be opened, so changes to tenants are refused until it is repaired or replaced.'}
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
          {reconciled.length === 1 ? 'An action was' : `${reconciled.length} actions were`} interrupted when the console
          last closed. The console read the target{reconciled.length === 1 ? '' : 's'} back and recorded what it found.
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
          when the console last closed. Resume picks up where it stopped; steps that were in flight are checked against
          the tenant first, so nothing is done twice.
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
    </>
  );
}
