/**
 * The chart history a page starts with: the host's recent series (query `recentSeries`, the last
 * 5 minutes the core keeps) merged into what the live feed has already added, so a page opened
 * now draws the last minutes at once. Pure.
 *
 * The host samples at its own rate; the page shows its own update speed. The series is thinned to
 * the page's interval (by the host's rule for which tick a page receives, page-cadence.ts), and a
 * point of the series is kept only where the live history has no point near it: the live feed is
 * the truth where it has data, and the series fills only the time before it and any gap in it
 * (a reconnect). Gaps in the series itself stay gaps.
 */
import type { SystemPoint } from '../../src-shared/query.ts';
import { HISTORY_CAPACITY, historyPoint, type HistoryPoint } from './history.ts';

/**
 * A series point this close to a live point (as a fraction of the interval) is the same moment
 * seen twice: on a 250 ms host, a 1 s page's live points and the thinned series can be out of phase
 * by up to half an interval, which must not draw two points per interval.
 */
const SAME_MOMENT_FRACTION = 0.75;

/** The points a page of `intervalMs` would have received, oldest first (the host's `isPageDue` rule). */
export function thinToInterval(points: readonly SystemPoint[], intervalMs: number): SystemPoint[] {
  const kept: SystemPoint[] = [];
  let lastMs: number | null = null;
  for (const point of points) {
    if (lastMs !== null && point.takenAtMs - lastMs + Math.max(0, point.intervalMs) / 2 < intervalMs) continue;
    kept.push(point);
    lastMs = point.takenAtMs;
  }
  return kept;
}

/**
 * `history` (the live feed's, oldest first) with the recent series merged in, oldest first, no two
 * points at one time, the oldest dropped past `capacity`. Returns `history` itself when nothing is added.
 */
export function mergeRecentSeries(history: readonly HistoryPoint[], series: readonly SystemPoint[], intervalMs: number, capacity = HISTORY_CAPACITY): HistoryPoint[] {
  const live = history;
  const added: HistoryPoint[] = [];
  let next = 0; // the first live point not older than the series point in hand
  for (const point of thinToInterval(series, intervalMs)) {
    while (next < live.length && (live[next]?.takenAtMs ?? Infinity) < point.takenAtMs) next += 1;
    const before = live[next - 1]?.takenAtMs ?? -Infinity;
    const after = live[next]?.takenAtMs ?? Infinity;
    const sameMomentMs = SAME_MOMENT_FRACTION * Math.max(intervalMs, point.intervalMs);
    if (point.takenAtMs - before < sameMomentMs || after - point.takenAtMs < sameMomentMs) continue;
    added.push(historyPoint(point));
  }
  if (added.length === 0) return history as HistoryPoint[];
  const merged = mergeByTime(live, added);
  return merged.length > capacity ? merged.slice(merged.length - capacity) : merged;
}

function mergeByTime(a: readonly HistoryPoint[], b: readonly HistoryPoint[]): HistoryPoint[] {
  const merged: HistoryPoint[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || x.takenAtMs <= y.takenAtMs)) {
      merged.push(x);
      i += 1;
    } else if (y) {
      merged.push(y);
      j += 1;
    }
  }
  return merged;
}
