import { describe, expect, it } from 'vitest';
import { cpuTimes } from '../../test-support/raw-fixtures.ts';
import { cpuTimesFromWindows, processCpuPercent, sumCpuTimes, systemCpuPercent, type CpuTimes } from './cpu-percent.ts';

describe('processCpuPercent', () => {
  it.each([
    { name: 'first sample of a process (no previous reading)', prev: null, next: 1250, intervalMs: 1000, cores: 4, expected: null },
    { name: 'zero interval', prev: 1000, next: 1250, intervalMs: 0, cores: 4, expected: null },
    { name: 'negative interval (clock went backwards)', prev: 1000, next: 1250, intervalMs: -500, cores: 4, expected: null },
    { name: 'NaN interval', prev: 1000, next: 1250, intervalMs: Number.NaN, cores: 4, expected: null },
    { name: 'no logical cores known', prev: 1000, next: 1250, intervalMs: 1000, cores: 0, expected: null },
    { name: 'counter went backwards (another process, or a broken read)', prev: 5000, next: 4990, intervalMs: 1000, cores: 4, expected: null },
    { name: 'idle process reads 0, not null', prev: 5000, next: 5000, intervalMs: 1000, cores: 4, expected: 0 },
    { name: '250 ms of CPU in 1 s on 4 cores', prev: 1000, next: 1250, intervalMs: 1000, cores: 4, expected: 6.25 },
    { name: 'one core flat out on a 2-core machine', prev: 20_000, next: 21_000, intervalMs: 1000, cores: 2, expected: 50 },
    { name: 'every core flat out', prev: 0, next: 2000, intervalMs: 1000, cores: 2, expected: 100 },
    { name: '4 busy threads on 2 cores cannot exceed 100', prev: 0, next: 4000, intervalMs: 1000, cores: 2, expected: 100 },
    { name: 'tick rounding past 100 is capped', prev: 10_000, next: 12_010, intervalMs: 1000, cores: 2, expected: 100 },
    { name: 'a 2-second interval halves the share', prev: 0, next: 500, intervalMs: 2000, cores: 1, expected: 25 },
  ])('$name', ({ prev, next, intervalMs, cores, expected }) => {
    expect(processCpuPercent(prev, next, intervalMs, cores)).toBe(expected);
  });

  it('measures over the real (jittered) interval, not the configured one', () => {
    // 100 ms of CPU time over a tick that took 1013 ms on 8 cores.
    expect(processCpuPercent(3_000, 3_100, 1013, 8)).toBeCloseTo((100 / (1013 * 8)) * 100, 10);
  });
});

const zero = cpuTimes();

/** `cpu  8933 0 3319 215526 361 0 151 14 0 0`, recorded from /proc/stat. */
const recorded: CpuTimes = { user: 8933, nice: 0, system: 3319, idle: 215526, iowait: 361, irq: 0, softirq: 151, steal: 14 };

function plus(base: CpuTimes, delta: Partial<CpuTimes>): CpuTimes {
  const out = { ...base };
  for (const key of Object.keys(delta) as (keyof CpuTimes)[]) out[key] += delta[key] ?? 0;
  return out;
}

describe('systemCpuPercent', () => {
  it.each([
    {
      name: 'every field moving: busy includes nice, irq, softirq and steal; idle includes iowait',
      delta: { user: 60, nice: 0, system: 20, idle: 100, iowait: 10, irq: 0, softirq: 5, steal: 5 },
      total: 45,
      kernel: 12.5,
    },
    { name: 'nice time is busy, not kernel', delta: { nice: 30, idle: 70 }, total: 30, kernel: 0 },
    { name: 'steal (a hypervisor took the CPU) counts as busy', delta: { steal: 50, idle: 50 }, total: 50, kernel: 0 },
    { name: 'iowait counts as idle', delta: { iowait: 100 }, total: 0, kernel: 0 },
    { name: 'irq and softirq count as kernel', delta: { system: 10, irq: 10, softirq: 20, idle: 60 }, total: 40, kernel: 40 },
    { name: 'no idle at all is exactly 100', delta: { user: 150, system: 50 }, total: 100, kernel: 25 },
    { name: 'nothing busy is exactly 0', delta: { idle: 200 }, total: 0, kernel: 0 },
  ])('$name', ({ delta, total, kernel }) => {
    expect(systemCpuPercent(recorded, plus(recorded, delta))).toEqual({ totalPercent: total, kernelPercent: kernel });
  });

  it.each([
    { name: 'first sample (no previous)', prev: null, next: recorded },
    { name: 'a core that was not there before', prev: undefined, next: recorded },
    { name: 'no time passed (identical counters)', prev: recorded, next: recorded },
    { name: 'all counters zero both times', prev: zero, next: zero },
    { name: 'busy counter went backwards (CPU unplugged and back)', prev: recorded, next: plus(recorded, { user: -8000, idle: 100 }) },
    { name: 'idle counter went backwards', prev: recorded, next: plus(recorded, { user: 10, idle: -500 }) },
    { name: 'kernel counter went backwards while user moved on', prev: recorded, next: plus(recorded, { user: 200, system: -100, idle: 50 }) },
    { name: 'everything went backwards (counters reset)', prev: recorded, next: zero },
  ])('null when $name', ({ prev, next }) => {
    expect(systemCpuPercent(prev, next)).toEqual({ totalPercent: null, kernelPercent: null });
  });

  it('reads two real /proc/stat cpu lines a second apart', () => {
    // cpu  8933 0 3319 215526 361 0 151 14 0 0  →  cpu  9041 0 3360 215563 362 0 153 14 0 0
    const next: CpuTimes = { user: 9041, nice: 0, system: 3360, idle: 215563, iowait: 362, irq: 0, softirq: 153, steal: 14 };
    const result = systemCpuPercent(recorded, next);
    // Δbusy = 108 + 41 + 2 = 151; Δidle = 37 + 1 = 38; Δkernel = 41 + 2 = 43.
    expect(result.totalPercent).toBeCloseTo((151 / 189) * 100, 10);
    expect(result.kernelPercent).toBeCloseTo((43 / 189) * 100, 10);
  });
});

describe('cpuTimesFromWindows', () => {
  // Two SystemProcessorPerformanceInformation readings of one core 1 s apart (100-ns units):
  // 0.6 s idle, 0.1 s of non-idle kernel time (kernel includes idle), 0.3 s user.
  const before = { idle: 80_000_000, kernel: 95_000_000, user: 30_000_000 };
  const after = { idle: 86_000_000, kernel: 102_000_000, user: 33_000_000 };

  it('system = kernel − idle, so busy = user + kernel − idle (Task Manager\'s utilisation)', () => {
    expect(cpuTimesFromWindows(after)).toEqual({ user: 33_000_000, nice: 0, system: 16_000_000, idle: 86_000_000, iowait: 0, irq: 0, softirq: 0, steal: 0 });
    const result = systemCpuPercent(cpuTimesFromWindows(before), cpuTimesFromWindows(after));
    expect(result.totalPercent).toBeCloseTo(40, 10);
    expect(result.kernelPercent).toBeCloseTo(10, 10);
  });

  it('kernel below idle (a torn read) gives system 0, not a negative', () => {
    expect(cpuTimesFromWindows({ idle: 10, kernel: 5, user: 1 }).system).toBe(0);
  });

  it('sumCpuTimes adds the cores field by field', () => {
    const total = sumCpuTimes([cpuTimesFromWindows(before), cpuTimesFromWindows(after)]);
    expect(total).toMatchObject({ user: 63_000_000, system: 31_000_000, idle: 166_000_000 });
    expect(sumCpuTimes([])).toMatchObject({ user: 0, system: 0, idle: 0 });
  });
});
