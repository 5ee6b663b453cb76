/**
 * The contract's closed sets of names, as plain values: what the page needs at run time without
 * the schemas (the renderer's first script carries no zod). snapshot.ts and commands.ts build their
 * schemas from these and export them too.
 */
export const PRIORITIES = ['realtime', 'high', 'aboveNormal', 'normal', 'belowNormal', 'idle'] as const;
export const PROCESS_STATES = ['running', 'sleeping', 'stopped', 'zombie', 'idle', 'unknown'] as const;
export const APP_CATEGORIES = ['app', 'background', 'system'] as const;
export const GPU_VENDORS = ['nvidia', 'amd', 'intel', 'other'] as const;
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'PROTECTED',
  'STALE_PID',
  'ACCESS_DENIED',
  'UNSUPPORTED',
  'COLLECTOR_DOWN',
  'UNAUTHORIZED',
  'METHOD_NOT_ALLOWED',
  'CONTROL_DISABLED',
  'INTERNAL',
  /** History: nothing was recorded for the moment or range asked. */
  'NO_HISTORY',
  /** History: recording is off (`--no-history`, or the store could not be opened). */
  'HISTORY_OFF',
  /** The command would do more than its target (stopping a service stops the services that depend on it): the caller must confirm, the message names what. */
  'NEEDS_CONFIRMATION',
  /** The OS did not finish in time (a service did not stop within 30 s): reported, never forced. */
  'TIMED_OUT',
] as const;
