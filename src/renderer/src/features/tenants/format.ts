import { shortDateTime } from '../../lib/dates';
import type { TenantView } from '../../../../shared/domain/tenant';

export function tokenSummary(tenant: TenantView): string {
  switch (tenant.tokenState) {
    case 'stored':
      return tenant.kind === 'sandbox'
        ? 'Managed by the Sandbox'
        : `Stored · fingerprint ${tenant.tokenFingerprint ?? 'unknown'}`;
    case 'missing':
      return 'No token: add one with Rotate token';
    case 'locked':
      return 'Keychain locked, or token removed outside the app';
    case 'timed-out':
      return 'Keychain did not answer';
    case 'unavailable':
      return 'Keychain unavailable';
  }
}

export function displayUrl(tenant: TenantView): string {
  return tenant.kind === 'sandbox' ? 'Built in, on this computer' : tenant.baseUrl;
}

export function when(iso: string | null): string {
  if (!iso) return 'never';
  return shortDateTime(iso);
}
