/**
 * An anomaly rule's baseline from history's minute roll-ups at one hour of the day over the last
 * `BASELINE_DAYS` days: mean, population σ, and the number of distinct days that have samples
 * (the rule is inactive below `BASELINE_MIN_DAYS`). Pure: the alert service reads the roll-ups
 * and calls `baselineFrom`.
 */
import type { Baseline } from './evaluation.ts';
import type { TimedValue } from './leak-slope.ts';

/** Samples more than this apart are on different days: one hour's samples lie within an hour, days 24 h apart. */
const NEW_DAY_GAP_MS = 12 * 3_600_000;

export function baselineFrom(samples: readonly TimedValue[], hourOfDay: number): Baseline {
  const n = samples.length;
  if (n === 0) return { mean: 0, sigma: 0, days: 0, samples: 0, hourOfDay };
  let sum = 0;
  for (const s of samples) sum += s.value;
  const mean = sum / n;
  let squares = 0;
  for (const s of samples) squares += (s.value - mean) ** 2;
  const times = samples.map((s) => s.atMs).sort((a, b) => a - b);
  let days = 1;
  let dayStartMs = times[0] as number;
  for (const atMs of times) {
    if (atMs - dayStartMs > NEW_DAY_GAP_MS) {
      days++;
      dayStartMs = atMs;
    }
  }
  return { mean, sigma: Math.sqrt(squares / n), days, samples: n, hourOfDay };
}

/** The band the message calls "usually": one σ either side of the mean, never below 0. */
export function usualRange(baseline: Baseline): { low: number; high: number } {
  return { low: Math.max(0, baseline.mean - baseline.sigma), high: baseline.mean + baseline.sigma };
}
