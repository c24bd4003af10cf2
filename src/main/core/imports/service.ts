import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Directory } from '../../../shared/domain/directory';
import type {
  ColumnMappingView,
  ImportFile,
  ImportPlanView,
  JobView,
  PlanOptionsView,
} from '../../../shared/domain/jobs';
import type { EvidenceSealing } from '../evidence/manifest';
import { exportPlanFile } from './plan-export';
import { readPlanFile } from './plan-file';
import { planView, type StoredPlan } from './plan-view';
import type { AuditService } from '../audit/service';
import type { TenantService } from '../tenants/service';
import { readStale, staleSummary } from '../jobs/staleness';
import { beforeStates } from '../jobs/before';
import type { Dialogs } from '../deps';
import type { DirectoryService } from '../directory/service';
import { AppError } from '../errors';
import type { CoreEvents } from '../events';
import type { JobService } from '../jobs/service';
import type { Logger } from '../log';
import { readCsvFile, type CsvSheet } from './csv-read';
import { IMPORT_FIELDS, recogniseSource, suggestMapping, type ColumnMapping } from './mapping';
import { createMappingMemory } from './mapping-memory';
import { planImport } from './plan';

export interface ImportServiceDeps {
  dataDir: string;
  tenants: Pick<TenantService, 'planPolicy'>;
  audit: Pick<AuditService, 'event'>;
  /** How exported plans are sealed (manifest and signature); unsigned without it. */
  evidence?: EvidenceSealing;
  dialogs: Dialogs;
  directory: DirectoryService;
  jobs: JobService;
  events: CoreEvents;
  log: Logger;
}

/** Files kept loaded at once. */
const KEPT = 2;

interface Loaded {
  tenantId: string;
  fileName: string;
  /** The CSV read; null for a plan opened from a plan file (it cannot be planned again here). */
  sheet: CsvSheet | null;
  plan: StoredPlan | null;
}

/**
 * CSV import: main reads the file the admin chose (streamed), suggests a column mapping (the one
 * remembered for this tenant and these columns, else from the header names), plans against a fresh
 * listing of the tenant, shows every request a dry run would send, and applies the plan as a job.
 */
export function createImportService(deps: ImportServiceDeps) {
  const loaded = new Map<string, Loaded>();
  const memory = createMappingMemory(deps.dataDir, deps.log);

  function get(importId: string, tenantId: string): Loaded {
    const item = loaded.get(importId);
    if (!item || item.tenantId !== tenantId) throw new AppError('IMPORT_EXPIRED');
    return item;
  }

  function validMapping(mapping: ColumnMappingView, headers: readonly string[]): ColumnMapping {
    for (const field of IMPORT_FIELDS) {
      const index = mapping[field];
      if (index !== null && index >= headers.length) {
        throw new AppError('INVALID_INPUT', `The ${field} column is past the last column of the file.`);
      }
    }
    return mapping;
  }

  /** Reads a file main was given (the dialog's choice). */
  async function readFile(tenantId: string, taskId: string, file: string): Promise<ImportFile> {
    const fileName = path.basename(file);
    let lastEmit = 0;
    const sheet = await readCsvFile(file, {
      onProgress: (bytes, total) => {
        const now = Date.now();
        if (now - lastEmit < 100) return;
        lastEmit = now;
        deps.events.emit('task.progress', {
          taskId,
          label: `Reading ${fileName}`,
          done: bytes,
          total,
          finished: false,
        });
      },
    });
    deps.events.emit('task.progress', {
      taskId,
      label: `Reading ${fileName}`,
      done: sheet.bytes,
      total: sheet.bytes,
      finished: true,
    });
    if (sheet.headers.length === 0) {
      throw new AppError('INVALID_INPUT', `${fileName} is empty: it has no header row.`);
    }
    const importId = randomUUID();
    loaded.set(importId, { tenantId, fileName, sheet, plan: null });
    while (loaded.size > KEPT) loaded.delete(loaded.keys().next().value!);
    const remembered = await memory.recall(tenantId, sheet.headers);
    const mapping = remembered ?? suggestMapping(sheet.headers);
    return {
      importId,
      fileName,
      bytes: sheet.bytes,
      encoding: sheet.encoding,
      delimiter: sheet.delimiter,
      headers: sheet.headers,
      sample: sheet.rows.slice(0, 5).map((r) => r.cells.map((c) => c.slice(0, 200))),
      rows: sheet.rows.length,
      unreadableRows: sheet.issues.length,
      replacedCharacters: sheet.replacedCharacters,
      source: recogniseSource(sheet.headers),
      mapping,
      mappingRemembered: remembered !== undefined,
    };
  }

  return {
    /** Asks for a file, reads it, and suggests a mapping. Null when the admin cancelled. */
    async chooseFile(tenantId: string, taskId: string): Promise<ImportFile | null> {
      const file = await deps.dialogs.openFile({
        title: 'Choose a CSV file of members',
        filters: [
          { name: 'CSV or text', extensions: ['csv', 'txt', 'tsv'] },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      if (!file) return null;
      return readFile(tenantId, taskId, file);
    },
    readFile,
    /** Plans against a fresh listing of the tenant; remembers the mapping for these columns. */
    async plan(
      tenantId: string,
      importId: string,
      mappingInput: ColumnMappingView,
      options: PlanOptionsView,
      taskId: string,
    ): Promise<ImportPlanView & { planId: string }> {
      const item = get(importId, tenantId);
      if (!item.sheet) {
        throw new AppError(
          'IMPORT_EXPIRED',
          'This plan was opened from a plan file: it can be checked and applied here, but planned again only where its CSV is.',
        );
      }
      const mapping = validMapping(mappingInput, item.sheet.headers);
      const directory: Directory = await deps.directory.load(tenantId, taskId);
      const plan = planImport(item.sheet, mapping, directory, options);
      const planId = randomUUID();
      const batchSize = await deps.jobs.membershipBatchSize(tenantId);
      item.plan = { id: planId, plan, mapping, options, batchSize, plannedAt: directory.loadedAt, origin: null };
      await memory.remember(tenantId, item.sheet.headers, mapping);
      return planView(importId, item.plan);
    },
    /** The whole plan as JSON: every step with its request (the dry run, to keep or review). */
    async exportPlan(tenantId: string, importId: string) {
      const item = get(importId, tenantId);
      if (!item.plan) throw new AppError('IMPORT_EXPIRED', 'Plan the import first.');
      if (item.plan.origin) {
        throw new AppError('INVALID_INPUT', `This plan was opened from ${item.plan.origin.fileName}: share that file.`);
      }
      const policy = await deps.tenants.planPolicy(tenantId);
      const tenant = { id: tenantId, name: policy.tenantName, url: policy.tenantUrl };
      return exportPlanFile(deps, item.fileName, tenant, item.plan);
    },
    /**
     * Opens a plan another installation (or this one) exported, proven by its signature and made
     * for this tenant, for review, its dry run, the check for changes since, and Apply.
     */
    async openPlan(tenantId: string): Promise<(ImportPlanView & { planId: string }) | null> {
      const file = await deps.dialogs.openFile({
        title: 'Open an import plan',
        filters: [
          { name: 'Import plan (JSON)', extensions: ['json'] },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      if (!file) return null;
      const policy = await deps.tenants.planPolicy(tenantId);
      const opened = await readPlanFile(file, { url: policy.tenantUrl, name: policy.tenantName });
      const importId = randomUUID();
      const stored: StoredPlan = {
        id: randomUUID(),
        plan: opened.plan,
        mapping: opened.mapping,
        options: opened.options,
        batchSize: await deps.jobs.membershipBatchSize(tenantId),
        plannedAt: opened.origin.plannedAt,
        origin: opened.origin,
      };
      loaded.set(importId, { tenantId, fileName: opened.fileName, sheet: null, plan: stored });
      while (loaded.size > KEPT) loaded.delete(loaded.keys().next().value!);
      await deps.audit.event('import.planOpened', {
        tenantId,
        target: opened.origin.fileName,
        detail: { ...opened.origin, steps: opened.plan.steps.length },
      });
      return planView(importId, stored, deps.evidence?.signer()?.fingerprint ?? null);
    },
    /** Applies the plan the admin saw (by its id) as a job; a typed confirmation when the safeguard asks. */
    async apply(
      tenantId: string,
      importId: string,
      planId: string,
      confirmation: string | null,
      taskId: string,
    ): Promise<JobView> {
      const item = get(importId, tenantId);
      if (!item.plan || item.plan.id !== planId) {
        throw new AppError('IMPORT_EXPIRED', 'The plan changed since it was shown. Review it again, then apply.');
      }
      const { plan, origin } = item.plan;
      const applier = deps.evidence?.signer()?.fingerprint ?? null;
      if (origin && (await deps.tenants.planPolicy(tenantId)).requireSeparateApplier) {
        if (applier === null || applier === origin.plannedBy) {
          throw new AppError(
            'CONFIRMATION_REQUIRED',
            applier === null
              ? 'This tenant requires that a plan is applied by another installation than the one that made it, and this installation cannot prove which it is (unlock the keychain), so nothing was applied.'
              : 'This tenant requires that a plan is applied by another installation than the one that made it (four eyes). Send the plan file to a colleague to apply.',
          );
        }
      }
      if (plan.safeguard.required && confirmation?.trim().toLowerCase() !== plan.safeguard.phrase) {
        throw new AppError('CONFIRMATION_REQUIRED', `Type "${plan.safeguard.phrase}" to apply this plan.`);
      }
      // Read the tenant again now: a step whose expected state changed since the plan is skipped, not sent.
      const planned = plan.steps.map((s) => s.op);
      const { stale, now } = await readStale(deps.directory, tenantId, planned, taskId);
      // Each step keeps the state it changes from, as read now: what an undo of the import restores.
      const before = beforeStates(now);
      const ops = plan.steps.map((s) => ({ ...before(s.op), row: s.row }));
      const job = await deps.jobs.start(
        tenantId,
        'import',
        `Import ${item.fileName} (${plan.steps.length.toLocaleString('en-US')} steps)`,
        ops,
        stale,
      );
      if (origin) {
        // Who planned it and who applied it, for the audit history.
        await deps.audit.event('import.planApplied', {
          tenantId,
          jobId: job.id,
          target: origin.fileName,
          detail: { ...origin, appliedBy: applier, jobId: job.id },
        });
      }
      return job;
    },
    /** How many steps of the plan changed since it was made, checked against the tenant read now. */
    async checkPlan(tenantId: string, importId: string, planId: string, taskId: string) {
      const item = get(importId, tenantId);
      if (!item.plan || item.plan.id !== planId) {
        throw new AppError('IMPORT_EXPIRED', 'The plan changed since it was shown. Review it again.');
      }
      const { steps } = item.plan.plan;
      const { stale } = await readStale(
        deps.directory,
        tenantId,
        steps.map((s) => s.op),
        taskId,
      );
      return staleSummary(stale, steps, new Date());
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
