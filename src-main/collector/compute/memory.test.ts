import { describe, expect, it } from 'vitest';
import { memoryFromMeminfo, memoryFromWindows, privateResidentBytes } from './memory.ts';

const KIB = 1024;

/** `/proc/meminfo` lines as the kernel writes them (kB), turned into the bytes map parseMeminfo gives. */
function meminfo(kB: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(kB).map(([key, value]) => [key, value * KIB]));
}

/** A 16 GiB desktop with swap in use (recorded, trimmed to the keys that matter). */
const desktop = {
  MemTotal: 16_303_428,
  MemFree: 1_204_880,
  MemAvailable: 9_876_544,
  Buffers: 412_340,
  Cached: 7_654_320,
  SwapCached: 10_240,
  SReclaimable: 523_456,
  SwapTotal: 2_097_148,
  SwapFree: 1_835_004,
  CommitLimit: 10_248_860,
  Committed_AS: 14_567_890,
};

describe('memoryFromMeminfo', () => {
  it('a desktop with swap: used = total − available, cached = Buffers + Cached + SReclaimable', () => {
    expect(memoryFromMeminfo(meminfo(desktop))).toEqual({
      totalBytes: 16_303_428 * KIB,
      usedBytes: (16_303_428 - 9_876_544) * KIB,
      availableBytes: 9_876_544 * KIB,
      cachedBytes: (412_340 + 7_654_320 + 523_456) * KIB,
      swapTotalBytes: 2_097_148 * KIB,
      swapUsedBytes: (2_097_148 - 1_835_004) * KIB,
      // Overcommitted: commit can exceed its limit, and that is shown as it is.
      commitBytes: 14_567_890 * KIB,
      commitLimitBytes: 10_248_860 * KIB, modifiedBytes: null, standbyBytes: null, freeBytes: null, compressedBytes: null, pagedPoolBytes: null, nonPagedPoolBytes: null
    });
  });

  it('a kernel before 3.14 (no MemAvailable) estimates available as MemFree + Buffers + Cached', () => {
    const { MemAvailable: _dropped, ...old } = desktop;
    const figures = memoryFromMeminfo(meminfo(old));
    expect(figures.availableBytes).toBe((1_204_880 + 412_340 + 7_654_320) * KIB);
    expect(figures.usedBytes).toBe((16_303_428 - 1_204_880 - 412_340 - 7_654_320) * KIB);
  });

  it('a kernel before 2.6.19 (no SReclaimable) counts Buffers + Cached', () => {
    const { SReclaimable: _dropped, ...old } = desktop;
    expect(memoryFromMeminfo(meminfo(old)).cachedBytes).toBe((412_340 + 7_654_320) * KIB);
  });

  it('a machine with no swap device reads 0 of 0 (recorded from this machine)', () => {
    const figures = memoryFromMeminfo(
      meminfo({
        MemTotal: 24_683_656,
        MemFree: 24_292_708,
        MemAvailable: 24_331_648,
        Buffers: 17_648,
        Cached: 193_580,
        SReclaimable: 95_820,
        SwapTotal: 0,
        SwapFree: 0,
        CommitLimit: 12_341_828,
        Committed_AS: 123_456,
      }),
    );
    expect(figures.usedBytes).toBe((24_683_656 - 24_331_648) * KIB);
    expect(figures.cachedBytes).toBe((17_648 + 193_580 + 95_820) * KIB);
    expect(figures.swapTotalBytes).toBe(0);
    expect(figures.swapUsedBytes).toBe(0);
  });

  it.each([
    { name: 'no swap lines at all', drop: ['SwapTotal', 'SwapFree'], field: 'swapUsedBytes' as const },
    { name: 'SwapFree missing', drop: ['SwapFree'], field: 'swapUsedBytes' as const },
    { name: 'no Buffers line', drop: ['Buffers'], field: 'cachedBytes' as const },
    { name: 'no Cached line', drop: ['Cached'], field: 'cachedBytes' as const },
    { name: 'no Committed_AS line', drop: ['Committed_AS'], field: 'commitBytes' as const },
    { name: 'no CommitLimit line', drop: ['CommitLimit'], field: 'commitLimitBytes' as const },
  ])('a missing figure is null, not 0: $name', ({ drop, field }) => {
    const info = meminfo(desktop);
    for (const key of drop) info.delete(key);
    expect(memoryFromMeminfo(info)[field]).toBeNull();
  });

  it('MemAvailable above MemTotal (seen under lxcfs) is clamped, so used is never negative', () => {
    const figures = memoryFromMeminfo(meminfo({ ...desktop, MemAvailable: 16_400_000 }));
    expect(figures.availableBytes).toBe(16_303_428 * KIB);
    expect(figures.usedBytes).toBe(0);
  });

  it('SwapFree above SwapTotal (swapoff racing the read) gives 0 used, not a negative', () => {
    expect(memoryFromMeminfo(meminfo({ ...desktop, SwapFree: 2_097_152 })).swapUsedBytes).toBe(0);
  });
});

describe('privateResidentBytes', () => {
  it.each([
    { name: 'statm "730 418 390 5 0 89 0" with 4 KiB pages', resident: 418, shared: 390, page: 4096, expected: 28 * 4096 },
    { name: 'a node process', resident: 46_474, shared: 12_003, page: 4096, expected: 34_471 * 4096 },
    { name: '16 KiB pages (Apple silicon Linux)', resident: 1000, shared: 200, page: 16_384, expected: 800 * 16_384 },
    { name: 'all resident pages shared', resident: 390, shared: 390, page: 4096, expected: 0 },
    { name: 'shared read above resident (two reads racing) is 0, not negative', resident: 380, shared: 390, page: 4096, expected: 0 },
    { name: 'a zombie has no pages', resident: 0, shared: 0, page: 4096, expected: 0 },
  ])('$name', ({ resident, shared, page, expected }) => {
    expect(privateResidentBytes(resident, shared, page)).toBe(expected);
  });
});

describe('memoryFromMeminfo on a text that is not a meminfo', () => {
  it('fails the sample instead of reporting zeros as figures', () => {
    expect(() => memoryFromMeminfo(new Map([['MemFree', 1024]]))).toThrow(/MemTotal/);
    expect(() => memoryFromMeminfo(new Map())).toThrow(/MemTotal/);
  });
});

describe('memoryFromWindows', () => {
  const GiB = 2 ** 30;
  const counters = {
    totalPhysBytes: 16 * GiB,
    availablePhysBytes: 9 * GiB,
    commitTotalPages: 2_500_000,
    commitLimitPages: 6_000_000,
    pageBytes: 4096,
    standbyAndModifiedBytes: 7 * GiB,
  };

  it('used = total − available; cached = standby + modified; commit in bytes; no swap figure', () => {
    expect(memoryFromWindows(counters)).toEqual({
      totalBytes: 16 * GiB,
      usedBytes: 7 * GiB,
      availableBytes: 9 * GiB,
      cachedBytes: 7 * GiB,
      swapTotalBytes: null,
      swapUsedBytes: null,
      commitBytes: 2_500_000 * 4096,
      commitLimitBytes: 6_000_000 * 4096, modifiedBytes: null, standbyBytes: null, freeBytes: null, compressedBytes: null, pagedPoolBytes: null, nonPagedPoolBytes: null
    });
  });

  it('cached is null (never 0) when the PDH memory counters could not be read', () => {
    expect(memoryFromWindows({ ...counters, standbyAndModifiedBytes: null }).cachedBytes).toBeNull();
  });

  it('available above total (two reads racing) is clamped, so used is never negative', () => {
    expect(memoryFromWindows({ ...counters, availablePhysBytes: 17 * GiB })).toMatchObject({ availableBytes: 16 * GiB, usedBytes: 0 });
  });
});
