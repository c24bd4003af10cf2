import { randomBytes } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { AuditEntry, AuditFilter, AuditStatus, AuditVerifyResult } from '../../../shared/domain/audit';
import type { Dialogs } from '../deps';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { probeDataDir } from '../fs/data-dir';
import type { SecretStore } from '../secrets/secret-store';
import { localActor } from './actor';
import { exportAudit, type ExportFormat } from './export';
import { createAuditRecorder } from './recorder';
import { createSealer } from './sealer';
import { openAuditStore, type AuditStore } from './store';

export type { AuditContext, AuditIntent } from './recorder';

export const AUDIT_FILE = 'audit.sqlite';
export const AUDIT_KEY_ACCOUNT = 'audit-anchor-key';

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
  const sealer = createSealer(deps);

  /** After each append: a head that does not continue the last signed one stops recording. */
  function seal(row: { seq: number; hash: string; prevHash: string }): void {
    if (state !== 'ready') return;
    const refused = sealer.seal(row);
    if (refused) {
      state = 'lost';
      message = refused;
      throw new AppError('FILE_ERROR', refused);
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
    const identity = await sealer.load();
    try {
      store = openAuditStore({
        file,
        actor: localActor(),
        appVersion: deps.appVersion,
        now: deps.now,
        anchorKey: key,
        afterAppend: seal,
      });
      const check = store.integrityCheck();
      if (check !== 'ok') throw new Error(`integrity check: ${check}`);
      state = 'ready';
      message =
        key && identity
          ? null
          : 'The keychain keys that anchor and sign the audit history are not available, so the history cannot be checked against its last signed checkpoint now. Entries recorded meanwhile are checked and signed at the next start with the keychain unlocked.';
      const finding = await sealer.check(store);
      if (finding.kind === 'lost') {
        state = 'lost';
        message = finding.message;
      }
    } catch (error) {
      store?.close();
      store = null;
      state = 'corrupt';
      message = `The audit history (${AUDIT_FILE}) cannot be opened: ${(error as Error).message}. The file is kept as it is. Start a new history to go on recording; the old file is then kept aside.`;
      deps.log.error('audit store unusable', { error: (error as Error).message });
    }
  }

  /** The open history for reading (also after a loss was found, so what is left can be seen and exported). */
  function ready(): AuditStore {
    if (!store) {
      throw new AppError(
        state === 'unavailable' && message ? 'DATA_DIR_UNWRITABLE' : 'INTERNAL',
        message ?? 'The audit history is not open.',
      );
    }
    return store;
  }

  function init(): Promise<void> {
    opening ??= open();
    return opening;
  }

  /** The history for writing: only while it is ready (not after a loss was found). */
  function writable(): AuditStore {
    const s = ready();
    if (state !== 'ready') throw new AppError('FILE_ERROR', message ?? 'The audit history cannot take new entries.');
    return s;
  }

  const recorder = createAuditRecorder({
    dataDir: deps.dataDir,
    now: deps.now,
    log: deps.log,
    init,
    current: () => (state === 'ready' ? store : null),
    ready: writable,
  });

  async function status(): Promise<AuditStatus> {
    await init();
    return {
      state,
      message,
      entries: store?.count() ?? 0,
      reconciled,
      signing: sealer.signing(),
    };
  }

  return {
    init,

    event: recorder.event,
    begin: recorder.begin,
    async reconcile(resolve: (entry: AuditEntry) => Promise<string>): Promise<AuditStatus['reconciled']> {
      reconciled = await recorder.reconcile(resolve);
      return reconciled;
    },

    status,

    async query(filter: AuditFilter, before: number | null, limit: number) {
      await init();
      return ready().query(filter, { before, limit });
    },

    async entry(id: string): Promise<AuditEntry | null> {
      await init();
      return ready().entry(id);
    },

    /** Changes per day for the last `days` days (oldest first, every day present, zeros included). */
    async activity(tenantId: string | null, days: number) {
      await init();
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
      await init();
      const s = ready();
      return {
        actions: s.distinct('action').map((r) => r.value),
        actors: s.distinct('actor').map((r) => r.value),
        tenants: s.distinct('tenant'),
      };
    },

    async verify(): Promise<AuditVerifyResult> {
      await init();
      return ready().verify();
    },

    /** Exports the whole history with a manifest; the export itself is recorded. */
    async export(format: ExportFormat): Promise<{ path: string | null; entries: number }> {
      await init();
      const s = writable();
      const target = await deps.dialogs.saveFile({
        title: 'Export the audit history',
        defaultPath: `scim-console-audit.${format}`,
        filters: [{ name: format.toUpperCase(), extensions: [format] }],
      });
      if (!target) return { path: null, entries: 0 };
      try {
        const manifest = await exportAudit(s.rows(), target, format, deps.now(), {
          consoleVersion: deps.appVersion,
          signer: sealer.signer(),
        });
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
      await init();
      if (state !== 'corrupt' && state !== 'lost')
        throw new AppError('INVALID_INPUT', 'The audit history is usable; there is nothing to replace.');
      const why = message;
      const stamp = deps.now().toISOString().replace(/[:.]/g, '-');
      store?.close();
      store = null;
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(file + suffix)) renameSync(file + suffix, `${file}.unusable-${stamp}${suffix}`);
      }
      sealer.startFresh(`unusable-${stamp}`);
      opening = open();
      await opening;
      // open() set both again (the compiler cannot see that through the call).
      const reopened = store as AuditStore | null;
      if (reopened && (state as AuditStatus['state']) === 'ready') {
        // The first entry of the new history, signed: why the old one was replaced, and where it is.
        reopened.append({
          kind: 'event',
          action: 'audit.restarted',
          outcome: 'info',
          detail: { keptAs: `${AUDIT_FILE}.unusable-${stamp}`, reason: why },
        });
        await sealer.flush();
      }
      return status();
    },

    /** Saves the public key that checks this installation's signatures, where the admin chooses. */
    async exportPublicKey() {
      await init();
      return sealer.exportPublicKey(deps.dialogs);
    },

    /** Replaces the signing key; the rotation is recorded, endorsed by the old key, signed by the new. */
    async rotateSigningKey(): Promise<{ fingerprint: string }> {
      await init();
      return sealer.rotate(writable());
    },

    /** What signs the console's evidence (exports, access-review packs); null while the keychain cannot. */
    evidenceSigner: () => sealer.signer(),

    /** Resolves once the newest checkpoint is in the keychain too (tests, and before quitting). */
    flushCheckpoints: () => sealer.flush(),

    close(): void {
      if (store && recorder.held() > 0 && !recorder.flush(store)) {
        deps.log.error('audit outcomes not written before quitting; they are reconciled at the next start', {
          count: recorder.held(),
        });
      }
      store?.close();
      store = null;
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
