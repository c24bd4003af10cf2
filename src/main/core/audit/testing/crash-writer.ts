/**
 * Appends audit entries as fast as it can, writing `ack <seq> <hash>` to stdout after each append
 * has returned (that is, after COMMIT with synchronous=FULL). The crash test kills it with SIGKILL.
 */
import { writeSync } from 'node:fs';
import { openAuditStore } from '../store';

const [file, keyHex] = process.argv.slice(2);
if (!file || !keyHex) throw new Error('usage: crash-writer <file> <key hex>');
const store = openAuditStore({
  file,
  actor: 'crash@test',
  appVersion: '0.0.0',
  now: () => new Date(),
  anchorKey: Buffer.from(keyHex, 'hex'),
});
writeSync(1, 'ready\n');
for (let i = 0; ; i += 1) {
  const intent = i % 2 === 0;
  const entry = store.append({
    kind: intent ? 'intent' : 'event',
    action: intent ? 'member.deactivate' : 'tenant.tested',
    outcome: intent ? 'pending' : 'info',
    target: `user${i}@crash.example`,
    detail: { i, pad: 'x'.repeat(i % 300) },
  });
  writeSync(1, `ack ${entry.seq} ${entry.hash}\n`);
}
