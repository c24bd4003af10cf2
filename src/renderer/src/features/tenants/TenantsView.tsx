import { TableHead } from '../../components/TableHead';
import type { TenantView } from '../../../../shared/domain/tenant';
import { ErrorText } from '../../components/ErrorText';
import { ConnectTenantCard } from './ConnectTenantCard';
import { useUi } from '../../stores/ui';
import { displayUrl, tokenSummary, when } from './format';
import { useExportTenants, useImportTenants, useOpenTenant } from './queries';

/** Every tenant on this computer, with what can be done to each. */
export function TenantsView({ tenants, activeId }: { tenants: TenantView[]; activeId: string | null }) {
  const openDialog = useUi((s) => s.openDialog);
  const setView = useUi((s) => s.setView);
  const open = useOpenTenant();
  const exportTenants = useExportTenants();
  const importTenants = useImportTenants();
  const openTenant = (tenantId: string, readOnly: boolean) =>
    open.mutate({ tenantId, readOnly }, { onSuccess: () => setView('overview') });

  return (
    <section className="panel panel-wide" aria-labelledby="tenants-title">
      <header className="panel-header panel-header-row">
        <div>
          <h1 id="tenants-title">Tenants</h1>
          <p className="panel-subtitle">
            SCIM connections on this computer. Tokens live in the OS keychain; profiles export without them.
          </p>
        </div>
        <div className="toolbar">
          <button
            type="button"
            className="button"
            onClick={() => importTenants.mutate()}
            disabled={importTenants.isPending}
          >
            Import…
          </button>
          <button
            type="button"
            className="button"
            onClick={() => exportTenants.mutate()}
            disabled={exportTenants.isPending}
          >
            Export…
          </button>
          <button type="button" className="button button-primary" onClick={() => openDialog({ kind: 'add-tenant' })}>
            Add tenant
          </button>
        </div>
      </header>
      {exportTenants.data?.path ? (
        <p className="form-success" role="status">
          Exported {exportTenants.data.count} profile{exportTenants.data.count === 1 ? '' : 's'} (no tokens) to{' '}
          {exportTenants.data.path}.
        </p>
      ) : null}
      {importTenants.data?.path ? (
        <p className="form-success" role="status">
          Imported {importTenants.data.added} profile{importTenants.data.added === 1 ? '' : 's'}
          {importTenants.data.skipped.length ? `; skipped ${importTenants.data.skipped.join(', ')}` : ''}. Add each
          token with Rotate token.
        </p>
      ) : null}
      <ErrorText error={open.error ?? exportTenants.error ?? importTenants.error} />
      <table className="table table-tenants" aria-label="Tenants">
        <TableHead columns={['Tenant', 'Token']} actions />
        <tbody>
          {tenants.map((tenant) => (
            <tr key={tenant.id} aria-current={tenant.id === activeId ? 'true' : undefined}>
              <th scope="row">
                <div className="cell-title">
                  <span className="tenant-name">{tenant.name}</span>
                  {tenant.id === activeId ? <span className="badge badge-current">Current</span> : null}
                  {tenant.readOnly ? <span className="badge">Read-only</span> : null}
                  {tenant.kind === 'sandbox' ? <span className="badge">Sandbox</span> : null}
                </div>
                <div className="cell-sub cell-url" title={displayUrl(tenant)}>
                  {displayUrl(tenant)}
                </div>
              </th>
              <td>
                <div className={tenant.tokenState === 'stored' ? '' : 'cell-warning'}>{tokenSummary(tenant)}</div>
                <div className="cell-sub">Last tested {when(tenant.lastTestedAt)}</div>
              </td>
              <td>
                <div className="cell-actions">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => openTenant(tenant.id, false)}
                    aria-label={`Open ${tenant.name}`}
                  >
                    Open
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => openTenant(tenant.id, true)}
                    aria-label={`Open read-only ${tenant.name}`}
                  >
                    Open read-only
                  </button>
                  {tenant.kind === 'scim' ? (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => openDialog({ kind: 'rotate-token', tenantId: tenant.id })}
                      aria-label={`Rotate token of ${tenant.name}`}
                    >
                      Rotate token
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="button button-small button-ghost"
                    onClick={() => openDialog({ kind: 'edit-tenant', tenantId: tenant.id })}
                    aria-label={`Edit ${tenant.name}`}
                  >
                    Edit
                  </button>
                  {tenant.kind === 'scim' ? (
                    <button
                      type="button"
                      className="button button-small button-ghost button-danger-text"
                      onClick={() => openDialog({ kind: 'remove-tenant', tenantId: tenant.id })}
                      aria-label={`Remove ${tenant.name}`}
                    >
                      Remove
                    </button>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {tenants.some((t) => t.kind === 'scim') ? null : <ConnectTenantCard />}
    </section>
  );
}
