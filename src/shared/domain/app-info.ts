import { z } from 'zod';

export const hostKindSchema = z.enum(['electron', 'chromium', 'node']);
export type HostKind = z.infer<typeof hostKindSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  host: hostKindSchema,
  packaged: z.boolean(),
  dataDir: z.string(),
  versions: z.object({
    node: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
  }),
  /** Set when the console started without a writable data folder: shown on every view. */
  startupProblem: z.string().nullable(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;
