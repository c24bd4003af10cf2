import { manifestFor, verifyEvidence } from '../../../../resources/evidence-verify.mjs';

export interface ExportVerification {
  ok: boolean;
  entries: number;
  problem: string | null;
}

/**
 * Verifies an audit export outside the app with the standalone verifier the console ships
 * (`resources/evidence-verify.mjs`): the file against its manifest, every entry's hash and link,
 * and, given the public key, the manifest's signature. Without a key the signature is not checked.
 */
export async function verifyExport(file: string, publicKeyPem?: string): Promise<ExportVerification> {
  const result = await verifyEvidence(await manifestFor(file), { publicKeyPem, allowUnsigned: !publicKeyPem });
  return { ok: result.ok, entries: result.entries, problem: result.problem };
}
