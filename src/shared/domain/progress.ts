import { z } from 'zod';

/** Progress of long work in main (a member listing, a bulk job), pushed to the renderer. */
export const taskProgressSchema = z.object({
  taskId: z.string().min(1).max(128),
  label: z.string().max(200),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  finished: z.boolean(),
});
export type TaskProgress = z.infer<typeof taskProgressSchema>;
