/**
 * Messages between the collector process and its host (the supervisor), a readonly union each
 * way; errors travel as data (`{ name, message, code }`), never as thrown objects.
 */
import type { Snapshot } from '../../src-shared/snapshot.ts';

export interface ErrorData {
  name: string;
  message: string;
  code: string | null;
}

export interface CollectorStartOptions {
  intervalMs: number;
  isPaused: boolean;
  /** The host's own pids (main/host, renderer), summed with the collector's into `self`. */
  hostPids: readonly number[];
  includeLoopback: boolean;
}

export type HostToCollector =
  | { readonly type: 'start'; readonly options: CollectorStartOptions }
  | { readonly type: 'configure'; readonly intervalMs?: number; readonly isPaused?: boolean; readonly hostPids?: readonly number[] }
  | { readonly type: 'stop' };

export type CollectorToHost =
  | { readonly type: 'ready'; readonly pid: number }
  | { readonly type: 'snapshot'; readonly snapshot: Snapshot }
  | { readonly type: 'sample-failed'; readonly error: ErrorData }
  | { readonly type: 'fatal'; readonly error: ErrorData };

export function errorData(error: unknown): ErrorData {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : null;
    return { name: error.name, message: error.message, code };
  }
  return { name: 'Error', message: String(error), code: null };
}
