/**
 * A leak is memory that grows steadily: the slope of a least-squares line through a process's
 * `memoryBytes` over the last window (a rule's `forSeconds`), in bytes per minute. A window counts
 * once samples cover at least 90 % of it; a process keeps at most `MAX_LEAK_SAMPLES` samples, one
 * every window ÷ `MAX_LEAK_SAMPLES` at most, whatever the tick rate. Pure apart from the window's own buffer.
 */

export interface TimedValue {
  atMs: number;
  value: number;
}

/** Samples kept per tracked process and rule: the window's resolution. */
export const MAX_LEAK_SAMPLES = 120;
/** A window shorter than this is stretched to it: a slope over a few seconds is noise, not a leak. */
export const MIN_LEAK_WINDOW_MS = 60_000;
/** Share of the window the samples must span before the slope counts. */
export const LEAK_COVERAGE = 0.9;

/** The slope of the least-squares line through the samples, in value units per minute; null with fewer than two distinct times. */
export function leastSquaresSlopePerMin(samples: readonly TimedValue[]): number | null {
  const n = samples.length;
  if (n < 2) return null;
  // Relative to the first sample, so that epoch milliseconds and gigabytes don't swamp the differences.
  const x0 = (samples[0] as TimedValue).atMs;
  const y0 = (samples[0] as TimedValue).value;
  let sumX = 0;
  let sumY = 0;
  for (const s of samples) {
    sumX += s.atMs - x0;
    sumY += s.value - y0;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let sxy = 0;
  for (const s of samples) {
    const dx = s.atMs - x0 - meanX;
    sxx += dx * dx;
    sxy += dx * (s.value - y0 - meanY);
  }
  return sxx === 0 ? null : (sxy / sxx) * 60_000;
}

/** One process's memory over one rule's window. */
export class LeakWindow {
  private readonly samples: TimedValue[] = [];
  private readonly windowMs: number;
  private readonly spacingMs: number;
  private slope: number | null = null;
  private isSlopeStale = false;

  /** `windowMs`: the rule's `forSeconds` in ms (at least `MIN_LEAK_WINDOW_MS`). */
  constructor(windowMs: number) {
    this.windowMs = Math.max(windowMs, MIN_LEAK_WINDOW_MS);
    this.spacingMs = this.windowMs / MAX_LEAK_SAMPLES;
  }

  /** Adds a sample (kept when at least the spacing after the last kept one) and drops what fell out of the window. */
  add(atMs: number, value: number): void {
    const last = this.samples.at(-1);
    if (last && atMs < last.atMs) this.samples.length = 0; // time went back: start afresh
    if (this.samples.length === 0 || atMs - (last as TimedValue).atMs >= this.spacingMs) {
      this.samples.push({ atMs, value });
      this.isSlopeStale = true;
    }
    let old = 0;
    while (old < this.samples.length && (this.samples[old] as TimedValue).atMs < atMs - this.windowMs) old++;
    if (old > 0) {
      this.samples.splice(0, old);
      this.isSlopeStale = true;
    }
  }

  /** The growth in bytes per minute once the samples cover 90 % of the window, else null. */
  slopePerMin(nowMs: number): number | null {
    const first = this.samples[0];
    if (!first || first.atMs > nowMs - LEAK_COVERAGE * this.windowMs) return null;
    if (this.isSlopeStale) {
      this.slope = leastSquaresSlopePerMin(this.samples);
      this.isSlopeStale = false;
    }
    return this.slope;
  }

  get size(): number {
    return this.samples.length;
  }
}
