import { describe, expect, it } from 'vitest';
import {
  clampWindow,
  MIN_ZOOM_MS,
  msAtFraction,
  panBy,
  selectionWindow,
  wheelFactor,
  windowQuery,
  zoomAround,
  zoomBounds,
  zoomKey,
  type TimeWindow,
  type ZoomBounds,
} from './chart-zoom.ts';
import { RANGE_MS } from './history-range.ts';
import { sameWindow } from './time-travel-slice.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = 1_700_000_000_000;
/** A day held, up to now. */
const DAY: ZoomBounds = { minMs: NOW - 24 * HOUR, maxMs: NOW, maxWidthMs: 24 * HOUR };
const w = (fromMin: number, toMin: number): TimeWindow => ({ fromMs: NOW + fromMin * MIN, toMs: NOW + toMin * MIN });

describe('zoomBounds', () => {
  it.each([
    ['nothing known of what is held: the range', '24h' as const, null, { minMs: NOW - 24 * HOUR, maxMs: NOW, maxWidthMs: 24 * HOUR }],
    ['held for a week: panning reaches back a week, the width stays the range', '24h' as const, NOW - 7 * 24 * HOUR, { minMs: NOW - 7 * 24 * HOUR, maxMs: NOW, maxWidthMs: 24 * HOUR }],
    ['held for 10 minutes', '1h' as const, NOW - 10 * MIN, { minMs: NOW - 10 * MIN, maxMs: NOW, maxWidthMs: HOUR }],
    ['held for 10 s: still a minute to look at', '1h' as const, NOW - 10_000, { minMs: NOW - MIN, maxMs: NOW, maxWidthMs: HOUR }],
  ])('%s', (_name, range, oldest, bounds) => {
    expect(zoomBounds(range, NOW, oldest)).toEqual(bounds);
  });
});

describe('zoomAround', () => {
  it.each<[string, TimeWindow, number, number, TimeWindow]>([
    ['in by half around the middle', w(-60, 0), NOW - 30 * MIN, 0.5, w(-45, -15)],
    ['in around the right edge keeps the right edge', w(-60, 0), NOW, 0.5, w(-30, 0)],
    ['in around a quarter keeps that moment a quarter across', w(-80, -40), NOW - 70 * MIN, 0.5, w(-75, -55)],
    ['out around the middle, stopped at now: moved back', w(-20, -10), NOW - 15 * MIN, 4, w(-40, 0)],
    ['out past the range: as wide as the range', w(-60, 0), NOW - 30 * MIN, 100, w(-24 * 60, 0)],
    ['in past a minute: a minute', w(-2, 0), NOW - MIN, 0.1, { fromMs: NOW - 90_000, toMs: NOW - 30_000 }],
    ['a moment outside the window counts as its edge', w(-60, -30), NOW, 0.5, w(-45, -30)],
  ])('%s', (_name, window, atMs, factor, expected) => {
    expect(zoomAround(window, atMs, factor, DAY)).toEqual(expected);
  });
});

describe('panBy', () => {
  it.each<[string, TimeWindow, number, TimeWindow]>([
    ['back 10 minutes', w(-60, -30), -10 * MIN, w(-70, -40)],
    ['forward, stopped at now', w(-60, -30), 45 * MIN, w(-30, 0)],
    ['back, stopped at the oldest held', w(-24 * 60 + 10, -24 * 60 + 40), -HOUR, w(-24 * 60, -24 * 60 + 30)],
    ['nothing', w(-60, -30), 0, w(-60, -30)],
  ])('%s', (_name, window, deltaMs, expected) => {
    expect(panBy(window, deltaMs, DAY)).toEqual(expected);
  });
});

describe('selectionWindow and clampWindow', () => {
  it.each<[string, number, number, TimeWindow]>([
    ['dragged left to right', NOW - 50 * MIN, NOW - 20 * MIN, w(-50, -20)],
    ['dragged right to left', NOW - 20 * MIN, NOW - 50 * MIN, w(-50, -20)],
    ['a few seconds: a minute around them', NOW - 10 * MIN, NOW - 10 * MIN + 10_000, { fromMs: NOW - 10 * MIN - 25_000, toMs: NOW - 10 * MIN + 35_000 }],
    ['past now: moved back to end at now', NOW - 5 * MIN, NOW + 5 * MIN, w(-10, 0)],
    ['before the oldest held: moved up to it', NOW - 30 * HOUR, NOW - 23 * HOUR - 30 * MIN, { fromMs: NOW - 24 * HOUR, toMs: NOW - 24 * HOUR + 6.5 * HOUR }],
  ])('%s', (_name, a, b, expected) => {
    expect(selectionWindow(a, b, DAY)).toEqual(expected);
  });

  it('leaves a window that fits as it is', () => {
    expect(clampWindow(w(-90, -30), DAY)).toEqual(w(-90, -30));
  });

  it('now wins over the oldest held when a minute does not fit between them', () => {
    expect(clampWindow(w(-1, 0), { minMs: NOW - 10_000, maxMs: NOW, maxWidthMs: HOUR })).toEqual(w(-1, 0));
  });

  it('never makes a window narrower than a minute or wider than the range', () => {
    for (const [a, b] of [[0, 1], [-5, 5], [-3 * 24 * 60, 0]] as const) {
      const width = selectionWindow(NOW + a * MIN, NOW + b * MIN, DAY);
      expect(width.toMs - width.fromMs).toBeGreaterThanOrEqual(MIN_ZOOM_MS);
      expect(width.toMs - width.fromMs).toBeLessThanOrEqual(24 * HOUR);
      expect(width.toMs).toBeLessThanOrEqual(NOW);
    }
  });
});

describe('windowQuery', () => {
  it.each<[string, TimeWindow, { fromMs: number; toMs: number; stepMs: number }]>([
    // NOW is a whole minute (1,700,000,000,000 = 28,333,333 min + 20 s): the ends move out to whole steps.
    ['a minute at 1 s', { fromMs: 120_500, toMs: 180_500 }, { fromMs: 120_000, toMs: 181_000, stepMs: 1_000 }],
    ['15 minutes at 1 s (900 points)', { fromMs: 0, toMs: 15 * MIN }, { fromMs: 0, toMs: 15 * MIN, stepMs: 1_000 }],
    ['30 minutes at 5 s', { fromMs: 1_000, toMs: 30 * MIN + 1_000 }, { fromMs: 0, toMs: 30 * MIN + 5_000, stepMs: 5_000 }],
    ['6 hours at 15 s', { fromMs: 0, toMs: 6 * HOUR }, { fromMs: 0, toMs: 6 * HOUR, stepMs: 15_000 }],
    ['a day at 1 min', { fromMs: 0, toMs: RANGE_MS['24h'] }, { fromMs: 0, toMs: RANGE_MS['24h'], stepMs: 60_000 }],
  ])('%s', (_name, window, expected) => {
    expect(windowQuery(window)).toEqual({ kind: 'historySeries', ...expected });
  });

  it('asks at most 1,500 points, the finest step that allows it', () => {
    for (const widthMs of [MIN, 25 * MIN, 25 * MIN + 1, 2 * HOUR, 5 * HOUR, 24 * HOUR, 30 * 24 * HOUR]) {
      const q = windowQuery({ fromMs: 0, toMs: widthMs });
      expect((q.toMs - q.fromMs) / q.stepMs).toBeLessThanOrEqual(1_500);
    }
  });
});

describe('small parts', () => {
  it.each([
    [0, w(-60, 0), NOW - 60 * MIN],
    [0.5, w(-60, 0), NOW - 30 * MIN],
    [1, w(-60, 0), NOW],
    [-0.2, w(-60, 0), NOW - 60 * MIN],
    [Number.NaN, w(-60, 0), NOW],
  ])('msAtFraction(%f)', (fraction, window, expected) => {
    expect(msAtFraction(fraction, window)).toBe(expected);
  });

  it.each([
    ['+', false, { kind: 'zoom', factor: 0.5 }],
    ['=', false, { kind: 'zoom', factor: 0.5 }],
    ['-', false, { kind: 'zoom', factor: 2 }],
    ['0', false, { kind: 'reset' }],
    ['ArrowLeft', true, { kind: 'pan', fraction: -0.25 }],
    ['ArrowRight', true, { kind: 'pan', fraction: 0.25 }],
    ['ArrowLeft', false, null], // the cursor's key
    ['Enter', false, null],
  ])('zoomKey(%s, shift %s)', (key, isShift, action) => {
    expect(zoomKey(key, isShift)).toEqual(action);
  });

  it.each([
    [-100, 0.8],
    [100, 1.25],
    [0, 1],
  ])('wheelFactor(%i)', (deltaY, factor) => {
    expect(wheelFactor(deltaY)).toBe(factor);
  });

  it('sameWindow compares by value', () => {
    expect(sameWindow(w(-2, -1), w(-2, -1))).toBe(true);
    expect(sameWindow(w(-2, -1), w(-3, -1))).toBe(false);
    expect(sameWindow(null, null)).toBe(true);
    expect(sameWindow(null, w(-2, -1))).toBe(false);
  });
});
