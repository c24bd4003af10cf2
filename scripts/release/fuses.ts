/**
 * The Electron fuses every packaged build must carry, in electron-builder's `electronFuses` names.
 * electron-builder.config.ts flips them while packaging; check-fuses.ts reads them back from the
 * built binary and fails the build when any differs. One plan, two readers.
 */
export interface FusePlan {
  runAsNode: boolean;
  enableCookieEncryption: boolean;
  enableNodeOptionsEnvironmentVariable: boolean;
  enableNodeCliInspectArguments: boolean;
  enableEmbeddedAsarIntegrityValidation: boolean;
  onlyLoadAppFromAsar: boolean;
  loadBrowserProcessSpecificV8Snapshot: boolean;
  grantFileProtocolExtraPrivileges: boolean;
}

export type BuildFlavor = 'release' | 'e2e';

const RELEASE: FusePlan = {
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node.
  runAsNode: false,
  enableCookieEncryption: true,
  // NODE_OPTIONS could preload code into main, where the tokens are.
  enableNodeOptionsEnvironmentVariable: false,
  // --inspect would let anyone on the machine attach a debugger to main.
  enableNodeCliInspectArguments: false,
  // The app's code is what was signed: macOS and Windows refuse a modified app.asar.
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served from app://, so file:// pages need no extra privileges.
  grantFileProtocolExtraPrivileges: false,
};

/** The e2e build differs in one fuse only: Playwright's `_electron.launch` attaches through --inspect. */
export const FUSE_PLANS: Readonly<Record<BuildFlavor, Readonly<FusePlan>>> = {
  release: RELEASE,
  e2e: { ...RELEASE, enableNodeCliInspectArguments: true },
};

/** Position of each planned fuse in Electron's V1 fuse wire (FuseV1Options in @electron/fuses). */
export const FUSE_WIRE_INDEX: Readonly<Record<keyof FusePlan, number>> = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
};

/** Wire bytes as @electron/fuses reads them: '0' and '1' (48, 49), 'r' removed (114). */
const DISABLED = 48;
const ENABLED = 49;

export interface FuseMismatch {
  fuse: keyof FusePlan;
  planned: boolean;
  found: 'enabled' | 'disabled' | 'removed' | 'absent' | `unknown byte ${number}`;
}

function describe(byte: number | undefined): FuseMismatch['found'] {
  if (byte === undefined) return 'absent';
  if (byte === ENABLED) return 'enabled';
  if (byte === DISABLED) return 'disabled';
  if (byte === 114) return 'removed';
  return `unknown byte ${byte}`;
}

/** Every planned fuse whose state in the wire differs from the plan (an empty list passes). */
export function fuseMismatches(wire: Readonly<Record<number, number>>, plan: Readonly<FusePlan>): FuseMismatch[] {
  const mismatches: FuseMismatch[] = [];
  for (const fuse of Object.keys(FUSE_WIRE_INDEX) as (keyof FusePlan)[]) {
    const byte = wire[FUSE_WIRE_INDEX[fuse]];
    const want = plan[fuse] ? ENABLED : DISABLED;
    if (byte !== want) mismatches.push({ fuse, planned: plan[fuse], found: describe(byte) });
  }
  return mismatches;
}
