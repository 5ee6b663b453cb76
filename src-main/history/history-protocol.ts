/**
 * Messages between the host's thread (history-store.ts) and the writer (history-worker.ts): plain
 * data, errors as data (STYLE.md, Signal Desktop's worker). Only the writer's own code sends them.
 */
import type { CommandArgs, CommandResult } from '../../src-shared/commands.ts';
import type { AnyQueryResult, HistorySettings, HistoryStatus } from '../../src-shared/query.ts';
import type { AlertNote, CommandNote } from './history-events.ts';
import type { BaselineSample, BaselineSampleQuery } from './history-baseline-reads.ts';
import type { Failure } from '../../src-shared/results.ts';
import type { HistoryReadQuery } from './history-source.ts';
import type { HistoryRetention } from './history-rollup.ts';
import type { TickRecord } from './history-recorder.ts';
import type { SetAside } from './history-db.ts';
import type { LockHolder } from './history-lock.ts';

/** How long the writer holds a tick to commit it with the next ones, ms: at most this much is lost to a kill. */
export const COMMIT_EVERY_MS = 4_000;

export interface HistoryWorkerOptions {
  dir: string;
  maxBytes: number;
  /** Settings the host was started with (history-store.ts `HistoryStoreOptions.settings`), over the stored ones. */
  settings: Partial<HistorySettings>;
  /** How long each kind is kept (history-rollup.ts), checked by the host. */
  retention: HistoryRetention;
}

/** Whether `error` is for want of room on the disk (SQLite's SQLITE_FULL, the OS's ENOSPC). */
export function isDiskFullError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { errcode, code, message } = error as { errcode?: unknown; code?: unknown; message?: unknown };
  // 13 is SQLITE_FULL (node:sqlite's `errcode`); the message is SQLite's text for it.
  return errcode === 13 || code === 'ENOSPC' || (typeof message === 'string' && /database or disk is full|ENOSPC|no space left on device/i.test(message));
}

export type ToWriter =
  | { readonly type: 'tick'; readonly tick: TickRecord }
  | { readonly type: 'query'; readonly id: number; readonly query: HistoryReadQuery }
  | { readonly type: 'status'; readonly id: number }
  /** A command a user ran on processes, as notes (history-events.ts `commandNotes`). */
  | { readonly type: 'command'; readonly atMs: number; readonly notes: readonly CommandNote[] }
  /** What the rules did (fired, cleared, their actions' outcomes), as notes (src-main/alerts/). */
  | { readonly type: 'alerts'; readonly notes: readonly AlertNote[] }
  /** The samples of an anomaly rule's baseline (history-baseline-reads.ts). */
  | { readonly type: 'baselineSamples'; readonly id: number; readonly query: BaselineSampleQuery }
  | { readonly type: 'deleteHistory'; readonly id: number; readonly args: CommandArgs<'deleteHistory'> }
  | { readonly type: 'setHistorySettings'; readonly id: number; readonly args: CommandArgs<'setHistorySettings'> }
  /** Try again what stopped: writing after the disk was full, taking the folder's lock, opening the file. */
  | { readonly type: 'retry' }
  | { readonly type: 'close' };

export type FromWriter =
  /**
   * The store is open: as its `writer` (a file set aside first, if any), or as a `reader` of the
   * store that `holder` writes (null: another instance was taking the lock that moment; `readError`:
   * why there is nothing to read yet).
   */
  | { readonly type: 'opened'; readonly role: 'writer'; readonly setAside: SetAside | null }
  | { readonly type: 'opened'; readonly role: 'reader'; readonly holder: LockHolder | null; readonly readError: string | null }
  /** `count` ticks are written (or failed: `error`; `isDiskFull` when for want of room); the host counts what is still in flight. */
  | { readonly type: 'written'; readonly count: number; readonly error: string | null; readonly isDiskFull: boolean }
  | { readonly type: 'answer'; readonly id: number; readonly answer: AnyQueryResult }
  | { readonly type: 'status'; readonly id: number; readonly status: HistoryStatus }
  | { readonly type: 'samples'; readonly id: number; readonly answer: { ok: true; value: BaselineSample[] } | Failure }
  /** Something the host's log should say (not a failure of the store). */
  | { readonly type: 'log'; readonly line: string }
  /** The result of deleteHistory or setHistorySettings. */
  | { readonly type: 'done'; readonly id: number; readonly result: CommandResult }
  /** The store could not be opened (`isDiskFull`: for want of room, worth a retry) or stopped working. */
  | { readonly type: 'failed'; readonly message: string; readonly isDiskFull: boolean }
  | { readonly type: 'closed' };
