import { describe, expect, it } from 'vitest';
import type { SystemPoint } from '../../src-shared/query.ts';
import { cpuFigures, FIXTURE_TIME_MS, snapshot } from '../../src-shared/testing/fixtures.ts';
import { historyPoint, type HistoryPoint } from './history.ts';
import { mergeRecentSeries, thinToInterval } from './recent-history.ts';

const T0 = FIXTURE_TIME_MS;

/** A point of the host's series at T0 + `offsetMs`, sampled every `intervalMs`, CPU % = 1 (to tell it from a live point). */
function seriesPoint(offsetMs: number, intervalMs = 250): SystemPoint {
  const { processes: _p, apps: _a, volumes: _v, ...point } = snapshot({ takenAtMs: T0 + offsetMs, intervalMs, cpu: cpuFigures({ totalPercent: 1 }) });
  return point;
}
/** A point the live feed added, CPU % = 2. */
const livePoint = (offsetMs: number): HistoryPoint => historyPoint(snapshot({ takenAtMs: T0 + offsetMs, cpu: cpuFigures({ totalPercent: 2 }) }));
const every = (fromMs: number, toMs: number, stepMs: number) => Array.from({ length: Math.floor((toMs - fromMs) / stepMs) + 1 }, (_, i) => fromMs + i * stepMs);
/** Each point as [offset, 's' from the series | 'l' from the live feed]. */
const shape = (history: readonly HistoryPoint[]) => history.map((p) => [p.takenAtMs - T0, p.cpuPercent === 1 ? 's' : 'l']);

describe('thinToInterval', () => {
  it.each([
    { name: 'a 1 s page on a 250 ms host: every fourth', offsets: every(0, 3000, 250), step: 250, intervalMs: 1000, expected: [0, 1000, 2000, 3000] },
    { name: 'a 500 ms page on a 250 ms host: every second', offsets: every(0, 1000, 250), step: 250, intervalMs: 500, expected: [0, 500, 1000] },
    { name: 'a page as fast as the host: all', offsets: every(0, 1000, 500), step: 500, intervalMs: 500, expected: [0, 500, 1000] },
    { name: 'a page faster than the host: all (never more than there is)', offsets: every(0, 4000, 2000), step: 2000, intervalMs: 500, expected: [0, 2000, 4000] },
    { name: 'a gap stays a gap', offsets: [0, 250, 500, 10_000, 10_250], step: 250, intervalMs: 500, expected: [0, 500, 10_000] },
    { name: 'nothing', offsets: [], step: 250, intervalMs: 1000, expected: [] },
  ])('$name', ({ offsets, step, intervalMs, expected }) => {
    expect(thinToInterval(offsets.map((o) => seriesPoint(o, step)), intervalMs).map((p) => p.takenAtMs - T0)).toEqual(expected);
  });

  it('keeps a jittery 1 s host’s every tick for a 1 s page', () => {
    const offsets = [0, 990, 2010, 2995, 4003];
    expect(thinToInterval(offsets.map((o) => seriesPoint(o, 1000)), 1000)).toHaveLength(5);
  });
});

describe('mergeRecentSeries', () => {
  it('a page that has nothing yet starts with the whole series, at its own interval', () => {
    const merged = mergeRecentSeries([], every(0, 4000, 250).map((o) => seriesPoint(o)), 1000);
    expect(shape(merged)).toEqual([
      [0, 's'],
      [1000, 's'],
      [2000, 's'],
      [3000, 's'],
      [4000, 's'],
    ]);
  });

  it('fills the time before the live feed’s first point, and never doubles a moment the feed has', () => {
    // The page opened at 3 s; its feed added 3.25 s and 4.25 s; the series holds 0–4.5 s at 250 ms.
    const live = [livePoint(3250), livePoint(4250)];
    const merged = mergeRecentSeries(live, every(0, 4500, 250).map((o) => seriesPoint(o)), 1000);
    expect(shape(merged)).toEqual([
      [0, 's'],
      [1000, 's'],
      [2000, 's'],
      [3250, 'l'],
      [4250, 'l'],
    ]);
  });

  it('the live point wins over a series point of the same time', () => {
    const merged = mergeRecentSeries([livePoint(1000)], [seriesPoint(0, 1000), seriesPoint(1000, 1000)], 1000);
    expect(shape(merged)).toEqual([
      [0, 's'],
      [1000, 'l'],
    ]);
  });

  it('fills a gap in the live history (the page reconnected) from the series', () => {
    const live = [livePoint(0), livePoint(1000), livePoint(6000), livePoint(7000)];
    const merged = mergeRecentSeries(live, every(0, 7000, 500).map((o) => seriesPoint(o, 500)), 1000);
    expect(shape(merged)).toEqual([
      [0, 'l'],
      [1000, 'l'],
      [2000, 's'],
      [3000, 's'],
      [4000, 's'],
      [5000, 's'],
      [6000, 'l'],
      [7000, 'l'],
    ]);
  });

  it('leaves a gap in the series a gap', () => {
    const merged = mergeRecentSeries([], [seriesPoint(0, 1000), seriesPoint(1000, 1000), seriesPoint(60_000, 1000)], 1000);
    expect(shape(merged).map(([t]) => t)).toEqual([0, 1000, 60_000]);
  });

  it('is always in time order with no two points at one time', () => {
    const live = every(2000, 9000, 1000).map(livePoint);
    const merged = mergeRecentSeries(live, every(0, 12_000, 250).map((o) => seriesPoint(o)), 500);
    const times = merged.map((p) => p.takenAtMs);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] ?? Infinity);
    // Every live point is still there.
    expect(live.every((p) => merged.includes(p))).toBe(true);
  });

  it('keeps the newest `capacity` points', () => {
    const merged = mergeRecentSeries([livePoint(10_000)], every(0, 9000, 1000).map((o) => seriesPoint(o, 1000)), 1000, 4);
    expect(shape(merged)).toEqual([
      [7000, 's'],
      [8000, 's'],
      [9000, 's'],
      [10_000, 'l'],
    ]);
  });

  it('returns the same history when the series adds nothing', () => {
    const live = [livePoint(0), livePoint(1000)];
    expect(mergeRecentSeries(live, [seriesPoint(0, 1000), seriesPoint(1000, 1000)], 1000)).toBe(live);
    expect(mergeRecentSeries(live, [], 1000)).toBe(live);
  });
});
