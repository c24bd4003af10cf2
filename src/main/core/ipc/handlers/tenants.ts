import type { TenantService } from '../../tenants/service';
import type { Handlers } from '../router';

type TenantChannels =
  | 'tenants.list'
  | 'tenants.open'
  | 'tenants.testDraft'
  | 'tenants.test'
  | 'tenants.add'
  | 'tenants.update'
  | 'tenants.rotateToken'
  | 'tenants.remove'
  | 'tenants.export'
  | 'tenants.import';

export function tenantHandlers(tenants: TenantService): Pick<Handlers, TenantChannels> {
  return {
    'tenants.list': () => tenants.list(),
    'tenants.open': ({ tenantId, readOnly }) => tenants.open(tenantId, readOnly),
    'tenants.testDraft': ({ baseUrl, token }) => tenants.testDraft(baseUrl, token),
    'tenants.test': ({ tenantId }) => tenants.test(tenantId),
    'tenants.add': (input) => tenants.add(input),
    'tenants.update': ({ tenantId, name, readOnly, requireSeparateApplier }) =>
      tenants.update(tenantId, { name, readOnly, requireSeparateApplier }),
    'tenants.rotateToken': ({ tenantId, token }) => tenants.rotateToken(tenantId, token),
    'tenants.remove': async ({ tenantId }) => {
      await tenants.remove(tenantId);
      return { removed: true as const };
    },
    'tenants.export': () => tenants.exportProfiles(),
    'tenants.import': () => tenants.importProfiles(),
  };
}
