import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic';

export const MANIFEST_FORMAT = 'invision-scim-console/evidence';

export type EvidenceKind = 'audit-export' | 'members-export' | 'job-report' | 'import-plan' | 'access-review';
/** How the verifier reads a file: audit entries (chain checked), CSV or JSON (records counted), or bytes only. */
export type EvidenceContent = 'audit-csv' | 'audit-jsonl' | 'csv' | 'json' | 'html' | 'other';

export interface EvidenceFile {
  name: string;
  sha256: string;
  bytes: number;
  records: number | null;
  content: EvidenceContent;
}

/** A run of the audit hash chain held by one file: what the verifier recomputes, entry by entry. */
export interface EvidenceChain {
  file: string;
  entries: number;
  firstPrevHash: string | null;
  firstHash: string | null;
  lastHash: string | null;
}

/**
 * What a piece of evidence is and holds, signed as written (`<manifest>.sig`, Ed25519 over its
 * exact bytes). `resources/evidence-verify.mjs` checks it without the console.
 */
export interface EvidenceManifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  kind: EvidenceKind;
  consoleVersion: string;
  createdAt: string;
  tenant: { id: string; name: string; url: string } | null;
  period: { from: string; to: string } | null;
  signer: { fingerprint: string } | null;
  files: EvidenceFile[];
  chain: EvidenceChain | null;
}

/** The installation's signing identity, as evidence needs it. */
export interface EvidenceSigner {
  fingerprint: string;
  /** The public key, for files that carry it (a plan another installation verifies). */
  publicKeyPem?: string;
  sign(text: string): string;
}

/** Size and SHA-256 of a written file, streamed (a 1M-entry export is not read into memory). */
export async function describeFile(
  file: string,
  content: EvidenceContent,
  records: number | null,
): Promise<EvidenceFile> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { name: path.basename(file), sha256: hash.digest('hex'), bytes: (await stat(file)).size, records, content };
}

/**
 * Writes the manifest and, when the keychain hands out the signing key, its detached signature.
 * Answers whether it was signed (an unsigned manifest still lets the files be checked for damage).
 */
export async function writeManifest(
  manifestPath: string,
  fields: Omit<EvidenceManifest, 'format' | 'version' | 'signer'>,
  signer: EvidenceSigner | null,
): Promise<{ manifest: EvidenceManifest; signed: boolean }> {
  const manifest: EvidenceManifest = {
    format: MANIFEST_FORMAT,
    version: 1,
    ...fields,
    signer: signer ? { fingerprint: signer.fingerprint } : null,
  };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  await writeFileAtomic(manifestPath, text, 0o600);
  if (signer) await writeFileAtomic(`${manifestPath}.sig`, `${signer.sign(text)}\n`, 0o600);
  return { manifest, signed: signer !== null };
}

/** `<file>.manifest.json` for one exported file, with its description. */
export async function sealExport(input: {
  file: string;
  kind: EvidenceKind;
  content: EvidenceContent;
  records: number | null;
  consoleVersion: string;
  now: Date;
  tenant?: EvidenceManifest['tenant'];
  period?: EvidenceManifest['period'];
  chain?: Omit<EvidenceChain, 'file'> | null;
  signer: EvidenceSigner | null;
}): Promise<{ manifest: EvidenceManifest; signed: boolean }> {
  const described = await describeFile(input.file, input.content, input.records);
  return writeManifest(
    `${input.file}.manifest.json`,
    {
      kind: input.kind,
      consoleVersion: input.consoleVersion,
      createdAt: input.now.toISOString(),
      tenant: input.tenant ?? null,
      period: input.period ?? null,
      files: [described],
      chain: input.chain ? { file: described.name, ...input.chain } : null,
    },
    input.signer,
  );
}

/** How a service seals what it exports: the console's version and the signer, while there is one. */
export interface EvidenceSealing {
  consoleVersion: string;
  signer: () => EvidenceSigner | null;
}

/** Seals a file a service wrote; without sealing (unit tests), the manifest is unsigned and versionless. */
export function sealWith(
  sealing: EvidenceSealing | undefined,
  input: Omit<Parameters<typeof sealExport>[0], 'consoleVersion' | 'signer'>,
): ReturnType<typeof sealExport> {
  return sealExport({
    ...input,
    consoleVersion: sealing?.consoleVersion ?? 'unknown',
    signer: sealing?.signer() ?? null,
  });
}
