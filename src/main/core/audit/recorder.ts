import type { AuditEntry, AuditOutcome, AuditStatus } from '../../../shared/domain/audit';
import { AppError } from '../errors';
import { dataFileError } from '../fs/data-dir';
import type { Logger } from '../log';
import type { AuditRecord, AuditStore } from './store';

export interface AuditContext {
  tenantId?: string | null;
  tenantName?: string | null;
  tenantUrl?: string | null;
  jobId?: string | null;
  correlationId?: string;
}

/** Recorded before a change is attempted; `finish` records what happened. */
export interface AuditIntent {
  id: string;
  finish(result: {
    outcome: AuditOutcome;
    httpStatus?: number | null;
    errorCode?: string | null;
    durationMs?: number | null;
    detail?: unknown;
  }): void;
}

/**
 * Writing the history: events, intents before changes and their outcomes, and the outcomes of
 * interrupted changes at start-up. An outcome the disk cannot take is held and written first.
 */
export function createAuditRecorder(deps: {
  dataDir: string;
  now: () => Date;
  log: Logger;
  init: () => Promise<void>;
  /** The open store, or null when the history is not usable. */
  current: () => AuditStore | null;
  /** The open store; throws the typed reason when there is none. */
  ready: () => AuditStore;
}) {
  /**
   * Outcomes of writes the server answered that could not be recorded (a full disk): kept here and
   * written before anything else, so none is lost while the console runs; while any is waiting, no
   * new change starts.
   */
  const pending: AuditRecord[] = [];

  /** Appends one record; a failure is the typed error that says why (DISK_FULL, ...). */
  function write(s: AuditStore, record: AuditRecord): { id: string } {
    try {
      return s.append(record);
    } catch (error) {
      // A typed refusal (the history was changed under the console) says its own reason.
      if (error instanceof AppError) throw error;
      throw dataFileError(deps.dataDir, 'the audit history', error);
    }
  }

  /** Writes the waiting outcomes first; throws the typed error when it still cannot. */
  function flushPending(s: AuditStore): void {
    while (pending.length > 0) {
      write(s, pending[0]!);
      pending.shift();
    }
  }

  /** Records a standalone event (tenant added, token rotated, export made, ...). */
  async function event(
    action: string,
    context: AuditContext & { target?: string | null; outcome?: AuditOutcome; detail?: unknown },
  ): Promise<void> {
    await deps.init();
    const store = deps.current();
    if (!store) return;
    flushPending(store);
    write(store, { kind: 'event', action, outcome: context.outcome ?? 'info', ...context });
  }

  /** Writes the intent before a change; the change must not start if this throws. */
  async function begin(
    action: string,
    context: AuditContext & { target?: string | null; request?: unknown },
  ): Promise<AuditIntent> {
    await deps.init();
    const s = deps.ready();
    flushPending(s);
    const intent = write(s, { kind: 'intent', action, outcome: 'pending', ...context });
    const base: Pick<AuditRecord, 'tenantId' | 'tenantName' | 'tenantUrl' | 'jobId' | 'target'> = {
      tenantId: context.tenantId ?? null,
      tenantName: context.tenantName ?? null,
      tenantUrl: context.tenantUrl ?? null,
      jobId: context.jobId ?? null,
      target: context.target ?? null,
    };
    return {
      id: intent.id,
      finish: (result) => {
        const record: AuditRecord = {
          kind: 'outcome',
          ref: intent.id,
          action,
          ...base,
          correlationId: context.correlationId ?? intent.id,
          ...result,
        };
        try {
          flushPending(s);
          s.append(record);
        } catch (error) {
          // Kept, with when it happened, and written as soon as the disk takes it.
          pending.push({
            ...record,
            detail: { result: result.detail ?? null, happenedAt: deps.now().toISOString() },
          });
          deps.log.error('audit outcome held until it can be written', {
            action,
            waiting: pending.length,
            error: (error as Error).message,
          });
        }
      },
    };
  }

  /**
   * At start-up: every intent without an outcome was interrupted. `resolve` reads the target's
   * current state; what it found is recorded as the outcome and kept for the admin to see.
   */
  async function reconcile(resolve: (entry: AuditEntry) => Promise<string>): Promise<AuditStatus['reconciled']> {
    await deps.init();
    const store = deps.current();
    if (!store) return [];
    const found: AuditStatus['reconciled'] = [];
    for (const entry of store.pending()) {
      let finding: string;
      let outcome: AuditOutcome = 'reconciled';
      try {
        finding = await resolve(entry);
      } catch (error) {
        finding = `could not read the target: ${(error as Error).message}`;
        outcome = 'unknown';
      }
      store.append({
        kind: 'outcome',
        ref: entry.id,
        action: entry.action,
        target: entry.target,
        tenantId: entry.tenantId,
        tenantName: entry.tenantName,
        tenantUrl: entry.tenantUrl,
        outcome,
        detail: { reconciledAtStartup: true, finding },
      });
      found.push({ id: entry.id, action: entry.action, target: entry.target, finding });
    }
    return found;
  }

  return {
    event,
    begin,
    reconcile,
    /** Writes the held outcomes now (before quitting); false when the disk still refuses. */
    flush(store: AuditStore): boolean {
      try {
        flushPending(store);
        return true;
      } catch {
        return false;
      }
    },
    held: () => pending.length,
  };
}
