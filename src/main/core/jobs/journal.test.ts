import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openJournal } from './journal';
import type { Operation } from './operations';

const fileIn = () => path.join(mkdtempSync(path.join(tmpdir(), 'journal-')), 'jobs.sqlite');
const deactivate = (i: number): Operation => ({
  type: 'setActive',
  userName: `m${i}@x.example`,
  userId: `u${i}`,
  active: false,
});

describe('the job journal at scale', () => {
  it('pages and counts steps in SQL, by state, in order', async () => {
    const journal = openJournal(fileIn());
    const ops: Operation[] = [
      ...Array.from({ length: 1_200 }, (_, i) => deactivate(i)),
      { type: 'create', userName: 'new@x.example', givenName: 'N', familyName: 'E' },
    ];
    const id = await journal.create({ tenantId: 't', kind: 'bulk', title: 'T', ops });
    journal.beginOp(id, 5);
    journal.settleOp(id, 5, { state: 'done', result: 'deactivated' });
    journal.beginOp(id, 7);
    expect(journal.count(id, null)).toBe(1_201);
    expect(journal.count(id, 'done')).toBe(1);
    expect(journal.count(id, 'in_flight')).toBe(1);
    expect(journal.job(id)?.counts).toEqual({ planned: 1_199, in_flight: 1, done: 1, failed: 0, skipped: 0 });
    expect(journal.page(id, null, 1_000, 3).map((o) => o.seq)).toEqual([1_000, 1_001, 1_002]);
    expect(journal.page(id, 'planned', 4, 3).map((o) => o.seq)).toEqual([4, 6, 8]);
    // Phase 0 (creates) comes out on its own, whatever its place in the job.
    expect(journal.plannedIn(id, 0, -1, 10).map((o) => o.op.type)).toEqual(['create']);
    expect(journal.plannedIn(id, 1, 1_100, 500)).toHaveLength(99);
    expect(await journal.skipPlanned(id)).toBe(1_199);
    expect(journal.job(id)?.counts).toMatchObject({ planned: 0, skipped: 1_199, in_flight: 1 });
    journal.close();
  });

  it('hides a job until all its steps are written, and drops one a crash left half-written', async () => {
    const file = fileIn();
    const journal = openJournal(file);
    const made = journal.create({
      tenantId: 't',
      kind: 'bulk',
      title: 'T',
      ops: Array.from({ length: 3_000 }, (_, i) => deactivate(i)),
    });
    // The first chunk is written before create yields; the job is not listed yet.
    expect(journal.jobs()).toHaveLength(0);
    const id = await made;
    expect(journal.jobs().map((j) => j.id)).toEqual([id]);
    journal.close();

    // A creation cut short: the job row exists with ready = 0 and some of its steps.
    const db = new DatabaseSync(file);
    db.exec(
      "INSERT INTO jobs (id, tenant_id, kind, title, state, created_at, updated_at, ready) VALUES ('half', 't', 'bulk', 'H', 'running', 'x', 'x', 0)",
    );
    db.prepare(
      "INSERT INTO ops (job_id, seq, op, state, updated_at, phase) VALUES ('half', 0, ?, 'planned', 'x', 1)",
    ).run(JSON.stringify(deactivate(0)));
    db.close();
    const reopened = openJournal(file);
    expect(reopened.unfinished().map((j) => j.id)).toEqual([id]);
    expect(reopened.job('half')).toBeNull();
    reopened.close();
  });

  it('brings a journal written by an earlier version up to date (phases, counts, ready)', () => {
    const file = fileIn();
    const db = new DatabaseSync(file);
    db.exec(`
      CREATE TABLE jobs (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,
        state TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE ops (job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE, seq INTEGER NOT NULL, op TEXT NOT NULL,
        state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, result TEXT, resource_id TEXT, error_code TEXT,
        error_message TEXT, updated_at TEXT NOT NULL, PRIMARY KEY (job_id, seq));
      CREATE INDEX ops_state ON ops (job_id, state);
      INSERT INTO jobs VALUES ('old', 't', 'import', 'Old', 'paused', 'x', 'x');
      INSERT INTO jobs VALUES ('gone', 't', 'bulk', 'Cancelled', 'cancelled', 'x', 'x');
    `);
    const insert = db.prepare("INSERT INTO ops (job_id, seq, op, state, updated_at) VALUES (?, ?, ?, ?, 'x')");
    insert.run('old', 0, JSON.stringify({ type: 'createGroup', groupName: 'G' }), 'done');
    insert.run('old', 1, JSON.stringify(deactivate(1)), 'planned');
    insert.run('old', 2, JSON.stringify({ type: 'delete', userName: 'd@x.example', userId: 'd' }), 'planned');
    insert.run('gone', 0, JSON.stringify(deactivate(2)), 'planned');
    db.close();

    const journal = openJournal(file);
    expect(journal.job('old')?.counts).toEqual({ planned: 2, in_flight: 0, done: 1, failed: 0, skipped: 0 });
    expect(journal.plannedIn('old', 3, -1, 10).map((o) => o.seq)).toEqual([2]);
    expect(journal.doneIn('old', 0, -1, 10).map((o) => o.seq)).toEqual([0]);
    // A cancel that a quit cut short is finished.
    expect(journal.job('gone')?.counts).toMatchObject({ planned: 0, skipped: 1 });
    expect(journal.unfinished().map((j) => j.id)).toEqual(['old']);
    journal.close();
  });
});

describe('a damaged job journal', () => {
  it('says which step is damaged instead of running a step it cannot read', async () => {
    const file = fileIn();
    const journal = openJournal(file);
    const id = await journal.create({ tenantId: 't', kind: 'bulk', title: 'T', ops: [deactivate(0), deactivate(1)] });
    journal.close();
    const db = new DatabaseSync(file);
    db.prepare('UPDATE ops SET op = ? WHERE seq = 1').run(
      JSON.stringify({ type: 'setActive', userName: 5, active: 'no' }),
    );
    db.close();
    const reopened = openJournal(file);
    expect(() => reopened.page(id, null, 0, 10)).toThrow(
      /Step 2 of this job in the job journal \(jobs.sqlite\) is damaged/,
    );
    expect(reopened.page(id, null, 0, 1)[0]!.op).toEqual(deactivate(0));
    reopened.close();
  });
});
