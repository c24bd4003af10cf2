import { toast } from '../stores/toasts';
import { ApiError } from './api';

/**
 * The one way a failed action is reported in a toast: "<what was being done>: <why>", with the
 * error code for support. A write the server accepted without changing anything is a warning (it
 * stays until dismissed) worded as everywhere else: the likely cause is SAML SSO being off.
 */
export function errorToast(doing: string, error: unknown): void {
  const silent = error instanceof ApiError && error.code === 'SCIM_SILENT_NO_OP';
  toast({
    tone: silent ? 'warning' : 'error',
    // Main words the silent no-op once (its error hint); the toast says it as the dialogs do.
    message: `${doing}: ${error instanceof Error ? error.message : 'failed'}`,
    ...(error instanceof ApiError ? { code: error.code } : {}),
  });
}
