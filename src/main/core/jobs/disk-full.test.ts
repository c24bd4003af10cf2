import { closeSync, openSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { Directory } from '../../../shared/domain/directory';
import type { JobProgressView, JobView } from '../../../shared/domain/jobs';
import { SANDBOX_TENANT_ID } from '../../../shared/domain/tenant';
import { createCore, type Core } from '../app-core';
import { writeFileAtomic } from '../fs/atomic';
import { testDeps } from '../testing/deps';
import { mountTmpfs, type Mount } from '../testing/mounts';

const tenantId = SANDBOX_TENANT_ID;
let mount: Mount | null = null;
let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
  mount?.release();
  mount = null;
});

async function call<T>(c: Core, channel: string, input: unknown): Promise<T> {
  const result = await c.dispatch(channel, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Writes a file until the disk refuses more; returns its path. */
function fillDisk(dir: string): string {
  const file = path.join(dir, 'filler.bin');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return file;
}

function waitFor(
  events: JobProgressView[],
  test: (p: JobProgressView) => boolean,
  ms: number,
): Promise<JobProgressView> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const hit = events.find(test);
      if (hit) {
        clearInterval(timer);
        resolve(hit);
      } else if (Date.now() - started > ms) {
        clearInterval(timer);
        reject(new Error(`no such job progress within ${ms} ms: ${JSON.stringify(events.at(-1))}`));
      }
    }, 20);
  });
}

describe('a disk that fills up in the middle of a job', () => {
  it('pauses the job with the real reason, loses no recorded outcome, leaves no temporary file', async (ctx) => {
    const made = mountTmpfs({ sizeBytes: 12 * 1024 * 1024 });
    if (typeof made === 'string') return ctx.skip(made);
    mount = made;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      core = createCore(testDeps({ dataDir: made.dir, fetch: globalThis.fetch, sandbox: { members: 200, groups: 2 } }));
      const events: JobProgressView[] = [];
      core.events.subscribe((event, payload) => {
        if (event === 'job.progress') events.push(payload as JobProgressView);
      });
      const directory = await call<Directory>(core, 'directory.load', { tenantId, taskId: 'load' });
      const members = directory.members.filter((m) => m.active).slice(0, 150);
      await core.services.sandbox.configure({ latencyMs: 15 });
      const job = await call<JobView>(core, 'jobs.startBulk', {
        tenantId,
        action: 'deactivate',
        members: members.map((m) => ({ id: m.id, userName: m.userName })),
      });
      await waitFor(events, (p) => p.jobId === job.id && p.done >= 10, 30_000);
      const filler = fillDisk(made.dir);

      const stopped = await waitFor(events, (p) => p.jobId === job.id && p.state !== 'running', 60_000);
      expect(stopped.state).toBe('paused');
      expect(stopped.reason).toMatch(/disk .*is full/i);
      expect(stopped.reason).not.toMatch(/no transaction is active/);

      // An atomic write on the full disk fails with the real error and leaves nothing behind.
      await expect(writeFileAtomic(path.join(made.dir, 'big.json'), 'x'.repeat(2 * 1024 * 1024))).rejects.toMatchObject(
        { code: 'ENOSPC' },
      );
      expect(readdirSync(made.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

      // Space again: resume, and the job ends exactly as planned.
      unlinkSync(filler);
      events.length = 0;
      await call(core, 'jobs.resume', { tenantId, jobId: job.id });
      const ended = await waitFor(events, (p) => p.jobId === job.id && p.state !== 'running', 60_000);
      expect(ended).toMatchObject({ state: 'finished', done: 150, failed: 0 });
      const after = await call<Directory>(core, 'directory.load', { tenantId, taskId: 'after' });
      const targets = new Set(members.map((m) => m.id));
      expect(after.members.filter((m) => targets.has(m.id) && m.active)).toEqual([]);

      // Every write that was sent has its outcome in the history, and the chain holds.
      await core.close();
      core = null;
      const db = new DatabaseSync(path.join(made.dir, 'audit.sqlite'), { readOnly: true });
      const open = db
        .prepare(
          "SELECT COUNT(*) AS n FROM entries i WHERE i.kind = 'intent' AND NOT EXISTS (SELECT 1 FROM entries o WHERE o.kind = 'outcome' AND o.ref = i.id)",
        )
        .get() as { n: number };
      const intents = db.prepare("SELECT COUNT(*) AS n FROM entries WHERE kind = 'intent'").get() as { n: number };
      db.close();
      expect(intents.n).toBeGreaterThanOrEqual(150);
      expect(open.n).toBe(0);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 120_000);
});
