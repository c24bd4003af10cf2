import type { ConsoleApi } from '../../../shared/ipc/api-types';
import type { IpcError, IpcResult } from '../../../shared/ipc/result';

/** The one module that reads `window.api`; everything else imports from here. */
export function getApi(): ConsoleApi {
  const api = window.api;
  if (!api) {
    throw new ApiError({
      code: 'INTERNAL',
      message: 'The console was opened without its main process. Start it with the desktop app.',
    });
  }
  return api;
}

/** An IPC failure as a throwable, so React Query can hold it as a query or mutation error. */
export class ApiError extends Error {
  readonly code: IpcError['code'];
  readonly detail: string | undefined;

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.detail = error.detail;
  }
}

export async function unwrap<T>(result: Promise<IpcResult<T>>): Promise<T> {
  const settled = await result;
  if (settled.ok) return settled.value;
  throw new ApiError(settled.error);
}
