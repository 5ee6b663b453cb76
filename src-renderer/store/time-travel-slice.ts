/**
 * Where in time the page looks. `viewAtMs` null: live (the feed's snapshot). A moment: the
 * Processes and Apps tabs show `processesAt` of it, read-only, while the live feed keeps running
 * underneath (Back to live shows its latest snapshot at once). One writer for the answer,
 * `ingestProcessesAt`, called by `goToTime` (time-travel.ts). Also the Performance charts' range
 * (Live or a past span read from the history store), which is not remembered across sessions:
 * a page opens live.
 */
import type { StateCreator } from 'zustand';
import type { ProcessesAt, QueryResult } from '../../src-shared/query.ts';
import type { Failure } from '../../src-shared/results.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { historyPoint, type HistoryPoint } from './history.ts';
import type { HistoryRange, PastRange } from './history-range.ts';
import { travelSnapshot } from './time-travel.ts';
import type { Store } from './store.ts';

export interface TimeTravelSlice {
  /** The moment shown, ms since the epoch; null while live. */
  viewAtMs: number | null;
  /** The host's answer for `viewAtMs`; null while it is asked, on a failure, or live. */
  travel: ProcessesAt | null;
  /** `travel` as the grids read it (time-travel.ts `travelSnapshot`), made once per answer. */
  travelSnapshot: Snapshot | null;
  /** Why there are no rows for `viewAtMs` (NO_HISTORY, HISTORY_OFF, …); null otherwise. */
  travelError: Failure | null;
  startTravel(atMs: number): void;
  ingestProcessesAt(atMs: number, result: QueryResult<'processesAt'>): void;
  backToLive(): void;
  historyRange: HistoryRange;
  /** Changing the range drops the series of the one before (its answer, if late, is dropped too). */
  setHistoryRange(range: HistoryRange): void;
  /** The chosen past range's points (chart points, oldest first), as last read; null until read. */
  rangeSeries: RangeSeries | null;
  /** Why the range has no series (HISTORY_OFF, NO_HISTORY, …); null otherwise. */
  rangeError: Failure | null;
  /**
   * The answer to the range's `historySeries` query, asked for `zoom` (null: the whole range); one
   * of a range or zoom no longer chosen is dropped.
   */
  ingestHistorySeries(range: PastRange, result: QueryResult<'historySeries'>, zoom?: TimeWindow | null): void;
  /**
   * The span the range's charts are zoomed to (chart-zoom.ts), null: the whole range up to now. A
   * change keeps the points held, so the charts redraw them at once, until the new span's answer.
   */
  rangeZoom: TimeWindow | null;
  setRangeZoom(zoom: TimeWindow | null): void;
}

/** A span of time, ms since the epoch, `fromMs` < `toMs` (a chart zoom: chart-zoom.ts, which the first script does not load). */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

export const sameWindow = (a: TimeWindow | null, b: TimeWindow | null): boolean => a === b || (a !== null && b !== null && a.fromMs === b.fromMs && a.toMs === b.toMs);

export interface RangeSeries {
  range: PastRange;
  fromMs: number;
  toMs: number;
  stepMs: number;
  points: HistoryPoint[];
}

export const createTimeTravelSlice: StateCreator<Store, [], [], TimeTravelSlice> = (set, get) => ({
  viewAtMs: null,
  travel: null,
  travelSnapshot: null,
  travelError: null,
  startTravel: (viewAtMs) => set({ viewAtMs, travel: null, travelSnapshot: null, travelError: null }),
  ingestProcessesAt: (atMs, result) => {
    // An answer for a moment the user has left (another one asked since, or back to live).
    if (get().viewAtMs !== atMs) return;
    if (!result.ok) return set({ travel: null, travelSnapshot: null, travelError: result });
    set({ travel: result.value, travelSnapshot: travelSnapshot(result.value, get().snapshot), travelError: null });
  },
  backToLive: () => set({ viewAtMs: null, travel: null, travelSnapshot: null, travelError: null }),
  historyRange: 'live',
  setHistoryRange: (historyRange) => set((state) => (state.historyRange === historyRange ? {} : { historyRange, rangeSeries: null, rangeError: null, rangeZoom: null })),
  rangeSeries: null,
  rangeError: null,
  ingestHistorySeries: (range, result, zoom = null) => {
    if (get().historyRange !== range || !sameWindow(get().rangeZoom, zoom)) return;
    if (!result.ok) return set({ rangeError: result });
    const { fromMs, toMs, stepMs, points } = result.value;
    // Oldest first, whatever order the host sent: the rows and their gaps are built in time order.
    const sorted = points.map(historyPoint).sort((a, b) => a.takenAtMs - b.takenAtMs);
    set({ rangeSeries: { range, fromMs, toMs, stepMs, points: sorted }, rangeError: null });
  },
  rangeZoom: null,
  setRangeZoom: (zoom) => set((state) => (sameWindow(state.rangeZoom, zoom) ? {} : { rangeZoom: zoom, rangeError: null })),
});

/**
 * The snapshot the Processes and Apps tabs show: the live one, or in the past the travel view
 * (null while it is being asked or when there is none, so no live row passes for a past one).
 */
export const viewedSnapshot = (state: Store): Snapshot | null => (state.viewAtMs === null ? state.snapshot : state.travelSnapshot);

/** Whether the tabs show the past: every action that would change a process is off. */
export const isInPast = (state: Store): boolean => state.viewAtMs !== null;
