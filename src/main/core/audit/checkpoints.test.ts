import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log';
import { createMemoryStore } from '../secrets/memory-store';
import type { SecretStore } from '../secrets/secret-store';
import {
  CHECKPOINT_FILE,
  checkpointText,
  createCheckpointKeeper,
  makeCheckpoint,
  parseCheckpoint,
} from './checkpoints';
import { loadSigningIdentity, rotationText, SIGNING_KEY_ACCOUNT, verifySignature } from './identity';
import { AUDIT_FILE, createAuditService } from './service';

let clock = Date.UTC(2026, 11, 1);
const now = () => new Date((clock += 1000));

/** A keychain that can be locked, as a real one is while the session is locked. */
function lockableKeychain() {
  const inner = createMemoryStore();
  let locked = false;
  const refused = { state: 'locked' as const, message: 'the keychain is locked' };
  const store: SecretStore = {
    kind: 'memory',
    get: async (account) => (locked ? refused : inner.get(account)),
    set: async (account, secret) => (locked ? refused : inner.set(account, secret)),
    delete: async (account) => (locked ? refused : inner.delete(account)),
  };
  return { store, lock: (value: boolean) => (locked = value) };
}

function installation() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'audit-checkpoints-'));
  const keychain = lockableKeychain();
  const start = () =>
    createAuditService({
      dataDir,
      secrets: keychain.store,
      dialogs: { openFile: async () => null, saveFile: async () => null },
      appVersion: '0.1.0',
      now,
      log: silentLogger,
    });
  return { dataDir, file: path.join(dataDir, AUDIT_FILE), keychain, start };
}

/** Records `n` changes (an intent and its outcome each) and closes, as a session of the console would. */
async function session(service: ReturnType<ReturnType<typeof installation>['start']>, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    const intent = await service.begin('member.deactivate', { tenantId: 't', target: `m${i}@acme.example` });
    intent.finish({ outcome: 'success', httpStatus: 200 });
  }
  await service.flushCheckpoints();
  service.close();
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

async function expectLost(service: ReturnType<ReturnType<typeof installation>['start']>, pattern: RegExp) {
  const status = await service.status();
  expect(status.state).toBe('lost');
  expect(status.message).toMatch(pattern);
  // Nothing is recorded (and so nothing signed) over the loss; what is left can still be read.
  await expect(service.begin('member.create', { tenantId: 't' })).rejects.toMatchObject({ code: 'FILE_ERROR' });
  await expect(service.query({}, null, 5)).resolves.toBeDefined();
  return status;
}

describe('signed checkpoints of the audit history', () => {
  it('signs each new head with a key from the keychain, verifiable with the public key alone', async () => {
    const keychain = createMemoryStore();
    const identity = (await loadSigningIdentity(keychain))!;
    expect(identity.fingerprint).toMatch(/^([0-9a-f]{4} ){4}[0-9a-f]{4}$/);
    expect((await keychain.get(SIGNING_KEY_ACCOUNT)).state).toBe('ok');
    expect((await loadSigningIdentity(keychain))!.fingerprint).toBe(identity.fingerprint);
    const checkpoint = makeCheckpoint(identity, { seq: 7, hash: 'a'.repeat(64) }, new Date());
    expect(parseCheckpoint(JSON.stringify(checkpoint), identity.publicKeyPem)).toEqual(checkpoint);
    // Another seq, hash or key: refused.
    expect(parseCheckpoint(JSON.stringify({ ...checkpoint, seq: 8 }), identity.publicKeyPem)).toBeNull();
    expect(parseCheckpoint(JSON.stringify({ ...checkpoint, hash: 'b'.repeat(64) }), identity.publicKeyPem)).toBeNull();
    const other = (await loadSigningIdentity(createMemoryStore()))!;
    expect(parseCheckpoint(JSON.stringify(checkpoint), other.publicKeyPem)).toBeNull();
    expect(checkpointText(checkpoint)).toContain('seq 7');
  });

  it('keeps the checkpoint file small: started again from the newest once it passes 1 MiB', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'audit-rotate-'));
    const keychain = createMemoryStore();
    const identity = (await loadSigningIdentity(keychain))!;
    const keeper = createCheckpointKeeper({ dataDir, secrets: keychain, log: silentLogger });
    let last = makeCheckpoint(identity, { seq: 0, hash: '0'.repeat(64) }, new Date());
    for (let seq = 1; seq <= 6000; seq += 1) {
      last = makeCheckpoint(identity, { seq, hash: seq.toString(16).padStart(64, '0') }, new Date());
      keeper.write(last);
    }
    await keeper.flush();
    expect(statSync(path.join(dataDir, CHECKPOINT_FILE)).size).toBeLessThan(1024 * 1024);
    expect(await keeper.latest(identity.publicKeyPem)).toEqual(last);
    rmSync(path.join(dataDir, CHECKPOINT_FILE));
    expect(await keeper.latest(identity.publicKeyPem)).toEqual(last); // the keychain copy
  });

  it('a locked keychain makes no second identity over the first', async () => {
    const keychain = lockableKeychain();
    keychain.lock(true);
    expect(await loadSigningIdentity(keychain.store)).toBeNull();
    keychain.lock(false);
    expect((await keychain.store.get(SIGNING_KEY_ACCOUNT)).state).toBe('not-set');
  });

  it('reports a deleted history at the next start, and does not anchor a new one over it', async () => {
    const app = installation();
    await session(app.start(), 5);
    removeDatabase(app.file);
    const status = await expectLost(
      app.start(),
      /history is empty, but the checkpoint signed at .* records 10 entries/,
    );
    expect(status.entries).toBe(0);
  });

  it('reports a history truncated to zero bytes', async () => {
    const app = installation();
    await session(app.start(), 3);
    truncateSync(app.file, 0);
    for (const suffix of ['-wal', '-shm']) rmSync(app.file + suffix, { force: true });
    await expectLost(app.start(), /history is empty, but the checkpoint .* records 6 entries/);
  });

  it('reports an older copy put back, with how many entries are missing and since when', async () => {
    const app = installation();
    await session(app.start(), 2);
    const older = path.join(app.dataDir, 'older.sqlite');
    copyFileSync(app.file, older);
    await session(app.start(), 3);
    removeDatabase(app.file);
    copyFileSync(older, app.file);
    await expectLost(
      app.start(),
      /^6 audit entries are missing: the history ends at entry 4 \(.+\), but the checkpoint/,
    );
  });

  it('reports a -wal file deleted after a crash (the newest commits were only there)', async () => {
    const app = installation();
    await session(app.start(), 2);
    const service = app.start();
    await service.status();
    // Another connection keeps SQLite from folding the WAL into the file when the service closes,
    // as a killed process leaves it; the -wal file is then deleted.
    const reader = new DatabaseSync(app.file);
    reader.prepare('SELECT COUNT(*) FROM entries').get();
    for (let i = 0; i < 3; i += 1) {
      const intent = await service.begin('member.delete', { tenantId: 't', target: `w${i}@acme.example` });
      intent.finish({ outcome: 'success', httpStatus: 204 });
    }
    await service.flushCheckpoints();
    service.close();
    const beforeWal = path.join(app.dataDir, 'main-only.sqlite');
    copyFileSync(app.file, beforeWal);
    reader.close();
    removeDatabase(app.file);
    copyFileSync(beforeWal, app.file);
    await expectLost(app.start(), /audit entries are missing: the history ends at entry 4/);
  });

  it('reports the newest entries deleted, before anything new is recorded or signed over them', async () => {
    const app = installation();
    await session(app.start(), 4);
    const db = new DatabaseSync(app.file);
    db.exec('DROP TRIGGER entries_no_delete; DELETE FROM entries WHERE seq > 5;');
    db.close();
    await expectLost(app.start(), /^3 audit entries are missing/);
  });

  it('stops recording when entries are deleted under a running console, instead of signing the shorter history', async () => {
    const app = installation();
    const service = app.start();
    await session(service, 0);
    const running = app.start();
    const first = await running.begin('member.create', { tenantId: 't', target: 'a@acme.example' });
    first.finish({ outcome: 'success' });
    const db = new DatabaseSync(app.file);
    db.exec('DROP TRIGGER entries_no_delete; DELETE FROM entries WHERE seq = 2;');
    db.close();
    await expect(running.begin('member.create', { tenantId: 't', target: 'b@acme.example' })).rejects.toMatchObject({
      code: 'FILE_ERROR',
      message: expect.stringMatching(/does not follow entry 2, the last one signed/) as unknown,
    });
    expect((await running.status()).state).toBe('lost');
    running.close();
    await expectLost(app.start(), /entry 2 is not the one that was signed|entries after entry/i);
  });

  it('raises no false alarm for changes recorded while the keychain was locked, and signs them at the next start', async () => {
    const app = installation();
    await session(app.start(), 2);
    app.keychain.lock(true);
    const locked = app.start();
    expect((await locked.status()).message).toMatch(/keychain keys .* are not available/);
    await session(locked, 3);
    app.keychain.lock(false);
    const unlocked = app.start();
    const status = await unlocked.status();
    expect(status).toMatchObject({ state: 'ready', message: null });
    expect(status.signing?.checkpoint?.seq).toBe(status.entries);
    expect(await unlocked.verify()).toMatchObject({ ok: true, anchor: 'ok' });
    const { entries } = await unlocked.query({ action: 'audit.extended' }, null, 5);
    expect(entries[0]?.detail).toMatchObject({ entries: { from: 5, to: 10 } });
    await session(unlocked, 1);
    expect((await app.start().status()).state).toBe('ready');
  });

  it('starts a new, signed history after a loss only when asked, and keeps the remains aside', async () => {
    const app = installation();
    await session(app.start(), 2);
    removeDatabase(app.file);
    const service = app.start();
    await expectLost(service, /history is empty/);
    const fresh = await service.startFresh();
    expect(fresh).toMatchObject({ state: 'ready', entries: 1 });
    const { entries } = await service.query({ action: 'audit.restarted' }, null, 1);
    expect(entries[0]?.detail).toMatchObject({ reason: expect.stringMatching(/history is empty/) as unknown });
    service.close();
    expect(readdirSync(app.dataDir).some((f) => f.startsWith(`${CHECKPOINT_FILE}.unusable-`))).toBe(true);
    // The new history is what the checkpoints now describe: no alarm at the next start.
    const next = app.start();
    expect(await next.status()).toMatchObject({ state: 'ready', entries: 1 });
    expect(existsSync(path.join(app.dataDir, CHECKPOINT_FILE))).toBe(true);
    next.close();
  });

  it('rotates the signing key: recorded, endorsed by the old key, signed by the new, and no alarm at the next start', async () => {
    const app = installation();
    const service = app.start();
    await session(service, 0);
    const running = app.start();
    const before = (await running.status()).signing!;
    (await running.begin('member.create', { tenantId: 't', target: 'a@acme.example' })).finish({ outcome: 'success' });
    const { fingerprint } = await running.rotateSigningKey();
    const after = (await running.status()).signing!;
    expect(fingerprint).not.toBe(before.fingerprint);
    expect(after).toMatchObject({ fingerprint, checkpoint: { seq: 3 } });
    const { entries } = await running.query({ action: 'audit.key-rotated' }, null, 1);
    const detail = entries[0]!.detail as {
      publicKey: string;
      endorsedByPreviousKey: string;
      previousFingerprint: string;
    };
    expect(detail.previousFingerprint).toBe(before.fingerprint);
    expect(verifySignature(before.publicKey, rotationText(detail.publicKey), detail.endorsedByPreviousKey)).toBe(true);
    expect(verifySignature(after.publicKey, rotationText(detail.publicKey), detail.endorsedByPreviousKey)).toBe(false);
    await running.flushCheckpoints();
    running.close();
    const next = app.start();
    expect(await next.status()).toMatchObject({ state: 'ready', signing: { fingerprint } });
    expect(await next.verify()).toMatchObject({ ok: true });
    next.close();
  });
});
