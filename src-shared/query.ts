/**
 * The contract's one read path and one push path, beside the snapshot stream.
 *
 * - **Query**: the page asks, the host answers once (`TaskManagerApi.query`; over the WebSocket
 *   `{type:"query", id, query}` → `{type:"answer", id, answer}`; in the desktop app an IPC invoke
 *   parsed by `querySchema` in main). A query never changes anything, so a view-only token may ask.
 *   Each kind names its answer in `QueryAnswers`; history, alerts and the startup/services pages
 *   add kinds here.
 * - **Broadcast**: what the host pushes besides snapshots (`TaskManagerApi.onBroadcast`; over the
 *   WebSocket `{type:"broadcast", broadcast}`; in the desktop app over the push port). `inventory`
 *   is the first; alerts and history add their own types to the union.
 *
 * Plain types: the page reads them without a schema library (query-schema.ts has main's parser).
 */
import type { Failure } from './results.ts';
import type { Inventory } from './inventory.ts';
import type { App, ProcessRow, Snapshot } from './snapshot.ts';

/** The machine-wide figures of one tick: a snapshot less its per-process parts. */
export type SystemPoint = Omit<Snapshot, 'processes' | 'apps' | 'volumes'>;

/**
 * The system figures of the last minutes (the core keeps 5 minutes, one ring buffer shared by both
 * hosts), oldest first, so a page that opens draws them at once. Gaps (collector restarted,
 * updates paused) show as a step in `takenAtMs` larger than the interval; they are never filled in.
 */
export interface RecentSeries {
  /** How far back the ring reaches, ms (5 minutes). */
  spanMs: number;
  points: SystemPoint[];
}

/**
 * The machine-wide figures over a range, from the history store (src-main/history/): one point per
 * `stepMs` (the tier's roll-up: means of that step; a step with nothing recorded is absent, a gap,
 * never filled in). Ranges and steps: the query's schema (query-schema.ts).
 */
export interface HistorySeries {
  fromMs: number;
  toMs: number;
  stepMs: number;
  points: SystemPoint[];
}

/**
 * The machine as it was at `atMs`: the processes of the nearest recorded second at or before it
 * (rows of the 1 s samples where the process was active, the rest from that minute's complete
 * list), read-only. `takenAtMs` is the moment the rows are from.
 */
export interface ProcessesAt {
  atMs: number;
  takenAtMs: number;
  processes: ProcessRow[];
  apps: App[];
}

/** Whether history is being recorded, where, and what it holds. */
export interface HistoryStatus {
  state: 'recording' | 'off' | 'paused';
  /** Why it is off or paused (plain words), null while recording. */
  reason: string | null;
  /** The oldest and newest moments held, ms since the epoch; null when empty. */
  oldestMs: number | null;
  newestMs: number | null;
  /** The store's size on disk, bytes (WAL included). */
  bytes: number | null;
}

export const QUERY_KINDS = ['recentSeries', 'inventory', 'historySeries', 'processesAt', 'historyStatus'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export type Query =
  | { readonly kind: 'recentSeries' }
  | { readonly kind: 'inventory' }
  | { readonly kind: 'historySeries'; readonly fromMs: number; readonly toMs: number; readonly stepMs: number }
  | { readonly kind: 'processesAt'; readonly atMs: number }
  | { readonly kind: 'historyStatus' };

/** What each kind of query answers. */
export interface QueryAnswers {
  recentSeries: RecentSeries;
  /** Null until the first read has finished (the `inventory` broadcast follows when it does). */
  inventory: Inventory | null;
  /** NO_HISTORY when nothing was recorded in the range; HISTORY_OFF when recording is off. */
  historySeries: HistorySeries;
  /** NO_HISTORY when nothing was recorded at or before the moment (within its minute). */
  processesAt: ProcessesAt;
  historyStatus: HistoryStatus;
}

export type QueryOf<K extends QueryKind> = Extract<Query, { kind: K }>;

/** A query's answer, or why there is none (INVALID_ARGUMENT, UNSUPPORTED, …). */
export type QueryResult<K extends QueryKind> = { readonly ok: true; readonly kind: K; readonly value: QueryAnswers[K] } | Failure;

/** Any query's result, as it crosses a boundary. */
export type AnyQueryResult = { [K in QueryKind]: QueryResult<K> }[QueryKind];

/** What the host pushes besides snapshots. New kinds of push are added to this union. */
export type Broadcast = { readonly type: 'inventory'; readonly inventory: Inventory };
