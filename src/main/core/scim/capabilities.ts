import { emptyCapabilityProfile, type CapabilityProfile } from '../../../shared/domain/scim';
import { ScimError } from './errors';
import type { Quirks } from './pagination';
import type { Transport } from './transport';

/**
 * The tenant's capability profile as this client knows it: what `/ServiceProviderConfig`
 * advertises (`probe`) and the quirks seen (`noteQuirks`); every change is reported for the
 * tenant to keep.
 */
export function createCapabilities(
  transport: Transport,
  initial: CapabilityProfile | undefined,
  onChanged?: (profile: CapabilityProfile) => void,
) {
  let profile: CapabilityProfile = structuredClone(initial ?? emptyCapabilityProfile());

  function noteQuirks(found: Partial<Quirks>): void {
    let changed = false;
    const quirks = { ...profile.quirks };
    for (const [key, value] of Object.entries(found) as Array<[keyof Quirks, Quirks[keyof Quirks]]>) {
      if (value !== undefined && value !== false && quirks[key] !== value) {
        (quirks as Record<string, unknown>)[key] = value;
        changed = true;
      }
    }
    if (changed) {
      profile = { ...profile, quirks };
      onChanged?.(profile);
    }
  }

  /** Reads /ServiceProviderConfig once; 401/403/404 mean "not advertised", not failure. */
  async function probe(now: () => Date = () => new Date()): Promise<CapabilityProfile> {
    let advertised: CapabilityProfile['advertised'] = null;
    try {
      const response = await transport.request({ method: 'GET', path: '/ServiceProviderConfig' });
      advertised = readServiceProviderConfig(response.body);
    } catch (error) {
      const notAdvertised =
        error instanceof ScimError &&
        ['SCIM_NOT_FOUND', 'SCIM_UNAUTHORIZED', 'SCIM_FORBIDDEN', 'SCIM_INVALID_RESPONSE', 'SCIM_BAD_REQUEST'].includes(
          error.code,
        );
      if (!notAdvertised) throw error;
    }
    profile = { ...profile, probedAt: now().toISOString(), advertised };
    onChanged?.(profile);
    return profile;
  }

  return { profile: () => profile, noteQuirks, probe };
}

function readServiceProviderConfig(body: unknown): NonNullable<CapabilityProfile['advertised']> {
  const lower = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), x]))
      : {};
  const root = lower(body);
  const supported = (key: string): boolean => {
    const v = lower(root[key]).supported;
    return v === true || v === 'true';
  };
  const maxResults = Number(lower(root.filter).maxresults);
  return {
    patch: supported('patch'),
    bulk: supported('bulk'),
    filter: supported('filter'),
    filterMaxResults: Number.isInteger(maxResults) && maxResults > 0 ? maxResults : null,
    etag: supported('etag'),
    sort: supported('sort'),
  };
}
