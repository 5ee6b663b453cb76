import { describe, expect, it } from 'vitest';
import { filetimeToEpochMs, startTimeMsFromFiletime, startTimeMsFromTicks, ticksToMs } from './start-time.ts';

/** `btime 1795321798` from /proc/stat, in ms. */
const BOOT_MS = 1_795_321_798_000;

describe('startTimeMsFromTicks', () => {
  it.each([
    { name: 'pid 1 started 14 ticks after boot', ticks: 14, hz: 100, expected: BOOT_MS + 140 },
    { name: '`cat` started at tick 114471', ticks: 114_471, hz: 100, expected: BOOT_MS + 1_144_710 },
    { name: 'a fraction of a ms is floored (HZ 300)', ticks: 1, hz: 300, expected: BOOT_MS + 3 },
    { name: 'HZ 1024 (Alpha)', ticks: 1_000, hz: 1024, expected: BOOT_MS + 976 },
    { name: 'at boot', ticks: 0, hz: 100, expected: BOOT_MS },
  ])('$name', ({ ticks, hz, expected }) => {
    const value = startTimeMsFromTicks(BOOT_MS, ticks, hz);
    expect(value).toBe(expected);
    expect(Number.isInteger(value)).toBe(true);
  });

  it('gives the very same number for the same process every time (identity)', () => {
    const readings = Array.from({ length: 5 }, () => startTimeMsFromTicks(BOOT_MS, 123_533, 100));
    expect(new Set(readings).size).toBe(1);
  });

  it('two processes started one tick apart get different identities', () => {
    expect(startTimeMsFromTicks(BOOT_MS, 119_399, 100)).not.toBe(startTimeMsFromTicks(BOOT_MS, 119_400, 100));
  });
});

describe('ticksToMs', () => {
  it.each([
    { ticks: 0, hz: 100, expected: 0 },
    { ticks: 63 + 14, hz: 100, expected: 770 },
    { ticks: 250, hz: 100, expected: 2500 },
    { ticks: 1, hz: 250, expected: 4 },
    { ticks: 1, hz: 300, expected: 1000 / 300 },
  ])('$ticks ticks at HZ $hz → $expected ms', ({ ticks, hz, expected }) => {
    expect(ticksToMs(ticks, hz)).toBeCloseTo(expected, 10);
  });
});

describe('startTimeMsFromFiletime (Windows CreateTime)', () => {
  const BOOT = 1_795_321_798_000;
  it.each([
    // 2026-11-22T12:00:00.123Z = 1795348800123 ms; as FILETIME: (ms + 11644473600000) × 10⁴, + 4567 (100 ns).
    { name: 'a process start, sub-ms part floored', createTime: (1_795_348_800_123n + 11_644_473_600_000n) * 10_000n + 4567n, expected: 1_795_348_800_123 },
    { name: 'exactly on a ms', createTime: (1_795_348_800_123n + 11_644_473_600_000n) * 10_000n, expected: 1_795_348_800_123 },
    { name: 'the Unix epoch', createTime: 116_444_736_000_000_000n, expected: 0 },
    { name: 'no CreateTime (System, Idle): the boot time', createTime: 0n, expected: BOOT },
    { name: 'a CreateTime before 1970 (nonsense): the boot time', createTime: 1_000n, expected: BOOT },
  ])('$name', ({ createTime, expected }) => {
    const value = startTimeMsFromFiletime(createTime, BOOT);
    expect(value).toBe(expected);
    expect(Number.isInteger(value)).toBe(true);
  });

  it('is exact where float arithmetic would not be: two CreateTimes 100 ns apart across a ms boundary', () => {
    const atBoundary = (1_795_348_800_124n + 11_644_473_600_000n) * 10_000n;
    expect(startTimeMsFromFiletime(atBoundary - 1n, BOOT)).toBe(1_795_348_800_123);
    expect(startTimeMsFromFiletime(atBoundary, BOOT)).toBe(1_795_348_800_124);
  });

  it('filetimeToEpochMs is null before 1970', () => {
    expect(filetimeToEpochMs(0n)).toBeNull();
    expect(filetimeToEpochMs(116_444_736_000_000_000n + 10_000n)).toBe(1);
  });
});
