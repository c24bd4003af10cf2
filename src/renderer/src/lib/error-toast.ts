import { toast } from '../stores/toasts';
import { ApiError } from './api';

/**
 * The one way a failed action is reported in a toast: "<what was being done>: <why>", with the
 * error code for support. A write the server accepted without changing anything is a warning that
 * says the likely cause (SCIM changes apply only while the enterprise's SAML SSO is on).
 */
export function errorToast(doing: string, error: unknown): void {
  const silent = error instanceof ApiError && error.code === 'SCIM_SILENT_NO_OP';
  toast({
    tone: silent ? 'warning' : 'error',
    message: silent
      ? `${doing}: InVision answered OK but nothing changed. SAML SSO may be inactive for this enterprise: SCIM changes apply only while SSO is on.`
      : `${doing}: ${error instanceof Error ? error.message : 'failed'}`,
    ...(error instanceof ApiError ? { code: error.code } : {}),
  });
}
