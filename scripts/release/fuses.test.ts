import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flipFuses, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { checkFuses } from './check-fuses';
import { FUSE_PLANS, FUSE_WIRE_INDEX, fuseMismatches } from './fuses';
import { ELECTRON_DEFAULT_WIRE, fuseWireBinary } from './stand-in-electron';
import { loadedModules } from './verify-package';

function binaryWithWire(wire: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'fuses-')), 'electron');
  writeFileSync(file, fuseWireBinary(wire));
  return file;
}

describe('the fuse plan', () => {
  it('turns off RunAsNode, NODE_OPTIONS, --inspect and file:// privileges, and turns on asar-only loading and integrity', () => {
    expect(FUSE_PLANS.release).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('gives the e2e build the inspect fuse and nothing else', () => {
    const differing = Object.keys(FUSE_PLANS.release).filter(
      (k) =>
        FUSE_PLANS.release[k as keyof typeof FUSE_PLANS.release] !== FUSE_PLANS.e2e[k as keyof typeof FUSE_PLANS.e2e],
    );
    expect(differing).toEqual(['enableNodeCliInspectArguments']);
  });

  it('names every planned fuse an unflipped Electron binary gets wrong', () => {
    const wire = Object.fromEntries([...ELECTRON_DEFAULT_WIRE].map((c, i) => [i, c.charCodeAt(0)]));
    expect(
      fuseMismatches(wire, FUSE_PLANS.release)
        .map((m) => m.fuse)
        .sort(),
    ).toEqual(
      [
        'runAsNode',
        'enableCookieEncryption',
        'enableNodeOptionsEnvironmentVariable',
        'enableNodeCliInspectArguments',
        'enableEmbeddedAsarIntegrityValidation',
        'onlyLoadAppFromAsar',
        'grantFileProtocolExtraPrivileges',
      ].sort(),
    );
  });

  it('reports a wire too short for a planned fuse as absent', () => {
    expect(fuseMismatches({ 0: 48 }, FUSE_PLANS.release)).toContainEqual({
      fuse: 'grantFileProtocolExtraPrivileges',
      planned: false,
      found: 'absent',
    });
  });
});

describe('check-fuses on a binary flipped by @electron/fuses', () => {
  it('passes once the plan is flipped in, and fails on the other flavor naming the fuse', async () => {
    const binary = binaryWithWire(ELECTRON_DEFAULT_WIRE);
    expect((await checkFuses(binary, 'release')).ok).toBe(false);

    await flipFuses(binary, {
      version: FuseVersion.V1,
      ...Object.fromEntries(
        Object.entries(FUSE_PLANS.release).map(([k, v]) => [FUSE_WIRE_INDEX[k as keyof typeof FUSE_WIRE_INDEX], v]),
      ),
    });
    expect(await checkFuses(binary, 'release')).toMatchObject({ ok: true });
    const e2e = await checkFuses(binary, 'e2e');
    expect(e2e.ok).toBe(false);
    expect(e2e.lines.join('\n')).toContain('enableNodeCliInspectArguments: planned enabled, found disabled');
  });

  it('fails clearly on a file that is not an Electron binary', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'fuses-')), 'not-electron');
    writeFileSync(file, 'hello');
    const result = await checkFuses(file, 'release');
    expect(result.ok).toBe(false);
    expect(result.lines[0]).toMatch(/could not read the fuses/);
    expect(readFileSync(file, 'utf8')).toBe('hello');
  });
});

describe('loadedModules', () => {
  it('lists the packages a bundle loads, scoped and with subpaths, without built-ins, electron or relative files', () => {
    const bundle = `require("zod"); require('csv-parse/sync'); import("keytar"); require("@scope/pkg/deep");
      require("node:fs"); require("electron"); require("./chunk.js");`;
    expect(loadedModules(bundle)).toEqual(['@scope/pkg', 'csv-parse', 'keytar', 'zod']);
  });
});
