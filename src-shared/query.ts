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
import type { Alert, AlertsView, RulesView } from './alerts.ts';
import type { Failure } from './results.ts';
import type { Inventory } from './inventory.ts';
import type { ServicesView } from './services.ts';
import type { StartupView } from './startup.ts';
import type { UsersView } from './users.ts';
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

/** What history records that a user chooses (Settings → History; `serve --history-command-lines`). */
export interface HistorySettings {
  /** Command lines of this user's own processes are recorded (default on). */
  isRecordingOwnCommandLines: boolean;
  /**
   * Command lines of other accounts' processes (an elevated app, or root, sees them) are recorded
   * (default off: they may hold another user's secrets). Off: recorded as null.
   */
  isRecordingOthersCommandLines: boolean;
}

export const DEFAULT_HISTORY_SETTINGS: HistorySettings = { isRecordingOwnCommandLines: true, isRecordingOthersCommandLines: false };

/** Whether history is being recorded, where, and what it holds. */
export interface HistoryStatus {
  /**
   * `recording`; `paused` (the disk is full, or the store stopped working: `reason`; recording
   * resumes by itself where it can); `readOnly` (another instance of the app or `serve` writes to
   * the same folder: this one reads what it writes, `reason` names it); `off` (`--no-history`).
   */
  state: 'recording' | 'off' | 'paused' | 'readOnly';
  /** Why it is off, paused or read-only (plain words), null while recording. */
  reason: string | null;
  /** The oldest and newest moments held, ms since the epoch; null when empty. */
  oldestMs: number | null;
  newestMs: number | null;
  /** The store's size on disk, bytes (WAL included). */
  bytes: number | null;
  /** The store's folder (null when off). */
  dir: string | null;
  /**
   * Something the user is told once and can dismiss, e.g. "The history file was damaged: it was
   * kept aside as history.corrupt-….sqlite and a new one started." Null when there is nothing.
   */
  notice: string | null;
  settings: HistorySettings;
}

/** What a range is ranked by in `topConsumers`: CPU time, peak memory, or bytes read + written. */
export const TOP_BY = ['cpu', 'memory', 'disk'] as const;
export type TopBy = (typeof TOP_BY)[number];

/**
 * What a process, an app or an executable used over a range, from the store's per-minute usage
 * (src-main/history/). Definitions (docs/definitions.md § History usage): integrals over the
 * recorded samples, each sample standing for its interval; an idle second (no 1 s sample) counts
 * 0 CPU, I/O and GPU. Unknown on this machine (no such figure) is null, never 0.
 */
export interface Usage {
  /**
   * CPU time, ms of one logical processor (Task Manager App history's "CPU time"): the sum of
   * cpuPercent / 100 × logical processors × the sample's interval.
   */
  cpuTimeMs: number;
  /** Mean CPU % (of the whole machine, as the Processes tab's) over the range's recorded time. */
  cpuPercentMean: number;
  /** The highest memory (private working set, the Processes tab's Memory) seen in the range. */
  memoryPeakBytes: number | null;
  /** The mean memory over the time it existed within the range. */
  memoryMeanBytes: number | null;
  /** Bytes read and written (disk I/O rates integrated over time). */
  diskReadBytes: number | null;
  diskWriteBytes: number | null;
  /** GPU time, ms (gpuPercent / 100 × the sample's interval summed: the busiest engine's time). */
  gpuTimeMs: number | null;
  /** Bytes received and sent, where the OS reports per-process network (Windows ETW); else null. */
  netRxBytes: number | null;
  netTxBytes: number | null;
}

/** One process's use of a range. */
export interface ProcessUsage extends Usage {
  pid: number;
  startTimeMs: number;
  name: string;
  exePath: string | null;
  user: string | null;
  /** The app it belonged to (Apps tab's name), null for a background process. */
  appName: string | null;
}

/** An app's (the Apps tab's grouping) or an executable's (every process of one path) use of a range. */
export interface GroupUsage extends Usage {
  kind: 'app' | 'executable';
  /** The app's name, or the executable's file name. */
  name: string;
  /** The executable's path (an app: its main executable's), null when unknown. */
  exePath: string | null;
  /** How many processes (identities) it had in the range. */
  processCount: number;
}

/** "What used CPU / memory / disk between 03:00 and 03:15": the top processes and apps, ranked by `by`. */
export interface TopConsumers {
  fromMs: number;
  toMs: number;
  by: TopBy;
  /** Recorded time within the range, ms (the denominator of `cpuPercentMean`). */
  recordedMs: number;
  /** At most `limit`, highest first. Past 7 days only processes that stood out each minute (> 1 % CPU, top 20 by memory) are kept. */
  processes: ProcessUsage[];
  apps: GroupUsage[];
}

/** Task Manager's App history, over any range: every app and every executable that ran, by CPU time. */
export interface AppHistory {
  fromMs: number;
  toMs: number;
  recordedMs: number;
  apps: GroupUsage[];
  executables: GroupUsage[];
}

export const HISTORY_EVENT_KINDS = ['start', 'exit', 'command', 'recordingStarted', 'gap', 'alert'] as const;
export type HistoryEventKind = (typeof HISTORY_EVENT_KINDS)[number];

/**
 * A moment in history: a process started or exited, a user ran a command (what, on which process,
 * the result), recording started (the app or host started), a gap (nothing sampled for a while:
 * the machine slept, updates were paused, the collector restarted), or an alert (a rule fired or
 * cleared, and what its actions did or would have done: src-shared/alerts.ts).
 */
export interface HistoryEvent {
  atMs: number;
  kind: HistoryEventKind;
  /** The process it is about, null for recordingStarted and gap. */
  pid: number | null;
  startTimeMs: number | null;
  name: string | null;
  /** command: "kill: done" / "suspend: ACCESS_DENIED — …"; gap: "no samples for 42 s"; alert: "CPU hog fired: burn (4242): CPU 85 % for 3 s (above 40 %)"; else null. */
  detail: string | null;
}

/** At most this many events per answer (the oldest of the range first; `isTruncated` when more). */
export const MAX_HISTORY_EVENTS = 10_000;

export interface HistoryEvents {
  fromMs: number;
  toMs: number;
  events: HistoryEvent[];
  isTruncated: boolean;
}

export const QUERY_KINDS = ['recentSeries', 'inventory', 'historySeries', 'processesAt', 'historyStatus', 'topConsumers', 'appHistory', 'historyEvents', 'rules', 'alerts', 'startup', 'services', 'users'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export type Query =
  | { readonly kind: 'recentSeries' }
  | { readonly kind: 'inventory' }
  | { readonly kind: 'historySeries'; readonly fromMs: number; readonly toMs: number; readonly stepMs: number }
  | { readonly kind: 'processesAt'; readonly atMs: number }
  | { readonly kind: 'historyStatus' }
  | { readonly kind: 'topConsumers'; readonly fromMs: number; readonly toMs: number; readonly by: TopBy; readonly limit: number }
  | { readonly kind: 'appHistory'; readonly fromMs: number; readonly toMs: number }
  /** `eventKind`: only events of that kind (the charts' alert markers ask for `alert` alone, so a month of process starts neither crowds them out nor travels). */
  | { readonly kind: 'historyEvents'; readonly fromMs: number; readonly toMs: number; readonly eventKind?: HistoryEventKind }
  | { readonly kind: 'rules' }
  | { readonly kind: 'alerts' }
  | { readonly kind: 'startup' }
  | { readonly kind: 'services' }
  | { readonly kind: 'users' };

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
  /** NO_HISTORY when nothing was recorded in the range; HISTORY_OFF when recording is off. */
  topConsumers: TopConsumers;
  appHistory: AppHistory;
  historyEvents: HistoryEvents;
  /** The rules, each with its evaluation state, and whether armed actions may act here. */
  rules: RulesView;
  /** Active alerts and the latest that cleared (history's `alert` events hold every one). */
  alerts: AlertsView;
  /** The startup entries (startup.ts), each with its impact at the last login; read fresh on each query. */
  startup: StartupView;
  /** Every service (services.ts), read fresh on each query; `unavailableReason` where none can be read. */
  services: ServicesView;
  /** The latest snapshot's processes summed by user, with the sessions (users.ts). COLLECTOR_DOWN before the first snapshot. */
  users: UsersView;
}

export type QueryOf<K extends QueryKind> = Extract<Query, { kind: K }>;

/** A query's answer, or why there is none (INVALID_ARGUMENT, UNSUPPORTED, …). */
export type QueryResult<K extends QueryKind> = { readonly ok: true; readonly kind: K; readonly value: QueryAnswers[K] } | Failure;

/** Any query's result, as it crosses a boundary. */
export type AnyQueryResult = { [K in QueryKind]: QueryResult<K> }[QueryKind];

/** What the host pushes besides snapshots. New kinds of push are added to this union. */
export type Broadcast =
  | { readonly type: 'inventory'; readonly inventory: Inventory }
  /** History's state changed (paused, resumed, read-only, a notice, settings): pushed, never polled for. */
  | { readonly type: 'historyStatus'; readonly status: HistoryStatus }
  /** The rules or their states changed (a rule saved, deleted, armed, pending, firing): retained, like the inventory. */
  | { readonly type: 'rules'; readonly view: RulesView }
  /** An alert fired, cleared, or its actions' outcomes came (the same `id` each time): an event, not retained. */
  | { readonly type: 'alert'; readonly alert: Alert };
