import { useEffect } from 'react';
import type { TenantView } from '../../../../shared/domain/tenant';
import { useOpenTenant } from './queries';
import { MiddleTruncate } from '../../components/MiddleTruncate';

const isMac = navigator.platform.toLowerCase().includes('mac');
export const SWITCH_KEY_LABEL = isMac ? '⌘' : 'Ctrl+';

/** The tenant list in the sidebar; Ctrl/⌘+1…9 open the first nine. */
export function TenantSwitcher({ tenants, activeId }: { tenants: TenantView[]; activeId: string | null }) {
  const open = useOpenTenant();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(isMac ? event.metaKey : event.ctrlKey) || event.altKey || event.shiftKey) return;
      const index = Number(event.key) - 1;
      const target = Number.isInteger(index) && index >= 0 ? tenants[index] : undefined;
      if (!target) return;
      event.preventDefault();
      if (target.id !== activeId) open.mutate({ tenantId: target.id, readOnly: false });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tenants, activeId, open]);

  return (
    <nav aria-label="Tenants" className="switcher">
      <h2 className="sidebar-heading">Tenants</h2>
      <ul className="nav-list">
        {tenants.map((tenant, i) => (
          <li key={tenant.id}>
            <button
              type="button"
              className="nav-item tenant-item"
              aria-current={tenant.id === activeId ? 'true' : undefined}
              title={i < 9 ? `${tenant.name} (${SWITCH_KEY_LABEL}${i + 1})` : tenant.name}
              onClick={() => tenant.id !== activeId && open.mutate({ tenantId: tenant.id, readOnly: false })}
            >
              <span className={`dot dot-${tenant.tokenState === 'stored' ? 'ok' : 'warn'}`} aria-hidden="true" />
              <MiddleTruncate className="tenant-item-name" text={tenant.name} />
              {tenant.effectiveReadOnly ? <span className="badge badge-small">RO</span> : null}
              {i < 9 ? (
                <kbd className="kbd" aria-hidden="true">
                  {SWITCH_KEY_LABEL}
                  {i + 1}
                </kbd>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
