import { randomBytes } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  AuditEntry,
  AuditFilter,
  AuditOutcome,
  AuditStatus,
  AuditVerifyResult,
} from '../../../shared/domain/audit';
import type { Dialogs } from '../deps';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { dataFileError, probeDataDir } from '../fs/data-dir';
import type { SecretStore } from '../secrets/secret-store';
import { exportAudit, type ExportFormat } from './export';
import { openAuditStore, type AuditRecord, type AuditStore } from './store';

export const AUDIT_FILE = 'audit.sqlite';
export const AUDIT_KEY_ACCOUNT = 'audit-anchor-key';

/** Who did it: the OS user and machine, as the history records it. */
export function localActor(): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): keep "unknown".
  }
  return `${user}@${os.hostname()}`;
}

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

export interface AuditServiceDeps {
  dataDir: string;
  secrets: SecretStore;
  dialogs: Dialogs;
  appVersion: string;
  now: () => Date;
  log: Logger;
}

/**
 * The local audit history: opened at start, kept aside (never replaced without consent) when the
 * file is not usable, and the one way the rest of main records what the console does.
 */
export function createAuditService(deps: AuditServiceDeps) {
  const file = path.join(deps.dataDir, AUDIT_FILE);
  let store: AuditStore | null = null;
  let state: AuditStatus['state'] = 'unavailable';
  let message: string | null = null;
  let reconciled: AuditStatus['reconciled'] = [];
  let opening: Promise<void> | undefined;
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

  async function anchorKey(): Promise<Buffer | null> {
    const existing = await deps.secrets.get(AUDIT_KEY_ACCOUNT);
    if (existing.state === 'ok') return Buffer.from(existing.value, 'base64');
    if (existing.state !== 'not-set') return null;
    const fresh = randomBytes(32).toString('base64');
    const saved = await deps.secrets.set(AUDIT_KEY_ACCOUNT, fresh);
    return saved.state === 'ok' ? Buffer.from(fresh, 'base64') : null;
  }

  async function open(): Promise<void> {
    // A folder that takes no writes is not a damaged history: say which folder, offer no "start fresh".
    const unwritable = probeDataDir(deps.dataDir);
    if (unwritable) {
      state = 'unavailable';
      message = unwritable;
      deps.log.error('audit store cannot be opened: data folder not writable', { dataDir: deps.dataDir });
      return;
    }
    const key = await anchorKey();
    try {
      store = openAuditStore({ file, actor: localActor(), appVersion: deps.appVersion, now: deps.now, anchorKey: key });
      const check = store.integrityCheck();
      if (check !== 'ok') throw new Error(`integrity check: ${check}`);
      state = 'ready';
      message = key
        ? null
        : 'The keychain key that anchors the audit history is not available, so a rewritten file would go unnoticed until it is.';
    } catch (error) {
      store?.close();
      store = null;
      state = 'corrupt';
      message = `The audit history (${AUDIT_FILE}) cannot be opened: ${(error as Error).message}. The file is kept as it is. Start a new history to go on recording; the old file is then kept aside.`;
      deps.log.error('audit store unusable', { error: (error as Error).message });
    }
  }

  function ready(): AuditStore {
    if (!store) {
      throw new AppError(
        state === 'unavailable' && message ? 'DATA_DIR_UNWRITABLE' : 'INTERNAL',
        message ?? 'The audit history is not open.',
      );
    }
    return store;
  }

  return {
    init(): Promise<void> {
      opening ??= open();
      return opening;
    },

    /** Records a standalone event (tenant added, token rotated, export made, ...). */
    async event(
      action: string,
      context: AuditContext & { target?: string | null; outcome?: AuditOutcome; detail?: unknown },
    ): Promise<void> {
      await this.init();
      if (!store) return;
      flushPending(store);
      write(store, { kind: 'event', action, outcome: context.outcome ?? 'info', ...context });
    },

    /** Writes the intent before a change; the change must not start if this throws. */
    async begin(
      action: string,
      context: AuditContext & { target?: string | null; request?: unknown },
    ): Promise<AuditIntent> {
      await this.init();
      const s = ready();
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
    },

    /**
     * At start-up: every intent without an outcome was interrupted. `resolve` reads the target's
     * current state; what it found is recorded as the outcome and kept for the admin to see.
     */
    async reconcile(resolve: (entry: AuditEntry) => Promise<string>): Promise<AuditStatus['reconciled']> {
      await this.init();
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
      reconciled = found;
      return found;
    },

    async status(): Promise<AuditStatus> {
      await this.init();
      return { state, message, entries: store?.count() ?? 0, reconciled };
    },

    async query(filter: AuditFilter, before: number | null, limit: number) {
      await this.init();
      return ready().query(filter, { before, limit });
    },

    /** Changes per day for the last `days` days (oldest first, every day present, zeros included). */
    async activity(tenantId: string | null, days: number) {
      await this.init();
      const today = Date.UTC(deps.now().getUTCFullYear(), deps.now().getUTCMonth(), deps.now().getUTCDate());
      const since = today - (days - 1) * 86_400_000;
      const found = new Map(
        ready()
          .activity(tenantId, since)
          .map((r) => [r.day, r]),
      );
      return {
        days: Array.from({ length: days }, (_, i) => {
          const day = new Date(since + i * 86_400_000).toISOString().slice(0, 10);
          return found.get(day) ?? { day, success: 0, failure: 0 };
        }),
      };
    },

    async facets() {
      await this.init();
      const s = ready();
      return {
        actions: s.distinct('action').map((r) => r.value),
        actors: s.distinct('actor').map((r) => r.value),
        tenants: s.distinct('tenant'),
      };
    },

    async verify(): Promise<AuditVerifyResult> {
      await this.init();
      return ready().verify();
    },

    /** Exports the whole history with a manifest; the export itself is recorded. */
    async export(format: ExportFormat): Promise<{ path: string | null; entries: number }> {
      await this.init();
      const s = ready();
      const target = await deps.dialogs.saveFile({
        title: 'Export the audit history',
        defaultPath: `scim-console-audit.${format}`,
        filters: [{ name: format.toUpperCase(), extensions: [format] }],
      });
      if (!target) return { path: null, entries: 0 };
      try {
        const manifest = await exportAudit(s.rows(), target, format, deps.now());
        s.append({
          kind: 'event',
          action: 'audit.exported',
          outcome: 'success',
          target: path.basename(target),
          detail: { format, entries: manifest.entries, sha256: manifest.sha256 },
        });
        return { path: target, entries: manifest.entries };
      } catch (error) {
        throw new AppError('FILE_ERROR', `Could not write ${target}: ${(error as Error).message}`);
      }
    },

    /** Only with the admin's consent: keeps the unusable file aside and starts a new history. */
    async startFresh(): Promise<AuditStatus> {
      if (state !== 'corrupt')
        throw new AppError('INVALID_INPUT', 'The audit history is usable; there is nothing to replace.');
      const stamp = deps.now().toISOString().replace(/[:.]/g, '-');
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(file + suffix)) renameSync(file + suffix, `${file}.unusable-${stamp}${suffix}`);
      }
      opening = open();
      await opening;
      if (store)
        store.append({
          kind: 'event',
          action: 'audit.restarted',
          outcome: 'info',
          detail: { keptAs: `${AUDIT_FILE}.unusable-${stamp}` },
        });
      return this.status();
    },

    close(): void {
      if (store && pending.length) {
        try {
          flushPending(store);
        } catch {
          deps.log.error('audit outcomes not written before quitting; they are reconciled at the next start', {
            count: pending.length,
          });
        }
      }
      store?.close();
      store = null;
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
