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
import { readStale, staleSummary } from '../jobs/staleness';
import { beforeStates } from '../jobs/before';
import type { Dialogs } from '../deps';
import type { DirectoryService } from '../directory/service';
import { AppError } from '../errors';
import type { CoreEvents } from '../events';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic';
import { readDataFile } from '../fs/safe-read';
import type { JobService } from '../jobs/service';
import { describeOperation, requestOf } from '../jobs/operations';
import { planRequests } from '../jobs/plan-requests';
import type { Logger } from '../log';
import { readCsvFile, type CsvSheet } from './csv-read';
import { IMPORT_FIELDS, normaliseHeader, recogniseSource, suggestMapping, type ColumnMapping } from './mapping';
import { planImport, type ImportPlan } from './plan';

export interface ImportServiceDeps {
  dataDir: string;
  /** How exported plans are sealed (manifest and signature); unsigned without it. */
  evidence?: EvidenceSealing;
  dialogs: Dialogs;
  directory: DirectoryService;
  jobs: JobService;
  events: CoreEvents;
  log: Logger;
}

/** Steps a plan sends to the renderer with their requests (the JSON export has all of them). */
const PREVIEW_STEPS = 500;
/** Issues sent to the renderer (the rest are counted). */
const PREVIEW_ISSUES = 2_000;
/** Files kept loaded at once. */
const KEPT = 2;

interface Loaded {
  tenantId: string;
  fileName: string;
  sheet: CsvSheet;
  plan: {
    id: string;
    plan: ImportPlan;
    mapping: ColumnMapping;
    options: PlanOptionsView;
    /** Members per group PATCH on this tenant when the plan was made. */
    batchSize: number;
  } | null;
}

type MappingMemory = Record<string, Record<string, ColumnMapping>>;

const columnIndex = z.number().int().nonnegative().max(10_000).nullable();
/** import-mappings.json as written: tenant -> header signature -> field -> column index. */
const mappingMemorySchema = z.record(
  z.string(),
  z.record(z.string(), z.object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, columnIndex])))),
);

/**
 * CSV import: main reads the file the admin chose (streamed), suggests a column mapping (the one
 * remembered for this tenant and these columns, else from the header names), plans against a fresh
 * listing of the tenant, shows every request a dry run would send, and applies the plan as a job.
 */
export function createImportService(deps: ImportServiceDeps) {
  const loaded = new Map<string, Loaded>();
  const memoryFile = path.join(deps.dataDir, 'import-mappings.json');

  /** The remembered mappings; a file that cannot be used is read as none, and not tried again. */
  let memoryRefused = false;
  async function memory(): Promise<MappingMemory> {
    if (memoryRefused) return {};
    const read = await readDataFile(memoryFile, 1024 * 1024);
    if (read.state !== 'ok') {
      if (read.state === 'refused') {
        memoryRefused = true;
        deps.log.warn('import-mappings.json not used', { reason: read.reason });
      }
      return {};
    }
    try {
      const parsed = mappingMemorySchema.safeParse(JSON.parse(read.text));
      return parsed.success ? (parsed.data as MappingMemory) : {};
    } catch {
      return {};
    }
  }
  const signature = (headers: readonly string[]) => headers.map(normaliseHeader).join('|');

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

  function planView(
    importId: string,
    planId: string,
    plan: ImportPlan,
    batchSize: number,
  ): ImportPlanView & { planId: string } {
    const requests = planRequests(plan.steps, batchSize, PREVIEW_STEPS);
    return {
      importId,
      planId,
      plannedAt: new Date().toISOString(),
      rows: plan.rows,
      issues: plan.issues.slice(0, PREVIEW_ISSUES),
      steps: plan.steps.slice(0, PREVIEW_STEPS).map((s) => ({
        row: s.row,
        type: s.op.type,
        description: describeOperation(s.op),
        request: requestOf(s.op),
      })),
      stepCount: plan.steps.length,
      requests: requests.requests,
      writeCount: requests.writes,
      requestCount: requests.total,
      counts: plan.counts,
      unknownGroups: plan.unknownGroups,
      drift: plan.drift,
      safeguard: plan.safeguard,
      activeMembers: plan.activeMembers,
    };
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
    const remembered = (await memory())[tenantId]?.[signature(sheet.headers)];
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
      const mapping = validMapping(mappingInput, item.sheet.headers);
      const directory: Directory = await deps.directory.load(tenantId, taskId);
      const plan = planImport(item.sheet, mapping, directory, options);
      const planId = randomUUID();
      const batchSize = await deps.jobs.membershipBatchSize(tenantId);
      item.plan = { id: planId, plan, mapping, options, batchSize };
      const remembered = await memory();
      remembered[tenantId] = { ...remembered[tenantId], [signature(item.sheet.headers)]: mapping };
      await writeFileAtomic(memoryFile, JSON.stringify(remembered, null, 2))
        .then(() => {
          memoryRefused = false;
        })
        .catch((error: unknown) => deps.log.warn('could not remember the import mapping', { error: String(error) }));
      return planView(importId, planId, plan, batchSize);
    },
    /** The whole plan as JSON: every step with its request (the dry run, to keep or review). */
    async exportPlan(tenantId: string, importId: string): Promise<{ path: string | null; steps: number }> {
      const item = get(importId, tenantId);
      if (!item.plan) throw new AppError('IMPORT_EXPIRED', 'Plan the import first.');
      return exportPlanFile(deps, item.fileName, item.plan);
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
      const { plan } = item.plan;
      if (plan.safeguard.required && confirmation?.trim().toLowerCase() !== plan.safeguard.phrase) {
        throw new AppError('CONFIRMATION_REQUIRED', `Type "${plan.safeguard.phrase}" to apply this plan.`);
      }
      // Read the tenant again now: a step whose expected state changed since the plan is skipped, not sent.
      const planned = plan.steps.map((s) => s.op);
      const { stale, now } = await readStale(deps.directory, tenantId, planned, taskId);
      // Each step keeps the state it changes from, as read now: what an undo of the import restores.
      const before = beforeStates(now);
      const ops = plan.steps.map((s) => ({ ...before(s.op), row: s.row }));
      return deps.jobs.start(
        tenantId,
        'import',
        `Import ${item.fileName} (${plan.steps.length.toLocaleString('en-US')} steps)`,
        ops,
        stale,
      );
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
