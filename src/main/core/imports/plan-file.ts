import { createHash, createPublicKey } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { importPlanSchema, planOptionsSchema } from '../../../shared/domain/jobs';
import { fingerprintOf, verifySignature } from '../audit/identity';
import { AppError } from '../errors';
import { operationSchema } from '../jobs/journal-rows';
import { normaliseBaseUrl } from '../scim/url';
import { IMPORT_FIELDS, type ColumnMapping } from './mapping';
import type { ImportPlan, PlanOptions } from './plan';
import { PLAN_FILE_FORMAT } from './plan-export';

/** Largest plan file opened (a 200,000-step plan is about 60 MB). */
const MAX_BYTES = 256 * 1024 * 1024;

const count = z.number().int().nonnegative();
const planFileSchema = z.object({
  format: z.literal(PLAN_FILE_FORMAT),
  version: z.literal(1),
  file: z.string().max(1024),
  mapping: z.object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, z.number().int().nonnegative().nullable()]))),
  options: planOptionsSchema,
  // The plan's own shapes, as the plan view has them (a plan exported before `skipped` was counted apart has none).
  counts: importPlanSchema.shape.counts.extend({ skipped: count.default(0) }),
  issues: importPlanSchema.shape.issues,
  drift: importPlanSchema.shape.drift,
  apply: z.object({
    tenant: z.object({ name: z.string().max(200), url: z.string().max(2048) }),
    plannedAt: z.string().max(40),
    plannedBy: z.object({ fingerprint: z.string().max(100), publicKeyPem: z.string().max(1000) }).nullable(),
    rows: count,
    activeMembers: count,
    unknownGroups: z.array(z.string().max(1024)).max(100_000),
    safeguard: importPlanSchema.shape.safeguard,
    ops: z.array(z.object({ row: count.nullable(), op: operationSchema })).max(1_000_000),
  }),
});

const manifestSchema = z.object({
  kind: z.literal('import-plan'),
  signer: z.object({ fingerprint: z.string() }).nullable(),
  files: z.array(z.object({ name: z.string(), sha256: z.string() })).length(1),
});

/** Who made a plan opened from a file, and which file it was. */
export interface PlanOrigin {
  fileName: string;
  /** The CSV the plan was made from. */
  source: string;
  plannedAt: string;
  plannedBy: string;
  sha256: string;
}

export interface OpenedPlan {
  fileName: string;
  plan: ImportPlan;
  mapping: ColumnMapping;
  options: PlanOptions;
  origin: PlanOrigin;
}

const refuse = (file: string, why: string) =>
  new AppError('INVALID_INPUT', `${path.basename(file)} cannot be applied here: ${why}`);

const sameTenantUrl = (a: string, b: string) => {
  try {
    return normaliseBaseUrl(a).toLowerCase() === normaliseBaseUrl(b).toLowerCase();
  } catch {
    return false;
  }
};

/**
 * Reads a plan exported by an installation of the console and proves it before it is shown: the
 * file is the one its manifest describes (SHA-256), the manifest is signed by the key the plan
 * names, that key has the fingerprint the manifest names, and the plan was made for this tenant
 * (the same SCIM base URL). An unsigned, changed or foreign plan is refused with the reason.
 */
export async function readPlanFile(file: string, tenant: { url: string; name: string }): Promise<OpenedPlan> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw refuse(file, 'it is not a file the console can read.');
  if (info.size > MAX_BYTES) throw refuse(file, 'it is larger than any plan the console writes.');
  const bytes = await readFile(file);
  let parsed: z.infer<typeof planFileSchema>;
  try {
    const result = planFileSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'not a plan');
    parsed = result.data;
  } catch {
    throw refuse(file, 'it is not an import plan exported by the console (Export plan in Import), or it is damaged.');
  }
  const manifestFile = `${file}.manifest.json`;
  const manifestText = await readFile(manifestFile, 'utf8').catch(() => null);
  const signature = await readFile(`${manifestFile}.sig`, 'utf8').catch(() => null);
  const { plannedBy } = parsed.apply;
  if (manifestText === null || signature === null || plannedBy === null) {
    throw refuse(
      file,
      `it is not signed (${path.basename(manifestFile)} and its .sig must sit beside it). Export it again where the keychain is unlocked.`,
    );
  }
  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(manifestText));
  } catch {
    throw refuse(file, 'its manifest is not one the console writes for a plan.');
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (manifest.files[0]!.sha256 !== sha256) throw refuse(file, 'it was changed after it was signed.');
  let fingerprint: string;
  try {
    fingerprint = fingerprintOf(createPublicKey(plannedBy.publicKeyPem));
  } catch {
    throw refuse(file, 'the key it names is not a public key.');
  }
  if (
    fingerprint !== plannedBy.fingerprint ||
    manifest.signer?.fingerprint !== fingerprint ||
    !verifySignature(plannedBy.publicKeyPem, manifestText, signature.trim())
  ) {
    throw refuse(file, 'its signature does not match the installation it names.');
  }
  if (!sameTenantUrl(parsed.apply.tenant.url, tenant.url)) {
    throw refuse(
      file,
      `it was made for ${parsed.apply.tenant.name} (${parsed.apply.tenant.url}), not ${tenant.name} (${tenant.url}).`,
    );
  }
  const { apply } = parsed;
  return {
    fileName: parsed.file,
    mapping: parsed.mapping as ColumnMapping,
    options: parsed.options,
    origin: {
      fileName: path.basename(file),
      source: parsed.file,
      plannedAt: apply.plannedAt,
      plannedBy: fingerprint,
      sha256,
    },
    plan: {
      rows: apply.rows,
      issues: parsed.issues,
      steps: apply.ops.map((s) => ({ row: s.row, op: s.op })),
      counts: parsed.counts,
      unknownGroups: apply.unknownGroups,
      drift: parsed.drift,
      safeguard: apply.safeguard,
      activeMembers: apply.activeMembers,
    },
  };
}
