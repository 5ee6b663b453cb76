import { describe, expect, it } from 'vitest';
import { FIXTURE_TIME_MS, cpuFigures, snapshot } from '../../src-shared/testing/fixtures.ts';
import { processRow } from '../../src-shared/testing/fixtures.ts';
import { RECENT_MAX_POINTS, RECENT_SPAN_MS, RecentSeriesRing, systemPointOf } from './recent-series-ring.ts';

const T0 = FIXTURE_TIME_MS;
const at = (offsetMs: number, seq = 1) => snapshot({ seq, takenAtMs: T0 + offsetMs, cpu: cpuFigures({ totalPercent: offsetMs % 100 }) });
const times = (ring: RecentSeriesRing, nowMs: number) => ring.points(nowMs).map((p) => p.takenAtMs - T0);

describe('systemPointOf', () => {
  it('drops the per-process parts and shares the figure objects (no deep copy)', () => {
    const snap = snapshot({ processes: [processRow()], volumes: [] });
    const point = systemPointOf(snap);
    expect(point).not.toHaveProperty('processes');
    expect(point).not.toHaveProperty('apps');
    expect(point).not.toHaveProperty('volumes');
    expect(point.cpu).toBe(snap.cpu);
    expect(point.takenAtMs).toBe(snap.takenAtMs);
  });
});

describe('RecentSeriesRing', () => {
  it('covers 5 minutes at 250 ms by default', () => {
    const ring = new RecentSeriesRing();
    expect(ring.spanMs).toBe(RECENT_SPAN_MS);
    expect(RECENT_MAX_POINTS * 250).toBe(RECENT_SPAN_MS);
  });

  it.each([
    { name: 'empty', pushes: [], nowMs: 0, expected: [] },
    { name: 'oldest first', pushes: [0, 1000, 2000], nowMs: 2000, expected: [0, 1000, 2000] },
    { name: 'a gap stays a gap (nothing filled in)', pushes: [0, 1000, 31_000, 32_000], nowMs: 32_000, expected: [0, 1000, 31_000, 32_000] },
    { name: 'older than the span behind the newest is dropped', pushes: [0, 1000, 301_000], nowMs: 301_000, expected: [1000, 301_000] },
    { name: 'exactly the span behind is kept', pushes: [0, 300_000], nowMs: 300_000, expected: [0, 300_000] },
    { name: 'asked later, only what is within the span of now', pushes: [0, 1000, 2000], nowMs: 301_500, expected: [2000] },
    { name: 'asked long after (paused, collector down): nothing', pushes: [0, 1000], nowMs: 900_000, expected: [] },
    { name: 'clock stepped back: the points now in the future go', pushes: [0, 1000, 2000, 1500], nowMs: 2000, expected: [0, 1000, 1500] },
    { name: 'same time twice: the later one wins', pushes: [0, 1000, 1000], nowMs: 1000, expected: [0, 1000] },
  ])('$name', ({ pushes, nowMs, expected }) => {
    const ring = new RecentSeriesRing();
    for (const offset of pushes) ring.pushSnapshot(at(offset));
    expect(times(ring, T0 + nowMs)).toEqual(expected);
  });

  it('is bounded by count: past maxPoints the oldest go, order kept across the wrap', () => {
    const ring = new RecentSeriesRing({ maxPoints: 4 });
    for (let i = 0; i < 10; i++) ring.pushSnapshot(at(i * 100, i + 1));
    expect(ring.size).toBe(4);
    expect(times(ring, T0 + 900)).toEqual([600, 700, 800, 900]);
    expect(ring.points(T0 + 900).map((p) => p.seq)).toEqual([7, 8, 9, 10]);
  });

  it('holds at most 1,200 points at 250 ms over 10 minutes, the last 5 minutes of them', () => {
    const ring = new RecentSeriesRing();
    for (let i = 0; i < 2_400; i++) ring.pushSnapshot(at(i * 250, i + 1));
    const points = ring.points(T0 + 2_399 * 250);
    expect(ring.size).toBeLessThanOrEqual(RECENT_MAX_POINTS);
    expect(points.length).toBeGreaterThan(1_190);
    expect(points[0]?.takenAtMs).toBeGreaterThanOrEqual(T0 + 2_399 * 250 - RECENT_SPAN_MS);
    expect(points.at(-1)?.seq).toBe(2_400);
  });

  it('keeps the seq numbering a restarted collector starts again (a gap in time, not in order)', () => {
    const ring = new RecentSeriesRing();
    ring.pushSnapshot(at(0, 41));
    ring.pushSnapshot(at(1000, 42));
    ring.pushSnapshot(at(9000, 1)); // the new collector's first snapshot
    expect(ring.points(T0 + 9000).map((p) => p.seq)).toEqual([41, 42, 1]);
  });

  it('answers a new array each time, of the same stored points', () => {
    const ring = new RecentSeriesRing();
    ring.pushSnapshot(at(0));
    const a = ring.points(T0);
    const b = ring.points(T0);
    expect(a).not.toBe(b);
    expect(a[0]).toBe(b[0]);
    a.pop();
    expect(ring.points(T0)).toHaveLength(1);
  });

  it('clear empties it', () => {
    const ring = new RecentSeriesRing();
    ring.pushSnapshot(at(0));
    ring.clear();
    expect(ring.size).toBe(0);
    expect(ring.points(T0)).toEqual([]);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new RecentSeriesRing({ maxPoints: 0 })).toThrow(RangeError);
  });
});
