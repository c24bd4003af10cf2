import type { AuditEntry } from '../../../shared/domain/audit';
import { ScimError } from '../scim/errors';
import type { TenantService } from '../tenants/service';

/**
 * What an interrupted action's target looks like now: read from the tenant, never written to.
 * Used once at start-up for every intent that has no recorded outcome.
 */
export function targetReader(tenants: TenantService) {
  return async (entry: AuditEntry): Promise<string> => {
    if (!entry.tenantId || !entry.target) return 'nothing recorded to read back';
    const client = await tenants.clientFor(entry.tenantId);
    const missing = (error: unknown): null => {
      if (error instanceof ScimError && error.code === 'SCIM_NOT_FOUND') return null;
      throw error;
    };
    if (entry.action.startsWith('member.')) {
      const member = entry.target.includes('@')
        ? await client.findUserByUserName(entry.target)
        : await client.getUser(entry.target).catch(missing);
      return member
        ? `${member.userName} exists and is ${member.active ? 'active' : 'inactive'}`
        : 'the member does not exist';
    }
    if (entry.action.startsWith('group.')) {
      if (entry.action === 'group.create')
        return 'a group create cannot be read back by name here; check the Groups list';
      const group = await client.getGroup(entry.target).catch(missing);
      return group
        ? `the group ${group.displayName} exists with ${group.members.length} members`
        : 'the group does not exist';
    }
    return 'nothing to read back for this action';
  };
}
