import { describe, expect, it } from 'vitest';
import { LeakWindow, leastSquaresSlopePerMin, MAX_LEAK_SAMPLES, type TimedValue } from './leak-slope.ts';

const T0 = 1_700_000_000_000;
const MB = 1024 * 1024;
const series = (count: number, stepMs: number, valueAt: (i: number) => number): TimedValue[] => Array.from({ length: count }, (_, i) => ({ atMs: T0 + i * stepMs, value: valueAt(i) }));

describe('leastSquaresSlopePerMin', () => {
  it.each<[string, TimedValue[], number | null]>([
    ['no samples', [], null],
    ['one sample', series(1, 1000, () => 5), null],
    ['two samples at one time', [{ atMs: T0, value: 1 }, { atMs: T0, value: 9 }], null],
    ['flat', series(60, 1000, () => 800 * MB), 0],
    ['10 MB a minute at 1 Hz', series(600, 1000, (i) => 2_000 * MB + (i * 10 * MB) / 60), 10 * MB],
    ['shrinking 1 MB a second', series(30, 1000, (i) => 500 * MB - i * MB), -60 * MB],
    ['a saw-tooth (noise) around a flat line', series(600, 1000, (i) => 800 * MB + (i % 2 === 0 ? 5 * MB : -5 * MB)), 0],
  ])('%s', (_, samples, slope) => {
    const got = leastSquaresSlopePerMin(samples);
    if (slope === null) expect(got).toBeNull();
    // Within 0.1 MB a minute: a leak rule's thresholds are tens of MB a minute.
    else expect(Math.abs((got ?? Infinity) - slope)).toBeLessThan(0.1 * MB);
  });
});

describe('LeakWindow', () => {
  it('gives no slope until the samples cover 90 % of the window, then the growth', () => {
    const window = new LeakWindow(600_000);
    const slopes: (number | null)[] = [];
    for (let s = 0; s <= 600; s++) {
      window.add(T0 + s * 1000, 1_000 * MB + s * MB);
      slopes.push(window.slopePerMin(T0 + s * 1000));
    }
    expect(slopes[539]).toBeNull();
    expect(slopes[540]).toBeCloseTo(60 * MB, -3);
    expect(slopes[600]).toBeCloseTo(60 * MB, -3);
  });

  it('keeps a bounded number of samples at 10 Hz over an hour', () => {
    const window = new LeakWindow(3_600_000);
    for (let i = 0; i < 36_000; i++) window.add(T0 + i * 100, 1_000 * MB + i);
    expect(window.size).toBeLessThanOrEqual(MAX_LEAK_SAMPLES + 1);
    expect(window.slopePerMin(T0 + 35_999 * 100)).toBeCloseTo(600, 0);
  });

  it('stretches a window under a minute to a minute, and starts afresh when time goes back', () => {
    const window = new LeakWindow(5_000);
    for (let s = 0; s <= 10; s++) window.add(T0 + s * 1000, s * MB);
    expect(window.slopePerMin(T0 + 10_000)).toBeNull();
    window.add(T0, 0);
    expect(window.size).toBe(1);
  });
});
