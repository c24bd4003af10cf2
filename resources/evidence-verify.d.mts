/** Types of the standalone evidence verifier (evidence-verify.mjs), for the console's own scripts and tests. */
export interface EvidenceVerification {
  ok: boolean;
  /** What was checked, one line each. */
  checked: string[];
  /** Audit entries whose chain was checked. */
  entries: number;
  /** The file the problem is in (the manifest, its signature or a listed file), or null. */
  file: string | null;
  problem: string | null;
  manifest?: { kind: string; files: Array<{ name: string }> };
}
export const MANIFEST_FORMAT: 'invision-scim-console/evidence';
export function verifyEvidence(
  manifestPath: string,
  options?: { publicKeyPem?: string; allowUnsigned?: boolean },
): Promise<EvidenceVerification>;
export function manifestFor(target: string): Promise<string>;
export function fingerprintOf(publicKeyPem: string): string;
export function parseCsv(text: string): string[][];
