import type { TenantProfile } from '../../../shared/domain/tenant';
import type { AuditService } from '../audit/service';
import type { Logger } from '../log';

export type TenantRecorder = (
  action: string,
  tenant: Pick<TenantProfile, 'id' | 'name' | 'baseUrl'>,
  extra?: { outcome?: 'success' | 'failure' | 'info'; detail?: unknown },
) => Promise<void>;

/** Records tenant and token events in the audit history; a failure to record is logged, never fatal to the action. */
export function createTenantRecorder(audit: Pick<AuditService, 'event'> | undefined, log: Logger): TenantRecorder {
  /** Records a tenant or token event; a failure to record is logged, never fatal to the action. */
  async function record(
    action: string,
    tenant: Pick<TenantProfile, 'id' | 'name' | 'baseUrl'>,
    extra: { outcome?: 'success' | 'failure' | 'info'; detail?: unknown } = {},
  ): Promise<void> {
    try {
      await audit?.event(action, {
        tenantId: tenant.id,
        tenantName: tenant.name,
        tenantUrl: tenant.baseUrl || null,
        target: tenant.name,
        outcome: extra.outcome ?? 'info',
        detail: extra.detail ?? null,
      });
    } catch (error) {
      log.warn('could not record a tenant event', { action, error: (error as Error).message });
    }
  }

  return record;
}
