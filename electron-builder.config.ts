/**
 * Installers: Linux (AppImage, deb), macOS (dmg, zip; hardened runtime), Windows (nsis).
 * `SCIM_CONSOLE_FLAVOR=e2e` builds the copy the Electron e2e host may launch (the inspect fuse on,
 * nothing else different) into dist/e2e; the default is the release build in dist/release.
 * Signing and notarising run only when their environment variables are set (docs/release.md).
 */
import type { Configuration } from 'electron-builder';
import { FUSE_PLANS, type BuildFlavor } from './scripts/release/fuses';

const flavor: BuildFlavor = process.env.SCIM_CONSOLE_FLAVOR === 'e2e' ? 'e2e' : 'release';
const env = process.env;
const macSigning = Boolean(env.CSC_LINK || env.CSC_NAME);
const macNotarising = macSigning && Boolean(env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID);

const config: Configuration = {
  appId: 'com.invisionscimconsole.desktop',
  // productName and version come from package.json.
  artifactName: '${productName}-${version}-${os}-${arch}.${ext}',
  directories: { output: `dist/${flavor}`, buildResources: 'resources' },
  files: [
    'out/**/*',
    'package.json',
    // Production dependencies come along by themselves; their tests, maps and docs need not.
    '!**/*.map',
    '!**/node_modules/**/{test,tests,__tests__}/**',
    '!**/node_modules/**/*.{test,spec}.{js,ts,mjs,cjs}',
    '!**/node_modules/**/*.md',
  ],
  // The evidence verifier an auditor runs with Node alone, shipped beside the app (docs/evidence.md).
  extraResources: [{ from: 'resources/evidence-verify.mjs', to: 'evidence-verify.mjs' }],
  asar: true,
  // keytar is the one native module; a .node file cannot be loaded from inside the archive.
  asarUnpack: ['**/*.node'],
  // keytar is built with N-API, so the binary npm compiled serves Electron as it is; a rebuild would
  // download Electron's headers.
  npmRebuild: false,
  // Electron's binary comes from node_modules/electron/dist when the test command found one.
  ...(env.SCIM_CONSOLE_ELECTRON_DIST ? { electronDist: env.SCIM_CONSOLE_ELECTRON_DIST } : {}),
  electronFuses: { ...FUSE_PLANS[flavor] },
  // No auto-update: nothing is published and the app never fetches updates.
  publish: null,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Utility',
    icon: 'resources/icon.png',
    synopsis: 'Admin console for InVision Enterprise members through SCIM 2.0',
    executableName: 'invision-scim-console',
  },
  deb: {
    // The OS keychain (Secret Service) that keytar talks to.
    depends: ['libsecret-1-0', 'libnss3', 'libnotify4', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0'],
    recommends: ['gnome-keyring'],
  },
  mac: {
    target: ['dmg', 'zip'],
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'resources/entitlements.mac.plist',
    entitlementsInherit: 'resources/entitlements.mac.plist',
    // null skips signing without a prompt or an error; electron-builder signs when CSC_* is set.
    ...(macSigning ? {} : { identity: null }),
    notarize: macNotarising,
  },
  // Signed when CSC_LINK / WIN_CSC_LINK are set; unsigned otherwise.
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};

export default config;
