/**
 * A leak is memory that grows steadily: the slope of a least-squares line through a process's
 * `memoryBytes` over the last window (a rule's `forSeconds`), in bytes per minute. A window counts
 * once samples cover at least 90 % of it; a process keeps about `MAX_LEAK_SAMPLES` samples, one
 * every window ÷ `MAX_LEAK_SAMPLES`, whatever the tick rate. Pure apart from the window's own buffer.
 */

export interface TimedValue {
  atMs: number;
  value: number;
}

/** Samples kept per tracked process and rule: the window's resolution. */
export const MAX_LEAK_SAMPLES = 20;
/** A window shorter than this is stretched to it: a slope over a few seconds is noise, not a leak. */
export const MIN_LEAK_WINDOW_MS = 60_000;
/** Share of the window the samples must span before the slope counts. */
export const LEAK_COVERAGE = 0.9;

/** How far apart a window's samples are: a rule samples each of its processes about this often. */
export function leakSpacingMs(windowMs: number): number {
  return Math.max(windowMs, MIN_LEAK_WINDOW_MS) / MAX_LEAK_SAMPLES;
}

/** A sample closer than this share of the spacing to the last one kept is not kept (ticks jitter; a faster tick rate adds nothing). */
export const LEAK_MIN_GAP = 0.75;
const CAPACITY = Math.ceil(MAX_LEAK_SAMPLES / LEAK_MIN_GAP) + 2;

/**
 * Where in its spacing a process is sampled, as a share of the spacing (0 ≤ phase < 1, spread by
 * pid), so that a rule over 2,000 processes samples a share of them at each tick rather than all of
 * them at one.
 */
export function leakPhase(pid: number): number {
  return (Math.imul(pid, 2654435761) >>> 0) * 2 ** -32;
}

/** The definition: a process of phase `phase` is due at `nowMs`, the rule having sampled last at `previousMs`, when a point `phase` into a spacing passed in between. */
export function isLeakSampleDue(previousMs: number, nowMs: number, phase: number, spacingMs: number): boolean {
  return Math.floor(nowMs / spacingMs + phase) !== Math.floor(previousMs / spacingMs + phase);
}

/**
 * The same, for every process of a tick at once: the phases due between two ticks less than a
 * spacing apart are at most two intervals [lo, hi), so a process costs two comparisons. Returns
 * [lo1, hi1, lo2, hi2].
 */
export function duePhases(previousMs: number, nowMs: number, spacingMs: number): [number, number, number, number] {
  const a = previousMs / spacingMs;
  const fraction = a - Math.floor(a);
  const d = nowMs / spacingMs - a;
  // A point k (a whole number of spacings) passed when a + phase < k ≤ b + phase: k − b ≤ phase < k − a.
  return [1 - fraction - d, 1 - fraction, 2 - fraction - d, 2 - fraction];
}

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

/**
 * One process's memory over one rule's window: a ring of about `MAX_LEAK_SAMPLES` samples in
 * typed arrays with the regression's running sums, so that a rule over every process costs O(1)
 * a process a tick and allocates nothing. The sums are taken relative to an origin (a sample's time
 * in minutes and its value) that moves to the oldest sample each time the ring has turned over,
 * so that they never grow with the process's age.
 */
export class LeakWindow {
  private readonly windowMs: number;
  private readonly spacingMs: number;
  /**
   * Sample i's time at 2i and value at 2i + 1: a sample in one cache line. Memory bound at 2,000
   * processes (each sample touches a window no other has touched since its last), so what a sample
   * reads and writes lies close together.
   */
  private readonly ring = new Float64Array(2 * CAPACITY);
  /** Index of the oldest sample, and how many there are. */
  private head = 0;
  private count = 0;
  /** The newest and the oldest sample's times, beside the sums: a sample that drops nothing reads no other line of the ring. */
  private lastMs = 0;
  private oldestMs = 0;
  private addsSinceRebase = 0;
  private originMs = 0;
  private originValue = 0;
  private sumX = 0;
  private sumY = 0;
  private sumXX = 0;
  private sumXY = 0;

  /** `windowMs`: the rule's `forSeconds` in ms (at least `MIN_LEAK_WINDOW_MS`). */
  constructor(windowMs: number) {
    this.windowMs = Math.max(windowMs, MIN_LEAK_WINDOW_MS);
    this.spacingMs = leakSpacingMs(windowMs);
  }

  /** Adds a sample (kept when at least the spacing after the last kept one) and drops what fell out of the window. */
  add(atMs: number, value: number): void {
    const capacity = CAPACITY;
    if (this.count > 0) {
      if (atMs < this.lastMs) this.reset(); // time went back: start afresh
      else if (atMs - this.lastMs < LEAK_MIN_GAP * this.spacingMs) return this.dropOlderThan(atMs - this.windowMs);
    }
    if (this.count === 0) {
      this.originMs = atMs;
      this.originValue = value;
      this.oldestMs = atMs;
    }
    if (this.count === capacity) this.dropOldest();
    const at = (this.head + this.count) % capacity;
    this.ring[2 * at] = atMs;
    this.ring[2 * at + 1] = value;
    this.lastMs = atMs;
    this.count++;
    this.include(atMs, value, 1);
    this.dropOlderThan(atMs - this.windowMs);
    if (++this.addsSinceRebase >= capacity) this.rebase();
  }

  /** The growth in bytes per minute once the samples cover 90 % of the window, else null. */
  slopePerMin(nowMs: number): number | null {
    if (this.count < 2 || this.oldestMs > nowMs - LEAK_COVERAGE * this.windowMs) return null;
    const n = this.count;
    const sxx = this.sumXX - (this.sumX * this.sumX) / n;
    return sxx <= 0 ? null : (this.sumXY - (this.sumX * this.sumY) / n) / sxx;
  }

  get size(): number {
    return this.count;
  }

  /** Adds (sign 1) or removes (sign −1) a sample's terms; x in minutes since the origin. */
  private include(atMs: number, value: number, sign: 1 | -1): void {
    const x = (atMs - this.originMs) / 60_000;
    const y = value - this.originValue;
    this.sumX += sign * x;
    this.sumY += sign * y;
    this.sumXX += sign * x * x;
    this.sumXY += sign * x * y;
  }

  private dropOldest(): void {
    this.include(this.ring[2 * this.head] as number, this.ring[2 * this.head + 1] as number, -1);
    this.head = (this.head + 1) % CAPACITY;
    this.count--;
    this.oldestMs = this.ring[2 * this.head] as number;
  }

  private dropOlderThan(sinceMs: number): void {
    while (this.count > 0 && this.oldestMs < sinceMs) this.dropOldest();
  }

  /** The origin to the oldest sample and the sums afresh: what running sums lose to rounding is never carried further. */
  private rebase(): void {
    this.addsSinceRebase = 0;
    this.originMs = this.ring[2 * this.head] as number;
    this.originValue = this.ring[2 * this.head + 1] as number;
    this.sumX = this.sumY = this.sumXX = this.sumXY = 0;
    for (let i = 0; i < this.count; i++) {
      const at = (this.head + i) % CAPACITY;
      this.include(this.ring[2 * at] as number, this.ring[2 * at + 1] as number, 1);
    }
  }

  private reset(): void {
    this.head = this.count = this.addsSinceRebase = 0;
    this.sumX = this.sumY = this.sumXX = this.sumXY = 0;
  }
}
