import { createPersonLookup } from './lookup/service';
import { lookupHandlers } from './ipc/handlers/lookup';
import { createSnapshots } from './directory/snapshots';
import { snapshotNamer } from './audit/target-names';
import { probeDataDir } from './fs/data-dir';
import { fail } from '../../shared/ipc/result';
import type { CoreDeps } from './deps';
import { createEventBus, type CoreEvents } from './events';
import { appHandlers } from './ipc/handlers/app';
import { createRouter, type Dispatch, type Handlers } from './ipc/router';
import { tenantHandlers } from './ipc/handlers/tenants';
import { auditHandlers } from './ipc/handlers/audit';
import { evidenceHandlers } from './ipc/handlers/evidence';
import { createReviewPacks } from './evidence/review-pack';
import { directoryHandlers } from './ipc/handlers/directory';
import { createDirectoryService } from './directory/service';
import { targetReader } from './audit/reconcile';
import { createAuditService } from './audit/service';
import { createSandboxService, type SandboxService } from './sandbox/service';
import { createTenantService } from './tenants/service';
import { createTenantStore } from './tenants/store';
import { createJobService } from './jobs/service';
import { createImportService } from './imports/service';
import { jobHandlers } from './ipc/handlers/jobs';
import { undoHandlers } from './ipc/handlers/undo';
import { createUndoService } from './undo/service';

export interface Core {
  dispatch: Dispatch;
  events: CoreEvents;
  /**
   * The one service the shell and the test hosts use directly (the developer menu, fault
   * switches); everything else goes through `dispatch`, where the router's checks apply.
   */
  services: { sandbox: SandboxService };
  /** Settles once start-up work (opening the audit history, reconciling interrupted actions) is done. */
  ready: Promise<void>;
  /** Set when the data folder takes no writes: what to tell the admin (also in `app.info`). */
  startupProblem: string | null;
  close(): Promise<void>;
}

/**
 * Composes every service from injected platform dependencies. Runs in Electron and plain Node
 * alike. Never throws for the data folder: one that takes no writes becomes `startupProblem`, and
 * each store reports it when used.
 */
export function createCore(deps: CoreDeps): Core {
  const startupProblem = probeDataDir(deps.dataDir);
  if (startupProblem) deps.log.error('data folder not writable', { dataDir: deps.dataDir });
  const events = createEventBus(deps.log);
  const sandbox = createSandboxService({
    secrets: deps.secrets,
    log: deps.log,
    ...(deps.sandbox ? { size: deps.sandbox } : {}),
  });
  const now = () => new Date(deps.clock.now());
  const audit = createAuditService({
    dataDir: deps.dataDir,
    secrets: deps.secrets,
    dialogs: deps.dialogs,
    appVersion: deps.host.version,
    now,
    log: deps.log,
  });
  // The listing main keeps: the directory mirrors every action into it, the audit names targets from it.
  const snapshots = createSnapshots();
  const tenants = createTenantService({
    audit,
    names: snapshotNamer(snapshots.peek),
    store: createTenantStore({ dataDir: deps.dataDir, now }),
    secrets: deps.secrets,
    sandbox,
    fetch: deps.fetch,
    dialogs: deps.dialogs,
    now,
    platform: deps.host.platform as NodeJS.Platform,
    log: deps.log,
    ...(deps.launch ? { launch: deps.launch } : {}),
  });
  // Every export is sealed: a manifest beside it, signed with the installation's key when the keychain allows.
  const evidence = { consoleVersion: deps.host.version, signer: audit.evidenceSigner };
  const directory = createDirectoryService({
    snapshots,
    tenants,
    events,
    audit,
    dialogs: deps.dialogs,
    now,
    log: deps.log,
    evidence,
  });
  const jobs = createJobService({
    dataDir: deps.dataDir,
    evidence,
    tenants,
    events,
    dialogs: deps.dialogs,
    log: deps.log,
    now,
    stateOf: (tenantId) => directory.state(tenantId),
    ...(deps.notify ? { notify: deps.notify } : {}),
  });
  const imports = createImportService({
    dataDir: deps.dataDir,
    tenants,
    audit,
    evidence,
    dialogs: deps.dialogs,
    directory,
    jobs,
    events,
    log: deps.log,
  });
  const ready = audit
    .reconcile(targetReader(tenants))
    .then((found) => {
      if (found.length) deps.log.warn('reconciled interrupted actions', { count: found.length });
    })
    .catch((error: unknown) => deps.log.error('start-up reconciliation failed', { error: String(error) }));
  const handlers: Handlers = {
    ...appHandlers(deps, startupProblem),
    ...tenantHandlers(tenants),
    ...auditHandlers(audit, ready),
    ...evidenceHandlers(createReviewPacks({ audit, directory, tenants, dialogs: deps.dialogs, now, evidence })),
    ...directoryHandlers(directory),
    ...jobHandlers(jobs, imports),
    ...undoHandlers(
      createUndoService({
        directory,
        jobs,
        audit,
        clockOffset: async (tenantId) => (await tenants.clientFor(tenantId)).clockOffset(),
        now,
      }),
    ),
    ...lookupHandlers(createPersonLookup({ tenants, peek: snapshots.peek })),
  };
  const route = createRouter(handlers, deps.log, { isReadOnly: (id) => tenants.isReadOnly(id) });
  let closed = false;

  return {
    events,
    services: { sandbox },
    ready,
    startupProblem,
    dispatch: (channel, rawInput) =>
      closed ? Promise.resolve(fail('INTERNAL', 'The console is shutting down.')) : route(channel, rawInput),
    close: async () => {
      closed = true;
      await ready;
      jobs.close();
      await sandbox.close();
      audit.close();
      deps.secrets.close?.();
    },
  };
}
