import { describe, expect, it } from 'vitest';
import { parseMeminfo } from '../platform/linux/proc-parse.ts';
import { memoryFromMeminfo, memoryFromWindows, privateResidentBytes, type WindowsMemoryCounters } from './memory.ts';

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
  Dirty: 18_432,
  Writeback: 1_024,
  Shmem: 612_300,
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
      commitLimitBytes: 10_248_860 * KIB,
      modifiedBytes: (18_432 + 1_024) * KIB,
      standbyBytes: (412_340 + 7_654_320 + 523_456 - 612_300 - 18_432 - 1_024) * KIB,
      freeBytes: 1_204_880 * KIB,
      // Linux has neither a compression store of Windows' kind nor kernel pools.
      compressedBytes: null,
      pagedPoolBytes: null,
      nonPagedPoolBytes: null,
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

/** `/proc/meminfo` texts as the kernel writes them, trimmed to the lines the composition reads. */
const MEMINFO_THIS_VM = `MemTotal:       24683748 kB
MemFree:        23673884 kB
MemAvailable:   24160312 kB
Buffers:            8616 kB
Cached:           608168 kB
SwapCached:            0 kB
Dirty:              5536 kB
Writeback:             0 kB
Shmem:             10152 kB
SReclaimable:     190116 kB
`;
// A desktop with a 3 GiB tmpfs build directory: Shmem is most of Cached, and it is not standby.
const MEMINFO_TMPFS_BUILD = `MemTotal:       16303428 kB
MemFree:         2104880 kB
MemAvailable:    5112000 kB
Buffers:          212340 kB
Cached:          6954320 kB
Dirty:              9120 kB
Writeback:             0 kB
Shmem:           3145728 kB
SReclaimable:     423456 kB
`;
// During `dd if=/dev/zero of=big bs=1M count=4096`: 1.5 GiB dirty, 200 MiB being written.
const MEMINFO_WRITE_BURST = `MemTotal:        8052712 kB
MemFree:          312400 kB
MemAvailable:    5912000 kB
Buffers:          104220 kB
Cached:          6120340 kB
Dirty:           1572864 kB
Writeback:        204800 kB
Shmem:             88200 kB
SReclaimable:     201000 kB
`;
// Lines read at different instants while tmpfs grew: Shmem + Dirty read past Buffers + Cached + SReclaimable.
const MEMINFO_RACING = `MemTotal:        4000000 kB
MemFree:         1000000 kB
Buffers:           10000 kB
Cached:          1500000 kB
Dirty:            100000 kB
Writeback:             0 kB
Shmem:           1500000 kB
SReclaimable:      20000 kB
`;

describe('memoryFromMeminfo: the composition bar (in use, modified, standby, free)', () => {
  it.each([
    {
      name: 'this VM: almost all free, a little dirty page cache',
      text: MEMINFO_THIS_VM,
      modified: 5536,
      standby: 8616 + 608_168 + 190_116 - 10_152 - 5536,
      free: 23_673_884,
    },
    {
      name: 'a tmpfs build directory: Shmem stays in use, out of standby',
      text: MEMINFO_TMPFS_BUILD,
      modified: 9120,
      standby: 212_340 + 6_954_320 + 423_456 - 3_145_728 - 9120,
      free: 2_104_880,
    },
    {
      name: 'a write burst: dirty and writeback pages are modified, not standby',
      text: MEMINFO_WRITE_BURST,
      modified: 1_572_864 + 204_800,
      standby: 104_220 + 6_120_340 + 201_000 - 88_200 - 1_572_864 - 204_800,
      free: 312_400,
    },
    { name: 'lines racing (Shmem + Dirty past the page cache): standby 0, never negative', text: MEMINFO_RACING, modified: 100_000, standby: 0, free: 1_000_000 },
  ])('$name', ({ text, modified, standby, free }) => {
    const figures = memoryFromMeminfo(parseMeminfo(text));
    expect(figures.modifiedBytes).toBe(modified * KIB);
    expect(figures.standbyBytes).toBe(standby * KIB);
    expect(figures.freeBytes).toBe(free * KIB);
    const inUse = figures.totalBytes - modified * KIB - standby * KIB - free * KIB;
    expect(inUse).toBeGreaterThanOrEqual(0);
    // The page cache splits exactly into standby, modified and Shmem (when nothing had to be clamped).
    if (standby > 0) expect(figures.cachedBytes).toBe(figures.standbyBytes! + figures.modifiedBytes! + parseMeminfo(text).get('Shmem')!);
  });

  it('segments that would pass the total (free and the cache read at different instants) are cut to fit', () => {
    const figures = memoryFromMeminfo(meminfo({ MemTotal: 1_000_000, MemFree: 900_000, Buffers: 0, Cached: 300_000, SReclaimable: 0, Shmem: 0, Dirty: 50_000, Writeback: 0 }));
    expect(figures.modifiedBytes).toBe(50_000 * KIB);
    expect(figures.standbyBytes).toBe(50_000 * KIB);
    expect(figures.modifiedBytes! + figures.standbyBytes! + figures.freeBytes!).toBe(figures.totalBytes);
  });

  it.each([
    { name: 'a kernel before 2.6.32 (no Shmem): standby unknown, modified known', drop: 'Shmem', modified: true, standby: false },
    { name: 'no Writeback line: modified and standby unknown', drop: 'Writeback', modified: false, standby: false },
    { name: 'no Dirty line: modified and standby unknown', drop: 'Dirty', modified: false, standby: false },
    { name: 'no SReclaimable line: standby unknown', drop: 'SReclaimable', modified: true, standby: false },
  ])('a missing line is null, not 0: $name', ({ drop, modified, standby }) => {
    const info = parseMeminfo(MEMINFO_WRITE_BURST);
    info.delete(drop);
    const figures = memoryFromMeminfo(info);
    expect(figures.modifiedBytes === null).toBe(!modified);
    expect(figures.standbyBytes === null).toBe(!standby);
    expect(figures.freeBytes).toBe(312_400 * KIB);
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
  const counters: WindowsMemoryCounters = {
    totalPhysBytes: 16 * GiB,
    availablePhysBytes: 9 * GiB,
    commitTotalPages: 2_500_000,
    commitLimitPages: 6_000_000,
    kernelPagedPages: 71_234,
    kernelNonpagedPages: 40_321,
    pageBytes: 4096,
    standbyBytes: 6.5 * GiB,
    modifiedBytes: 0.5 * GiB,
    freeAndZeroBytes: 2.5 * GiB,
  };

  it('used = total − available; cached = standby + modified; the page lists; pools and commit in bytes; no swap figure', () => {
    expect(memoryFromWindows(counters)).toEqual({
      totalBytes: 16 * GiB,
      usedBytes: 7 * GiB,
      availableBytes: 9 * GiB,
      cachedBytes: 7 * GiB,
      swapTotalBytes: null,
      swapUsedBytes: null,
      commitBytes: 2_500_000 * 4096,
      commitLimitBytes: 6_000_000 * 4096,
      modifiedBytes: 0.5 * GiB,
      standbyBytes: 6.5 * GiB,
      freeBytes: 2.5 * GiB,
      // No public source for the compression store's size.
      compressedBytes: null,
      pagedPoolBytes: 71_234 * 4096,
      nonPagedPoolBytes: 40_321 * 4096,
    });
  });

  it.each([
    { name: 'standby unknown', change: { standbyBytes: null } },
    { name: 'modified unknown', change: { modifiedBytes: null } },
  ])('cached is null (never 0) when a PDH list could not be read: $name', ({ change }) => {
    const figures = memoryFromWindows({ ...counters, ...change });
    expect(figures.cachedBytes).toBeNull();
    expect(figures.freeBytes).toBe(2.5 * GiB);
  });

  it('no pools from a source that fills none (Wine writes 0 pages): null, not 0', () => {
    expect(memoryFromWindows({ ...counters, kernelPagedPages: 0, kernelNonpagedPages: 0 })).toMatchObject({ pagedPoolBytes: null, nonPagedPoolBytes: null });
  });

  it('available above total (two reads racing) is clamped, so used is never negative', () => {
    expect(memoryFromWindows({ ...counters, availablePhysBytes: 17 * GiB })).toMatchObject({ availableBytes: 16 * GiB, usedBytes: 0 });
  });
});
