import { AsyncLocalStorage } from 'node:async_hooks';
import { ScimError } from './errors';
import type { ScimAuditHook } from './client-core';

export type Audited = <T>(
  action: string,
  target: string | null,
  request: { method: string; path: string; body?: unknown },
  run: () => Promise<T>,
  describe?: (result: T) => unknown,
) => Promise<T>;

const beforeStates = new AsyncLocalStorage<unknown>();

/**
 * Runs `run` with the state its writes change from (what an undo restores): each write it makes
 * records it in its audit intent, beside the request.
 */
export function withBefore<T>(before: unknown, run: () => Promise<T>): Promise<T> {
  return before === undefined ? run() : beforeStates.run(before, run);
}

/**
 * The one place a write is checked and recorded: refused on a read-only tenant before anything is
 * sent, its intent recorded before the request (when the tenant has an audit history), its outcome
 * after.
 */
export function createAudited(readOnly: boolean, audit: ScimAuditHook | undefined): Audited {
  function assertWritable(): void {
    if (readOnly) throw new ScimError('READ_ONLY_TENANT');
  }

  /** Runs one write between its audit intent and outcome. */
  async function audited<T>(
    action: string,
    target: string | null,
    request: { method: string; path: string; body?: unknown },
    run: () => Promise<T>,
    describe?: (result: T) => unknown,
  ): Promise<T> {
    assertWritable();
    const before = beforeStates.getStore();
    const recorded = before === undefined ? request : { ...request, before };
    const intent = audit ? await audit.begin(action, { target, request: recorded }) : null;
    const started = performance.now();
    try {
      const result = await run();
      intent?.finish({
        outcome: 'success',
        durationMs: Math.round(performance.now() - started),
        detail: describe?.(result) ?? null,
      });
      return result;
    } catch (error) {
      intent?.finish({
        outcome: 'failure',
        httpStatus: error instanceof ScimError ? error.status : null,
        errorCode: error instanceof ScimError ? error.code : 'INTERNAL',
        durationMs: Math.round(performance.now() - started),
        detail: { message: error instanceof Error ? error.message : String(error) },
      });
      throw error;
    }
  }

  return audited;
}
