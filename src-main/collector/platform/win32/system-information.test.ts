import { describe, expect, it } from 'vitest';
import {
  parseMemoryStatus,
  parsePerformanceInformation,
  parseProcessorPerformance,
  parseTimeOfDay,
  uptimeSecFromTimeOfDay,
} from './system-information.ts';
import { buildMemoryStatus, buildPerformanceInformation, buildProcessorPerformance, buildTimeOfDay } from './win32-fixtures.ts';

describe('parseProcessorPerformance', () => {
  const cores = [
    { idle: 8_000_000_000, kernel: 9_500_000_000, user: 3_000_000_000, dpc: 10_000, interrupt: 20_000 },
    { idle: 7_000_000_000, kernel: 9_000_000_000, user: 4_000_000_000 },
    // 64-bit counters past 2^32 × 100 ns (7 minutes): a machine up for months.
    { idle: 2 ** 45, kernel: 2 ** 45 + 12_345, user: 2 ** 33 },
  ];
  const bytes = buildProcessorPerformance(cores);

  it('reads idle, kernel and user of each 0x30-byte entry', () => {
    expect(parseProcessorPerformance(bytes, bytes.length)).toEqual(cores.map(({ idle, kernel, user }) => ({ idle, kernel, user })));
  });

  it('counts only whole entries of what the call returned', () => {
    expect(parseProcessorPerformance(bytes, 0x30 * 2 + 7)).toHaveLength(2);
    expect(parseProcessorPerformance(bytes, 0)).toEqual([]);
  });
});

describe('SYSTEM_TIMEOFDAY_INFORMATION', () => {
  const boot = 133_700_000_000_000_000n;
  it('gives the boot time and the uptime', () => {
    const t = parseTimeOfDay(buildTimeOfDay(boot, boot + 36_000_005_000_000n), 0x20);
    expect(t.bootTime).toBe(boot);
    expect(uptimeSecFromTimeOfDay(t)).toBeCloseTo(3_600_000.5, 6);
  });

  it('uptime is null when the clock reads before boot or there is no boot time', () => {
    expect(uptimeSecFromTimeOfDay({ bootTime: boot, currentTime: boot - 1n })).toBeNull();
    expect(uptimeSecFromTimeOfDay({ bootTime: 0n, currentTime: boot })).toBeNull();
  });

  it('refuses a short buffer instead of reading past it', () => {
    expect(() => parseTimeOfDay(buildTimeOfDay(boot, boot), 8)).toThrow(RangeError);
  });
});

describe('MEMORYSTATUSEX and PERFORMANCE_INFORMATION', () => {
  it('reads total and available physical memory (64-bit)', () => {
    expect(parseMemoryStatus(buildMemoryStatus(64 * 2 ** 30, 40 * 2 ** 30 + 4096))).toEqual({
      totalPhysBytes: 64 * 2 ** 30,
      availablePhysBytes: 40 * 2 ** 30 + 4096,
    });
  });

  it('reads commit, the kernel pools, page size and the system counts at their offsets', () => {
    const info = {
      commitTotalPages: 3_100_000,
      commitLimitPages: 8_200_000,
      kernelPagedPages: 71_234,
      kernelNonpagedPages: 40_321,
      pageBytes: 4096,
      handleCount: 98_765,
      processCount: 321,
      threadCount: 4_567,
    };
    expect(parsePerformanceInformation(buildPerformanceInformation(info))).toEqual(info);
  });
});
