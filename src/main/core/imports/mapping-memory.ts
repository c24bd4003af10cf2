import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic';
import { readDataFile } from '../fs/safe-read';
import type { Logger } from '../log';
import { IMPORT_FIELDS, normaliseHeader, type ColumnMapping } from './mapping';

type MappingMemory = Record<string, Record<string, ColumnMapping>>;

const columnIndex = z.number().int().nonnegative().max(10_000).nullable();
/** import-mappings.json as written: tenant -> header signature -> field -> column index. */
const mappingMemorySchema = z.record(
  z.string(),
  z.record(z.string(), z.object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, columnIndex])))),
);

/**
 * The column mapping remembered per tenant and header set (`<dataDir>/import-mappings.json`). A
 * file that cannot be used is read as none, and not tried again until a write succeeds.
 */
export function createMappingMemory(dataDir: string, log: Logger) {
  const file = path.join(dataDir, 'import-mappings.json');
  let refused = false;
  const signature = (headers: readonly string[]) => headers.map(normaliseHeader).join('|');

  async function all(): Promise<MappingMemory> {
    if (refused) return {};
    const read = await readDataFile(file, 1024 * 1024);
    if (read.state !== 'ok') {
      if (read.state === 'refused') {
        refused = true;
        log.warn('import-mappings.json not used', { reason: read.reason });
      }
      return {};
    }
    try {
      const parsed = mappingMemorySchema.safeParse(JSON.parse(read.text));
      return parsed.success ? (parsed.data as MappingMemory) : {};
    } catch {
      return {};
    }
  }

  return {
    /** The mapping remembered for this tenant and these columns, if any. */
    async recall(tenantId: string, headers: readonly string[]): Promise<ColumnMapping | undefined> {
      return (await all())[tenantId]?.[signature(headers)];
    },
    /** Remembers a mapping; a failure is logged, never thrown (the plan does not depend on it). */
    async remember(tenantId: string, headers: readonly string[], mapping: ColumnMapping): Promise<void> {
      const remembered = await all();
      remembered[tenantId] = { ...remembered[tenantId], [signature(headers)]: mapping };
      await writeFileAtomic(file, JSON.stringify(remembered, null, 2))
        .then(() => {
          refused = false;
        })
        .catch((error: unknown) => log.warn('could not remember the import mapping', { error: String(error) }));
    },
  };
}
