import { describe, expect, it } from 'vitest';
import { duePhases, isLeakSampleDue, LEAK_MIN_GAP, leakPhase, LeakWindow, leastSquaresSlopePerMin, MAX_LEAK_SAMPLES, type TimedValue } from './leak-slope.ts';

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
    expect(window.size).toBeLessThanOrEqual(Math.ceil(MAX_LEAK_SAMPLES / LEAK_MIN_GAP) + 1);
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

describe('LeakWindow against the plain least squares', () => {
  it.each<[string, number, number, (i: number) => number]>([
    ['a leak with noise, 10 min window at 1 Hz over an hour', 600_000, 1000, (i) => 4e9 + i * 300_000 + ((i * 7919) % 1000) * 10_000],
    ['a window of a day at 0.1 Hz over three days', 86_400_000, 10_000, (i) => 8e9 + Math.sin(i / 100) * 1e8 + i * 1000],
    ['a 2 min window at 4 Hz', 120_000, 250, (i) => 1e9 - i * 1000],
  ])('%s', (_, windowMs, stepMs, valueAt) => {
    const window = new LeakWindow(windowMs);
    const kept: TimedValue[] = [];
    const spacing = windowMs / MAX_LEAK_SAMPLES;
    const total = Math.round((3 * Math.max(windowMs, 3_600_000)) / stepMs);
    for (let i = 0; i < total; i++) {
      const atMs = T0 + i * stepMs;
      window.add(atMs, valueAt(i));
      // The same thinning and window, by hand.
      const last = kept.at(-1);
      if (!last || atMs - last.atMs >= LEAK_MIN_GAP * spacing) kept.push({ atMs, value: valueAt(i) });
      while (kept.length > 0 && (kept[0] as TimedValue).atMs < atMs - windowMs) kept.shift();
    }
    const expected = leastSquaresSlopePerMin(kept) ?? NaN;
    expect(window.size).toBe(kept.length);
    expect(Math.abs((window.slopePerMin(T0 + (total - 1) * stepMs) ?? Infinity) - expected)).toBeLessThan(Math.abs(expected) * 1e-6 + 1);
  });
});

describe('staggered leak sampling', () => {
  it('samples each process once a spacing, a share of them at each tick', () => {
    const spacingMs = 20_000;
    const pids = Array.from({ length: 2000 }, (_, i) => 1000 + i);
    const perTick: number[] = [];
    const perProcess = new Map<number, number>();
    for (let s = 1; s <= 200; s++) {
      let due = 0;
      for (const pid of pids) {
        if (!isLeakSampleDue(T0 + (s - 1) * 1000, T0 + s * 1000, leakPhase(pid), spacingMs)) continue;
        due++;
        perProcess.set(pid, (perProcess.get(pid) ?? 0) + 1);
      }
      perTick.push(due);
    }
    // 200 s at 20 s a sample: 10 samples each; about 2,000 ÷ 20 = 100 a tick, never all at once.
    expect(new Set(perProcess.values())).toEqual(new Set([10]));
    expect(Math.max(...perTick)).toBeLessThan(200);
    expect(Math.min(...perTick)).toBeGreaterThan(40);
  });

  it.each<[string, number, number, number]>([
    ['1 s ticks, 20 s spacing', 1000, 1000, 20_000],
    ['irregular ticks', 1337, 997, 6_000],
    ['ticks just under a spacing', 5999, 1, 6_000],
    ['250 ms ticks, 3 s spacing', 250, 250, 3_000],
  ])('the due intervals agree with the definition: %s', (_, stepMs, jitterMs, spacingMs) => {
    let previousMs = T0;
    const disagreements: string[] = [];
    for (let tick = 1; tick < 300; tick++) {
      const nowMs = previousMs + stepMs + ((tick * 7) % 3) * (jitterMs % stepMs) * 0.1;
      const [lo1, hi1, lo2, hi2] = duePhases(previousMs, nowMs, spacingMs);
      for (let pid = 1; pid < 400; pid++) {
        const phase = leakPhase(pid);
        const isDue = (phase >= lo1 && phase < hi1) || (phase >= lo2 && phase < hi2);
        if (isDue !== isLeakSampleDue(previousMs, nowMs, phase, spacingMs)) disagreements.push(`tick ${tick} pid ${pid}`);
      }
      previousMs = nowMs;
    }
    expect(disagreements).toEqual([]);
  });
});
