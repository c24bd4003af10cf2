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
};
