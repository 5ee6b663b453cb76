/**
 * Messages between the host's thread (history-store.ts) and the writer (history-worker.ts): plain
 * data, errors as data (STYLE.md, Signal Desktop's worker). Only the writer's own code sends them.
 */
import type { AnyQueryResult, HistoryStatus } from '../../src-shared/query.ts';
import type { HistoryReadQuery } from './history-source.ts';
import type { TickRecord } from './history-recorder.ts';
import type { SetAside } from './history-db.ts';

/** How long the writer holds a tick to commit it with the next ones, ms: at most this much is lost to a kill. */
export const COMMIT_EVERY_MS = 4_000;

export interface HistoryWorkerOptions {
  dir: string;
  maxBytes: number;
}

export type ToWriter =
  | { readonly type: 'tick'; readonly tick: TickRecord }
  | { readonly type: 'query'; readonly id: number; readonly query: HistoryReadQuery }
  | { readonly type: 'status'; readonly id: number }
  | { readonly type: 'close' };

export type FromWriter =
  | { readonly type: 'opened'; readonly setAside: SetAside | null }
  /** `count` ticks are written (or failed: `error`); the host counts what is still in flight. */
  | { readonly type: 'written'; readonly count: number; readonly error: string | null }
  | { readonly type: 'answer'; readonly id: number; readonly answer: AnyQueryResult }
  | { readonly type: 'status'; readonly id: number; readonly status: HistoryStatus }
  /** The store could not be opened or stopped working: recording is paused, this says why. */
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'closed' };
