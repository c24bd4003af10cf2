import type { PersonInTenant, PersonLookup } from '../../../shared/domain/lookup';
import { memberName } from '../../../shared/domain/member-text';
import type { TenantView } from '../../../shared/domain/tenant';
import type { Snapshot } from '../directory/rows';
import { AppError } from '../errors';
import type { TenantService } from '../tenants/service';

/** Why a tenant without a usable token cannot be asked. */
const TOKEN_STATES: Record<Exclude<TenantView['tokenState'], 'stored'>, string> = {
  missing: 'No token is stored for this tenant: add one with Rotate token.',
  locked: 'The keychain is locked: unlock it, then search again.',
  unavailable: 'The keychain is not available.',
  'timed-out': 'The keychain did not answer in time.',
};

/**
 * One person across every tenant on this computer ("where does alice@customer.example have
 * access?"): one filtered read per tenant (`userName eq`), each through its tenant's own client and
 * limiter, all at once. Nothing is written; a tenant that cannot answer says why.
 */
export function createPersonLookup(deps: {
  tenants: Pick<TenantService, 'list' | 'clientFor'>;
  /** The listing kept per tenant, for group names the server's answer leaves out. */
  peek: (tenantId: string) => Snapshot | undefined;
}) {
  async function inTenant(tenant: TenantView, userName: string): Promise<PersonInTenant> {
    const base = { tenantId: tenant.id, tenantName: tenant.name };
    if (tenant.kind === 'scim' && tenant.tokenState !== 'stored') {
      const error = { code: 'KEYCHAIN_UNAVAILABLE', message: TOKEN_STATES[tenant.tokenState] };
      return { ...base, state: 'failed', member: null, error };
    }
    try {
      const client = await deps.tenants.clientFor(tenant.id);
      let found = await client.findUserByUserName(userName);
      // A server seen comparing userName case-exactly gets a second read, lowercased (as most IdPs send it).
      const lower = userName.toLowerCase();
      if (!found && lower !== userName && tenant.capabilities.quirks.caseExactUserNameFilter) {
        found = await client.findUserByUserName(lower);
      }
      if (!found) return { ...base, state: 'absent', member: null, error: null };
      const kept = deps.peek(tenant.id);
      const listed = kept?.members.get(found.id);
      const nameOf = (id: string, display: string | null) => display ?? kept?.groups.get(id)?.displayName ?? id;
      const groups =
        found.groups.length > 0
          ? found.groups.map((g) => nameOf(g.id, g.display))
          : (listed?.groupIds ?? []).map((id) => nameOf(id, null));
      return {
        ...base,
        state: 'found',
        member: {
          id: found.id,
          userName: found.userName,
          name: memberName(found),
          active: found.active,
          groups: groups.sort((a, b) => a.localeCompare(b)),
          groupsKnown: found.groups.length > 0 || listed !== undefined,
        },
        error: null,
      };
    } catch (error) {
      const e =
        error instanceof AppError
          ? { code: error.code, message: error.message }
          : { code: 'INTERNAL', message: 'The search failed unexpectedly in this tenant.' };
      return { ...base, state: 'failed', member: null, error: e };
    }
  }

  return {
    async find(userName: string): Promise<PersonLookup> {
      const { tenants } = await deps.tenants.list();
      const results = await Promise.all(tenants.map((t) => inTenant(t, userName.trim())));
      return { userName: userName.trim(), results };
    },
  };
}

export type PersonLookupService = ReturnType<typeof createPersonLookup>;
