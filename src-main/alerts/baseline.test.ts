import { describe, expect, it } from 'vitest';
import { baselineFrom, usualRange } from './baseline.ts';
import type { TimedValue } from './leak-slope.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const T0 = Date.UTC(2026, 11, 1, 14, 0, 0);
/** `perDay` minute roll-ups at 14:00–15:00 on each of `days` days, values from `valueAt`. */
const hours = (days: number, perDay: number, valueAt: (day: number, minute: number) => number): TimedValue[] =>
  Array.from({ length: days }, (_, d) => Array.from({ length: perDay }, (_, m) => ({ atMs: T0 - d * DAY_MS + m * MINUTE_MS, value: valueAt(d, m) }))).flat();

describe('baselineFrom', () => {
  it.each<[string, TimedValue[], { mean: number; sigma: number; days: number; samples: number }]>([
    ['no history', [], { mean: 0, sigma: 0, days: 0, samples: 0 }],
    ['one day, constant', hours(1, 60, () => 10), { mean: 10, sigma: 0, days: 1, samples: 60 }],
    ['7 full days: 420 samples', hours(7, 60, (_, m) => (m % 2 === 0 ? 8 : 12)), { mean: 10, sigma: 2, days: 7, samples: 420 }],
    ['2 days with a few minutes each', hours(2, 3, (d) => d * 10), { mean: 5, sigma: 5, days: 2, samples: 6 }],
    ['days out of order', [...hours(1, 1, () => 1), { atMs: T0 - 3 * DAY_MS, value: 3 }, { atMs: T0 - DAY_MS + 30 * MINUTE_MS, value: 2 }], { mean: 2, sigma: Math.sqrt(2 / 3), days: 3, samples: 3 }],
  ])('%s', (_, samples, expected) => {
    const baseline = baselineFrom(samples, 14);
    expect(baseline.mean).toBeCloseTo(expected.mean, 9);
    expect(baseline.sigma).toBeCloseTo(expected.sigma, 9);
    expect({ days: baseline.days, samples: baseline.samples, hourOfDay: baseline.hourOfDay }).toEqual({ days: expected.days, samples: expected.samples, hourOfDay: 14 });
  });

  it.each<[number, number, { low: number; high: number }]>([
    [750, 150, { low: 600, high: 900 }],
    [100, 300, { low: 0, high: 400 }],
  ])('usually is one σ either side of the mean, never below 0 (mean %d, σ %d)', (mean, sigma, range) => {
    expect(usualRange({ mean, sigma, days: 7, samples: 420, hourOfDay: 0 })).toEqual(range);
  });
});
