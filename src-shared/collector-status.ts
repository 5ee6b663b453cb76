/** The collector's health as the supervisor sees it, pushed to every view. */
import { z } from 'zod';

export const COLLECTOR_STATES = ['starting', 'up', 'down', 'stopped'] as const;
export const collectorStatusSchema = z.object({
  state: z.enum(COLLECTOR_STATES),
  /** Restarts since the host started. */
  restarts: z.number().int().nonnegative(),
  /** Why it is down (the exit code or signal, or the start error), in plain words; null when up. */
  message: z.string().nullable(),
  /** When the state last changed, ms since the Unix epoch. */
  sinceMs: z.number().int().nonnegative(),
});
export type CollectorStatus = z.infer<typeof collectorStatusSchema>;
