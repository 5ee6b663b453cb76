import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { FIXTURE_TIME_MS } from '../../src-shared/testing/fixtures.ts';
import { cpuTimes, rawSample } from '../test-support/raw-fixtures.ts';
import { clampInterval, Collector } from './collector.ts';
import type { PlatformSampler, RawSample } from './platform/platform.ts';
import type { ErrorData } from './protocol.ts';

function rawAt(ms: number): RawSample {
  return rawSample({
    monotonicMs: ms,
    takenAtMs: FIXTURE_TIME_MS + ms,
    cpu: { total: cpuTimes({ user: ms / 10, idle: ms / 10 }), perCore: [cpuTimes()], model: null, speedMhz: null, uptimeSec: ms / 1000 },
  });
}

/** A platform whose samples follow a fake clock, and that fails when told to. */
function fakePlatform(clock: { ms: number }, failing: Set<number>): PlatformSampler & { closed: boolean } {
  let calls = 0;
  return {
    closed: false,
    sample() {
      calls += 1;
      if (failing.has(calls)) throw Object.assign(new Error('EIO reading /proc/stat'), { code: 'EIO' });
      return rawAt(clock.ms);
    },
    close() {
      this.closed = true;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Collector', () => {
  it('primes at start, so the first snapshot comes one interval later with rates already computed', () => {
    vi.useFakeTimers();
    const clock = { ms: 0 };
    const snapshots: Snapshot[] = [];
    const collector = new Collector({
      intervalMs: 1000,
      platform: fakePlatform(clock, new Set()),
      onSnapshot: (s) => snapshots.push(s),
      onSampleFailed: () => undefined,
    });
    collector.start();
    expect(snapshots).toHaveLength(0);
    clock.ms = 1000;
    vi.advanceTimersByTime(1000);
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]?.seq).toBe(1);
    expect(snapshots[0]?.intervalMs).toBe(1000);
    expect(snapshots[0]?.cpu.totalPercent).toBe(50);
    collector.stop();
  });

  it('reports a failed sample as an event and keeps going', () => {
    vi.useFakeTimers();
    const clock = { ms: 0 };
    const failures: ErrorData[] = [];
    const snapshots: Snapshot[] = [];
    const platform = fakePlatform(clock, new Set([2]));
    const collector = new Collector({
      intervalMs: 500,
      platform,
      onSnapshot: (s) => snapshots.push(s),
      onSampleFailed: (e) => failures.push(e),
    });
    collector.start();
    for (let i = 1; i <= 3; i++) {
      clock.ms = i * 500;
      vi.advanceTimersByTime(500);
    }
    expect(failures).toEqual([{ name: 'Error', message: 'EIO reading /proc/stat', code: 'EIO' }]);
    expect(snapshots.map((s) => s.seq)).toEqual([1, 2]);
    // The snapshot after the failure spans the gap: its interval is measured, not assumed.
    expect(snapshots[0]?.intervalMs).toBe(1000);
    collector.stop();
    expect(platform.closed).toBe(true);
  });

  it('pauses (no snapshots, no sampling) and re-primes on resume so no rate spans the pause', () => {
    vi.useFakeTimers();
    const clock = { ms: 0 };
    const snapshots: Snapshot[] = [];
    const collector = new Collector({ intervalMs: 1000, platform: fakePlatform(clock, new Set()), onSnapshot: (s) => snapshots.push(s), onSampleFailed: () => undefined });
    collector.start();
    collector.configure({ isPaused: true });
    clock.ms = 10_000;
    vi.advanceTimersByTime(10_000);
    expect(snapshots).toHaveLength(0);
    collector.configure({ isPaused: false });
    clock.ms = 11_000;
    vi.advanceTimersByTime(1000);
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]?.intervalMs).toBe(1000);
    collector.stop();
  });

  it('keeps the interval within 250 ms – 10 s', () => {
    expect(clampInterval(10)).toBe(250);
    expect(clampInterval(60_000)).toBe(10_000);
    expect(clampInterval(999.6)).toBe(1000);
  });
});
