import { createHash, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { createMemoryStore } from '../secrets/memory-store';
import { chainHash, GENESIS } from './canonical';
import { csvCell } from '../fs/csv';
import { exportAudit } from './export';
import { AUDIT_FILE, createAuditService } from './service';
import { hashedFields, openAuditStore, type AuditRow } from './store';
import { tamperFile } from '../testing/tamper';
import { verifyExport } from './verify-export';

const KEY = randomBytes(32);
const dir = () => mkdtempSync(path.join(tmpdir(), 'audit-'));
/** Scratch space for a thousand copies: memory-backed where there is some, so fsync costs nothing. */
const scratch = () => mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'audit-tamper-'));
let clock = Date.UTC(2026, 10, 1);
const now = () => new Date((clock += 1000));

function open(file: string, key: Buffer | null = KEY) {
  return openAuditStore({ file, actor: 'admin@laptop', appVersion: '0.1.0', now, anchorKey: key });
}

function seeded(count = 60) {
  const file = path.join(dir(), AUDIT_FILE);
  const store = open(file);
  for (let i = 0; i < count; i += 1) {
    const tenant = i % 3 === 0 ? 't-b' : 't-a';
    if (i % 4 === 0) {
      store.append({
        kind: 'event',
        action: 'tenant.tested',
        outcome: 'info',
        tenantId: tenant,
        tenantName: tenant.toUpperCase(),
      });
    } else {
      const intent = store.append({
        kind: 'intent',
        action: i % 2 ? 'member.deactivate' : 'member.create',
        outcome: 'pending',
        tenantId: tenant,
        tenantName: tenant.toUpperCase(),
        target: `user${i}@acme.example`,
        request: { method: 'PATCH', path: `/Users/${i}` },
      });
      if (i % 7 !== 0)
        store.append({
          kind: 'outcome',
          ref: intent.id,
          action: 'member.deactivate',
          outcome: i % 5 ? 'success' : 'failure',
          httpStatus: i % 5 ? 200 : 500,
        });
    }
  }
  return { file, store };
}

describe('audit store', () => {
  it('joins intents and outcomes, newest first, with an interrupted intent as unknown', () => {
    const { store } = seeded();
    const page = store.query({}, { limit: 10 });
    expect(page.entries).toHaveLength(10);
    expect(page.entries[0]!.seq).toBeGreaterThan(page.entries[1]!.seq);
    const all = store.query({}, { limit: 1000 }).entries;
    expect(all.some((e) => e.outcome === 'unknown')).toBe(true);
    expect(store.pending().every((e) => e.outcome === 'unknown')).toBe(true);
    expect(all.find((e) => e.outcome === 'failure')?.httpStatus).toBe(500);
  });

  it('finds text through its trigram index: any case, names recorded with the target, rebuilt by verify after tampering', () => {
    const { file, store } = seeded(40);
    store.append({
      kind: 'intent',
      action: 'group.addMembers',
      outcome: 'pending',
      target: 'g-1',
      request: {
        method: 'PATCH',
        path: '/Groups/g-1',
        names: { target: 'Design', members: ['Zoe.Quinn@acme.example'] },
      },
    });
    const find = (text: string) => store.query({ text }, { limit: 1000 }).entries.map((e) => e.target);
    expect(find('ZOE.QUINN')).toEqual(['g-1']);
    expect(find('design')).toEqual(['g-1']);
    expect(find('user13@')).toEqual(['user13@acme.example']);
    // Under three characters the index cannot help: the scan finds the same entries.
    expect(find('g-').length).toBeGreaterThan(0);
    // Rows taken out of the index hide nothing once the history is verified: it is rebuilt from the entries.
    const raw = new DatabaseSync(file);
    raw.exec('DELETE FROM entries_text');
    raw.close();
    expect(find('zoe.quinn')).toEqual([]);
    expect(store.verify().ok).toBe(true);
    expect(find('zoe.quinn')).toEqual(['g-1']);
    // A history written without the index (an older version) is indexed when it is opened.
    store.close();
    const older = new DatabaseSync(file);
    older.exec('DROP TABLE entries_text');
    older.close();
    const reopened = openAuditStore({ file, actor: 't', appVersion: '0', now: () => new Date(), anchorKey: null });
    expect(reopened.query({ text: 'zoe.quinn' }, { limit: 10 }).entries.map((e) => e.target)).toEqual(['g-1']);
    reopened.close();
  });

  it('filters by tenant, action, outcome, actor, date range and text, and pages with a cursor', () => {
    const { store } = seeded();
    const filtered = store.query(
      { tenantId: 't-a', action: 'member.deactivate', outcome: 'success' },
      { limit: 1000 },
    ).entries;
    expect(filtered.length).toBeGreaterThan(0);
    expect(
      filtered.every((e) => e.tenantId === 't-a' && e.action === 'member.deactivate' && e.outcome === 'success'),
    ).toBe(true);
    expect(store.query({ text: 'user1' }, { limit: 1000 }).entries.every((e) => e.target?.includes('user1'))).toBe(
      true,
    );
    expect(store.query({ text: '%' }, { limit: 1000 }).entries).toHaveLength(0);
    const either = store.query({ targets: ['user1@acme.example', 'user2@acme.example'] }, { limit: 1000 }).entries;
    expect(new Set(either.map((e) => e.target))).toEqual(new Set(['user1@acme.example', 'user2@acme.example']));
    expect(store.query({ actor: 'someone@else' }, { limit: 10 }).entries).toHaveLength(0);
    const all = store.query({}, { limit: 1000 }).entries;
    const middle = all[Math.floor(all.length / 2)]!;
    expect(store.query({ from: middle.at }, { limit: 1000 }).entries.every((e) => e.at >= middle.at)).toBe(true);
    let before: number | null = null;
    const seen: number[] = [];
    do {
      const page = store.query({}, { before, limit: 7 });
      seen.push(...page.entries.map((e) => e.seq));
      before = page.nextBefore;
    } while (before);
    expect(seen).toEqual(all.map((e) => e.seq));
  });

  it('refuses to update or delete a recorded fact', () => {
    const { store, file } = seeded(5);
    store.close();
    const raw = new DatabaseSync(file);
    expect(() => raw.exec("UPDATE entries SET target = 'x' WHERE seq = 1")).toThrow(/append-only/);
    expect(() => raw.exec('DELETE FROM entries WHERE seq = 1')).toThrow(/append-only/);
    raw.close();
  });

  it('verifies an intact history, and says when its anchor cannot be checked', () => {
    const { store, file } = seeded();
    expect(store.verify()).toMatchObject({ ok: true, anchor: 'ok' });
    store.close();
    expect(open(file, null).verify()).toMatchObject({ ok: true, anchor: 'unverifiable' });
    expect(open(path.join(dir(), AUDIT_FILE)).verify()).toMatchObject({ ok: true, anchor: 'empty' });
  });

  it('detects 1,000 random edits, deletions, truncations and rewrites of the database', () => {
    const { store, file } = seeded(60);
    store.close();
    const work = scratch();
    let detected = 0;
    const kinds = new Map<string, number>();
    for (let run = 0; run < 1000; run += 1) {
      const copy = path.join(work, `m${run}.sqlite`);
      copyFileSync(file, copy);
      const kind = ['edit', 'delete', 'truncate-tail', 'rewrite', 'forge-anchor', 'drop-all', 'file-truncate'][
        run % 7
      ]!;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      tamper(copy, kind, run);
      let caught: boolean;
      try {
        const reopened = open(copy);
        caught = !reopened.verify().ok || reopened.integrityCheck() !== 'ok';
        reopened.close();
      } catch {
        caught = true; // The file no longer opens: reported as unusable, which is a detection too.
      }
      if (caught) detected += 1;
      else throw new Error(`tampering "${kind}" (run ${run}) went unnoticed`);
    }
    expect(detected).toBe(1000);
    expect([...kinds.values()].every((n) => n > 100)).toBe(true);
    rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('exports CSV and JSONL with manifests that verify, and escapes formula cells', async () => {
    const { store } = seeded(30);
    store.append({
      kind: 'event',
      action: 'tenant.added',
      outcome: 'info',
      target: '=HYPERLINK("http://evil.example","click")',
      tenantName: '+cmd|calc',
      detail: { note: 'line\nbreak, "quoted"' },
    });
    const out = dir();
    for (const format of ['csv', 'jsonl'] as const) {
      const target = path.join(out, `audit.${format}`);
      const manifest = await exportAudit(store.rows(), target, format, new Date());
      expect(manifest.entries).toBe(store.count());
      expect(await verifyExport(target)).toEqual({ ok: true, entries: store.count(), problem: null });
    }
    const csv = readFileSync(path.join(out, 'audit.csv'), 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain("'+cmd|calc");
    expect(['=1', '+1', '-1', '@x', '\tx', '\rx'].map(csvCell).every((c) => c.replace(/^"/, '').startsWith("'"))).toBe(
      true,
    );
  });

  it('detects 1,000 random edits, deletions and truncations of exports', async () => {
    const { store } = seeded(40);
    const out = dir();
    const files: string[] = [];
    for (const format of ['csv', 'jsonl'] as const) {
      const target = path.join(out, `audit.${format}`);
      await exportAudit(store.rows(), target, format, new Date());
      files.push(target);
    }
    for (let run = 0; run < 1000; run += 1) {
      const original = files[run % 2]!;
      // The manifest names its file: each tampered copy keeps the name, in a folder of its own.
      const copy = path.join(mkdtempSync(path.join(out, `t${run}-`)), path.basename(original));
      copyFileSync(original, copy);
      copyFileSync(`${original}.manifest.json`, `${copy}.manifest.json`);
      const done = tamperFile(copy, run);
      const result = await verifyExport(copy);
      if (result.ok) throw new Error(`export ${done} (run ${run}) went unnoticed`);
    }
    // Rewriting the manifest to match a tampered file still fails the chain.
    const forged = path.join(mkdtempSync(path.join(out, 'forged-')), 'audit.jsonl');
    const lines = readFileSync(files[1]!, 'utf8').split('\n');
    const row = JSON.parse(lines[3]!) as AuditRow;
    lines[3] = JSON.stringify({ ...row, target: 'someone-else@acme.example' });
    writeFileSync(forged, lines.join('\n'));
    writeFileSync(`${forged}.manifest.json`, rehashed(`${files[1]!}.manifest.json`, lines.join('\n')));
    expect((await verifyExport(forged)).problem).toMatch(/entry 4 was changed/);
  }, 60_000);

  it('answers a failure, never throws, for a manifest or an entry of the wrong shape', async () => {
    const { store } = seeded(5);
    const out = dir();
    const target = path.join(out, 'audit.jsonl');
    await exportAudit(store.rows(), target, 'jsonl', new Date());
    const manifest = readFileSync(`${target}.manifest.json`, 'utf8');
    const parsed = JSON.parse(manifest) as { files: object[] };
    for (const broken of [
      'null',
      '[]',
      '"text"',
      JSON.stringify({ ...parsed, files: 'five' }),
      JSON.stringify({ ...parsed, files: [{ ...parsed.files[0], records: 'five' }] }),
    ]) {
      writeFileSync(`${target}.manifest.json`, broken);
      expect(await verifyExport(target)).toMatchObject({
        ok: false,
        problem: expect.stringMatching(/^the manifest is not (JSON|an evidence manifest of the console)$/) as unknown,
      });
    }
    // An entry whose fields have the wrong types, under a manifest rewritten to match the file.
    const lines = readFileSync(target, 'utf8').split('\n');
    lines[1] = JSON.stringify({ ...(JSON.parse(lines[1]!) as AuditRow), seq: 'two', prev_hash: null });
    writeFileSync(target, lines.join('\n'));
    writeFileSync(`${target}.manifest.json`, rehashed(`${target}.manifest.json`, lines.join('\n'), manifest));
    expect((await verifyExport(target)).problem).toMatch(/line 2 is not an audit entry/);
  });
});

describe('audit service', () => {
  it('keeps a corrupt database as it is, and starts a new one only when asked', async () => {
    const dataDir = dir();
    const file = path.join(dataDir, AUDIT_FILE);
    writeFileSync(file, 'this is not a database, just text that someone wrote over the file');
    const secrets = createMemoryStore();
    const service = createAuditService({
      dataDir,
      secrets,
      dialogs: { openFile: async () => null, saveFile: async () => null },
      appVersion: '0.1.0',
      now,
      log: silentLogger,
    });
    const status = await service.status();
    expect(status.state).toBe('corrupt');
    expect(status.message).toMatch(/cannot be opened/);
    expect(readFileSync(file, 'utf8')).toContain('just text');
    await expect(service.begin('member.create', {})).rejects.toMatchObject({ code: 'INTERNAL' });
    const fresh = await service.startFresh();
    expect(fresh).toMatchObject({ state: 'ready', entries: 1 });
    expect((await service.verify()).ok).toBe(true);
    service.close();
  });

  it('records intent before and outcome after, and reconciles what a crash interrupted', async () => {
    const dataDir = dir();
    const secrets = createMemoryStore();
    const make = () =>
      createAuditService({
        dataDir,
        secrets,
        dialogs: { openFile: async () => null, saveFile: async () => null },
        appVersion: '0.1.0',
        now,
        log: silentLogger,
      });
    const first = make();
    const done = await first.begin('member.deactivate', { tenantId: 't', target: 'a@x.example' });
    done.finish({ outcome: 'success', httpStatus: 200 });
    await first.begin('member.delete', { tenantId: 't', target: 'b@x.example' }); // the process "dies" here
    first.close();
    const second = make();
    const found = await second.reconcile(async (entry) => `${entry.target ?? ''} still exists (active)`);
    expect(found).toEqual([
      expect.objectContaining({
        action: 'member.delete',
        target: 'b@x.example',
        finding: 'b@x.example still exists (active)',
      }),
    ]);
    const { entries } = await second.query({}, null, 10);
    expect(entries.map((e) => e.outcome)).toEqual(['reconciled', 'success']);
    expect((await second.status()).reconciled).toHaveLength(1);
    expect((await second.verify()).ok).toBe(true);
    second.close();
  });
});

/** A manifest rewritten to match tampered content, as an attacker without the signing key could. */
function rehashed(manifestPath: string, content: string, original = readFileSync(manifestPath, 'utf8')): string {
  const manifest = JSON.parse(original) as { files: Array<Record<string, unknown>> };
  const sha256 = createHash('sha256').update(content).digest('hex');
  manifest.files[0] = { ...manifest.files[0], sha256, bytes: Buffer.byteLength(content) };
  return JSON.stringify(manifest);
}

/** One kind of tampering, done the way an attacker with file access would. */
function tamper(file: string, kind: string, run: number): void {
  if (kind === 'file-truncate') {
    const size = statSync(file).size;
    truncateSync(file, Math.floor(size * (0.2 + ((run * 37) % 60) / 100)));
    return;
  }
  const db = new DatabaseSync(file);
  db.exec('DROP TRIGGER entries_no_update; DROP TRIGGER entries_no_delete;');
  const count = (db.prepare('SELECT COUNT(*) AS n FROM entries').get() as { n: number }).n;
  const seq = 1 + ((run * 131) % count);
  if (kind === 'edit') {
    const column = ['target', 'outcome', 'actor', 'action', 'at', 'detail', 'tenant_id', 'http_status'][run % 8]!;
    db.prepare(`UPDATE entries SET ${column} = ? WHERE seq = ?`).run(
      column === 'http_status' ? 418 : `forged-${run}`,
      seq,
    );
  } else if (kind === 'delete') {
    db.prepare('DELETE FROM entries WHERE seq = ?').run(seq);
  } else if (kind === 'truncate-tail') {
    db.prepare('DELETE FROM entries WHERE seq > ?').run(Math.max(0, count - 1 - (run % 10)));
  } else if (kind === 'rewrite' || kind === 'forge-anchor') {
    // Change an entry and recompute every hash after it, as someone who knows the algorithm would.
    db.prepare('UPDATE entries SET target = ? WHERE seq = ?').run(`rewritten-${run}`, seq);
    let prev =
      seq === 1
        ? GENESIS
        : (db.prepare('SELECT hash FROM entries WHERE seq = ?').get(seq - 1) as { hash: string }).hash;
    for (const row of db
      .prepare('SELECT * FROM entries WHERE seq >= ? ORDER BY seq')
      .all(seq) as unknown as AuditRow[]) {
      const hash = chainHash(prev, hashedFields({ ...row, prev_hash: prev }));
      db.prepare('UPDATE entries SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
      prev = hash;
    }
    if (kind === 'forge-anchor')
      db.prepare('UPDATE anchor SET hash = ?, mac = ? WHERE id = 1').run(prev, randomBytes(32).toString('hex'));
  } else if (kind === 'drop-all') {
    db.exec('DELETE FROM entries; DELETE FROM anchor;');
  }
  db.close();
}
