import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manifestFor, verifyEvidence } from '../../../../resources/evidence-verify.mjs';
import type { AuditStatus } from '../../../shared/domain/audit';
import type { Directory } from '../../../shared/domain/directory';
import { SANDBOX_TENANT_ID } from '../../../shared/domain/tenant';
import { createCore, type Core } from '../app-core';
import { call, failure } from '../testing/core-calls';
import { testDeps } from '../testing/deps';
import { tamperFile } from '../testing/tamper';

const tenantId = SANDBOX_TENANT_ID;
// testDeps' clock stands on 2026-01-01.
const PERIOD = { from: '2025-12-01', to: '2026-01-31' };
let core: Core | null = null;

afterEach(async () => {
  await core?.close();
  core = null;
});

/** A core over the in-process Sandbox whose save dialog answers the next path given. */
function start() {
  const out = mkdtempSync(path.join(tmpdir(), 'evidence-'));
  const next: { path: string | null } = { path: null };
  const deps = testDeps({ fetch: globalThis.fetch, sandbox: { members: 60, groups: 4 } });
  core = createCore({ ...deps, dialogs: { openFile: async () => null, saveFile: async () => next.path } });
  return { core, out, saveTo: (p: string) => (next.path = path.join(out, p)) };
}

async function publicKey(c: Core): Promise<string> {
  const status = await call<AuditStatus>(c, 'audit.status', {});
  return status.signing!.publicKey;
}

async function packWithLeavers() {
  const s = start();
  const dir = await call<Directory>(s.core, 'directory.load', { tenantId, taskId: 'load' });
  const active = dir.members.filter((m) => m.active).slice(0, 3);
  for (const m of active) await call(s.core, 'members.deactivate', { tenantId, memberId: m.id });
  const folder = s.saveTo('pack');
  const built = await call<{ path: string; members: number; changes: number; leavers: number; signed: boolean }>(
    s.core,
    'evidence.reviewPack',
    { tenantId, ...PERIOD, taskId: 'pack' },
  );
  return { ...s, folder, built, leavers: active, key: await publicKey(s.core) };
}

describe('access-review packs', () => {
  it('holds the fresh roster, the changes and the leavers, signed, and verifies without the console', async () => {
    const { folder, built, leavers, key } = await packWithLeavers();
    expect(built).toMatchObject({ path: folder, members: 60, leavers: 3, signed: true });
    expect(built.changes).toBeGreaterThanOrEqual(3);
    expect(readdirSync(folder).sort()).toEqual([
      'changes.csv',
      'leavers.csv',
      'manifest.json',
      'manifest.json.sig',
      'roster.csv',
      'summary.html',
    ]);
    const leaversCsv = readFileSync(path.join(folder, 'leavers.csv'), 'utf8');
    for (const m of leavers) expect(leaversCsv).toContain(m.userName);
    const summary = readFileSync(path.join(folder, 'summary.html'), 'utf8');
    expect(summary).not.toMatch(/<script/i);
    expect(summary).toContain("default-src 'none'");
    const result = await verifyEvidence(await manifestFor(folder), { publicKeyPem: key });
    expect(result).toMatchObject({ ok: true, problem: null });
    expect(result.checked).toEqual(
      expect.arrayContaining([expect.stringMatching(/^roster.csv: SHA-256, 60 records$/)]),
    );
    // Another key did not sign it.
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(await verifyEvidence(await manifestFor(folder), { publicKeyPem: other })).toMatchObject({
      ok: false,
      file: 'manifest.json',
    });
  });

  it('fails verification for 1,000 random byte edits, deletions and truncations, naming the file', async () => {
    const { folder, key, out } = await packWithLeavers();
    const names = readdirSync(folder);
    for (let run = 0; run < 1000; run += 1) {
      const copy = mkdtempSync(path.join(out, `t${run}-`));
      for (const n of names) copyFileSync(path.join(folder, n), path.join(copy, n));
      const name = names[run % names.length]!;
      const done = tamperFile(path.join(copy, name), run, { deletions: true });
      const result = await verifyEvidence(path.join(copy, 'manifest.json'), { publicKeyPem: key });
      if (result.ok) throw new Error(`${name} ${done} (run ${run}) went unnoticed`);
      // The file named is the one changed, or the manifest whose signature it broke.
      const named = name === 'manifest.json.sig' ? ['manifest.json', 'manifest.json.sig'] : [name, 'manifest.json'];
      expect(named, `run ${run}: ${result.file}: ${result.problem}`).toContain(result.file);
      rmSync(copy, { recursive: true });
    }
  }, 120_000);

  it('refuses to build a pack when the roster read is incomplete or a page fails', async () => {
    const s = start();
    s.saveTo('cut');
    await s.core.services.sandbox.configure({ brokenMembers: 2 });
    expect(await failure(s.core, 'evidence.reviewPack', { tenantId, ...PERIOD, taskId: 'p1' })).toBe(
      'SCIM_INVALID_RESPONSE',
    );
    await s.core.services.sandbox.configure({ brokenMembers: 0, overstateTotal: 5 });
    s.saveTo('short');
    expect(await failure(s.core, 'evidence.reviewPack', { tenantId, ...PERIOD, taskId: 'p3' })).toBe(
      'SCIM_INVALID_RESPONSE',
    );
    await s.core.services.sandbox.configure({ overstateTotal: 0, errorRate: 1 });
    s.saveTo('failed');
    expect(await failure(s.core, 'evidence.reviewPack', { tenantId, ...PERIOD, taskId: 'p2' })).not.toBe('INTERNAL');
    expect(readdirSync(s.out)).toEqual([]);
  }, 60_000);
});

describe('signed exports', () => {
  it('every export carries a signed manifest that the standalone verifier checks', async () => {
    const s = start();
    const dir = await call<Directory>(s.core, 'directory.load', { tenantId, taskId: 'load' });
    const members = s.saveTo('members.csv');
    await call(s.core, 'members.export', { tenantId, format: 'csv', memberIds: dir.members.map((m) => m.id) });
    const audit = s.saveTo('audit.jsonl');
    await call(s.core, 'audit.export', { format: 'jsonl' });
    const key = await publicKey(s.core);
    for (const file of [members, audit]) {
      const result = await verifyEvidence(await manifestFor(file), { publicKeyPem: key });
      expect(result, file).toMatchObject({ ok: true });
    }
    const auditManifest = JSON.parse(readFileSync(`${audit}.manifest.json`, 'utf8')) as Record<string, unknown>;
    expect(auditManifest).toMatchObject({
      kind: 'audit-export',
      period: { from: expect.any(String) as unknown, to: expect.any(String) as unknown },
      chain: { file: 'audit.jsonl', firstPrevHash: '0'.repeat(64) },
    });
    const manifest = JSON.parse(readFileSync(`${members}.manifest.json`, 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      kind: 'members-export',
      consoleVersion: '0.0.0-test',
      tenant: { id: tenantId, name: 'Sandbox' },
      files: [{ name: 'members.csv', records: 60, content: 'csv' }],
    });
    // A manifest rewritten to match an edited file no longer carries a valid signature.
    writeFileSync(members, readFileSync(members, 'utf8').replace(/,true,/, ',false,'));
    writeFileSync(`${members}.manifest.json`, JSON.stringify({ ...manifest, files: [] }, null, 2) + '\n');
    expect(await verifyEvidence(await manifestFor(members), { publicKeyPem: key })).toMatchObject({
      ok: false,
      file: 'members.csv.manifest.json',
      problem: expect.stringMatching(/signature does not match/) as unknown,
    });
  });
});
