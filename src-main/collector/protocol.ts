/**
 * Messages between the collector process and its host (the supervisor), a readonly union each
 * way; errors travel as data (`{ name, message, code }`), never as thrown objects.
 */
import type { Snapshot } from '../../src-shared/snapshot.ts';
import type { SnapshotDelta } from '../../src-shared/stream.ts';
import type { StartTimeBasis } from './platform/platform.ts';

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
  /** The previous collector's basis, so that start times (identities) survive a restart. */
  startTimeBasis?: StartTimeBasis | null;
}

export type HostToCollector =
  | { readonly type: 'start'; readonly options: CollectorStartOptions }
  | { readonly type: 'configure'; readonly intervalMs?: number; readonly isPaused?: boolean; readonly hostPids?: readonly number[] }
  /** The host could not apply a delta: the next snapshot goes whole. */
  | { readonly type: 'resync' }
  | { readonly type: 'stop' };

export type CollectorToHost =
  | { readonly type: 'ready'; readonly pid: number }
  | { readonly type: 'started'; readonly startTimeBasis: StartTimeBasis | null }
  /** A whole snapshot: the first after start, and after a `resync`. */
  | { readonly type: 'snapshot'; readonly snapshot: Snapshot }
  /**
   * Every later tick: the change from the last snapshot sent (src-shared/stream.ts's format), a few
   * KB at 2,000 processes where a whole snapshot is ~1 MB to clone on both sides.
   */
  | { readonly type: 'delta'; readonly delta: SnapshotDelta }
  | { readonly type: 'sample-failed'; readonly error: ErrorData }
  | { readonly type: 'fatal'; readonly error: ErrorData };

export function errorData(error: unknown): ErrorData {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : null;
    return { name: error.name, message: error.message, code };
  }
  return { name: 'Error', message: String(error), code: null };
}

const HOST_TO_COLLECTOR_TYPES = new Set(['start', 'configure', 'resync', 'stop']);
const COLLECTOR_TO_HOST_TYPES = new Set(['ready', 'started', 'snapshot', 'delta', 'sample-failed', 'fatal']);

/**
 * The other process's messages are outside data: only a message of a known type is let through.
 * (Their fields come from our own code on the other side; the type tag is what a stray or
 * foreign message would get wrong.)
 */
export function isHostToCollector(value: unknown): value is HostToCollector {
  return hasType(value, HOST_TO_COLLECTOR_TYPES);
}

export function isCollectorToHost(value: unknown): value is CollectorToHost {
  return hasType(value, COLLECTOR_TO_HOST_TYPES);
}

function hasType(value: unknown, types: ReadonlySet<string>): boolean {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string' && types.has(value.type);
}
