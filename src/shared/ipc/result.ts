import { z } from 'zod';

/**
 * The closed set of error codes that may cross IPC. Each later capability adds its codes here,
 * and every code needs an entry in ERROR_HINTS so the UI always has something a person can act on.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'UNTRUSTED_SENDER',
  'INVALID_OUTPUT',
  'INTERNAL',
  'CANCELLED',
  'READ_ONLY_TENANT',
  'SCIM_INSECURE_URL',
  'SCIM_UNAUTHORIZED',
  'SCIM_FORBIDDEN',
  'SCIM_NOT_FOUND',
  'SCIM_CONFLICT',
  'SCIM_PRECONDITION_FAILED',
  'SCIM_BAD_REQUEST',
  'SCIM_RATE_LIMITED',
  'SCIM_SERVER_ERROR',
  'SCIM_NETWORK',
  'SCIM_TIMEOUT',
  'SCIM_INVALID_RESPONSE',
  'SCIM_SILENT_NO_OP',
  'TENANT_NOT_FOUND',
  'TOKEN_MISSING',
  'TOKEN_INVALID',
  'KEYCHAIN_LOCKED',
  'KEYCHAIN_UNAVAILABLE',
  'KEYCHAIN_TIMEOUT',
  'FILE_ERROR',
  'DATA_DIR_UNWRITABLE',
  'DISK_FULL',
  'JOB_NOT_FOUND',
  'IMPORT_EXPIRED',
  'CONFIRMATION_REQUIRED',
  'UNDO_UNAVAILABLE',
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const ipcErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  detail: z.string().optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, detail?: string): IpcResult<never> {
  return { ok: false, error: detail === undefined ? { code, message } : { code, message, detail } };
}

/** What to tell a person about each code when the handler gave no better message. */
export const ERROR_HINTS: Record<ErrorCode, string> = {
  INVALID_INPUT: 'The request was not valid. This is a bug in the console; please report it.',
  UNKNOWN_CHANNEL: 'The console asked for something the main process does not offer. Restart the app.',
  UNTRUSTED_SENDER: 'The request came from a frame the console does not trust and was refused.',
  INVALID_OUTPUT: 'The main process produced an answer it could not vouch for. Please report it.',
  INTERNAL: 'Something went wrong in the main process. Try again; if it persists, restart the app.',
  CANCELLED: 'The operation was cancelled.',
  READ_ONLY_TENANT:
    'This tenant is open read-only, so the console refused the change. Reopen it with write access to make changes.',
  SCIM_INSECURE_URL:
    'The SCIM base URL must use https (plain http is allowed only for this computer: localhost or 127.0.0.1).',
  SCIM_UNAUTHORIZED:
    'The SCIM server refused the token (401). If this tenant worked before, the token may have been regenerated in InVision, which expires the old one at once: rotate the token.',
  SCIM_FORBIDDEN:
    'The SCIM server understood the token but refused the request (403). Check that the token belongs to an admin of an Enterprise team.',
  SCIM_NOT_FOUND:
    'The SCIM server has no such resource (404). It may have been deleted elsewhere: refresh and try again.',
  SCIM_CONFLICT: 'The SCIM server reported a conflict (409), for example a userName that already exists.',
  SCIM_PRECONDITION_FAILED: 'The resource changed on the server since it was read (412). Refresh and try again.',
  SCIM_BAD_REQUEST: 'The SCIM server rejected the request as invalid (400).',
  SCIM_RATE_LIMITED:
    'The SCIM server is rate limiting the console (429). Wait a moment and retry; running jobs slow down on their own.',
  SCIM_SERVER_ERROR: 'The SCIM server failed (5xx). Retry later; if it persists, check the provider status page.',
  SCIM_NETWORK: 'The SCIM server could not be reached. Check the network, VPN or proxy, and the base URL.',
  SCIM_TIMEOUT:
    'The SCIM server did not answer in time. Retry; if it keeps happening, the server or the network is overloaded.',
  SCIM_INVALID_RESPONSE:
    'The SCIM server answered with something that is not valid SCIM JSON. A proxy or login page may be in the way; check the base URL.',
  SCIM_SILENT_NO_OP:
    'The SCIM server accepted the change but nothing changed. With InVision this usually means SAML SSO is not active for the team, so provisioning is ignored: turn on SSO, then retry.',
  TENANT_NOT_FOUND: 'That tenant no longer exists. Pick another tenant from the list.',
  TOKEN_MISSING: 'No token is stored for this tenant. Add one with Rotate token.',
  TOKEN_INVALID: 'That does not look like a bearer token: paste the token exactly as InVision showed it.',
  KEYCHAIN_LOCKED:
    'The OS keychain is locked, or the token was removed outside the app. Unlock the keychain and retry; if the token is gone, add it again with Rotate token.',
  KEYCHAIN_UNAVAILABLE: 'The OS keychain is not available. The console never stores tokens anywhere else.',
  KEYCHAIN_TIMEOUT: 'The OS keychain did not answer in time. Check for an unlock prompt, then retry.',
  FILE_ERROR: 'The file could not be read or written. Check the path and permissions, then retry.',
  DATA_DIR_UNWRITABLE:
    'The console cannot write to its data folder, so it refuses changes it could not record. Make the folder writable, then restart the console.',
  DISK_FULL:
    'The disk that holds the console’s data folder is full. Free some space, then resume: nothing that was recorded is lost.',
  JOB_NOT_FOUND: 'That job is no longer in the journal. Refresh the jobs list.',
  IMPORT_EXPIRED: 'The file or plan is no longer loaded (the console keeps the last two). Choose the file again.',
  CONFIRMATION_REQUIRED: 'This change needs a typed confirmation. Type what the dialog asks for, then apply.',
  UNDO_UNAVAILABLE:
    'This change cannot be undone by the console. Its audit entry says what was done; reverse it by hand.',
};
