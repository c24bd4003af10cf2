import type { LaunchChoice } from './tenants/profiles';
import type { HostKind } from '../../shared/domain/app-info';
import type { SecretStore } from './secrets/secret-store';
import type { Logger } from './log';

export interface Clock {
  now(): number;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Native file dialogs; the Chromium host and tests answer them without a window. */
export interface Dialogs {
  openFile(options: { title: string; filters: FileFilter[] }): Promise<string | null>;
  saveFile(options: { title: string; defaultPath: string; filters: FileFilter[] }): Promise<string | null>;
}

export interface HostDescription {
  name: string;
  version: string;
  platform: string;
  arch: string;
  host: HostKind;
  packaged: boolean;
  versions: { node: string; electron: string | null; chrome: string | null };
}

/** Everything the core needs from the platform. Nothing here may come from `electron` directly. */
export interface CoreDeps {
  dataDir: string;
  fetch: typeof globalThis.fetch;
  secrets: SecretStore;
  clock: Clock;
  dialogs: Dialogs;
  host: HostDescription;
  log: Logger;
  /** Shows a desktop notification (Electron's); hosts without one leave it out. */
  notify?: (title: string, body: string) => void;
  /** The built-in Sandbox's size (tests and benchmarks); the demo data set when absent. */
  sandbox?: { members: number; groups: number };
  /** Launch options: the tenant to open first (id or name) and whether read-only. */
  launch?: LaunchChoice;
}

export const systemClock: Clock = { now: () => Date.now() };
