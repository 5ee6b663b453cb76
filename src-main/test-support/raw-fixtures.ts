/**
 * Test support: builders of what a platform adapter gives the collector (`RawSample` and its
 * parts), the raw side of `src-shared/testing/fixtures.ts`. Counters start at zero, the figures
 * the OS might not have are null; a test overrides only the fields it is about.
 */
import { FIXTURE_TIME_MS, memoryFigures } from '../../src-shared/testing/fixtures.ts';
import type { CpuTimes } from '../collector/compute/cpu-percent.ts';
import type { RawProcess, RawSample } from '../collector/platform/platform.ts';

/** CPU time counters, all zero. */
export function cpuTimes(overrides: Partial<CpuTimes> = {}): CpuTimes {
  return { user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, steal: 0, ...overrides };
}

/**
 * A process as read: pid 1000, a child of pid 1, started at `FIXTURE_TIME_MS`, sleeping, no CPU
 * time used, every other figure unknown (null), no grouping hints. `name` defaults to `p<pid>`.
 */
export function rawProcess(overrides: Partial<RawProcess> = {}): RawProcess {
  const pid = overrides.pid ?? 1000;
  return {
    pid,
    ppid: 1,
    name: `p${pid}`,
    startTimeMs: FIXTURE_TIME_MS,
    user: null,
    state: 'sleeping',
    cpuTimeMs: 0,
    memoryBytes: null,
    residentBytes: null,
    commitBytes: null,
    threads: null,
    handles: null,
    ioReadBytes: null,
    ioWriteBytes: null,
    netRxBytes: null,
    netTxBytes: null,
    gpuEngineBusyNs: null,
    gpuMemoryBytes: null,
    priority: null,
    isEfficiencyMode: null,
    commandLine: null,
    exePath: null,
    appScope: null,
    cgroupPath: null,
    isKernelThread: false,
    ...overrides,
  };
}

/**
 * A sample at monotonic 0 and `FIXTURE_TIME_MS`: one core with zero counters, `memoryFigures()`,
 * no devices, no processes, handles unknown.
 */
export function rawSample(overrides: Partial<RawSample> = {}): RawSample {
  return {
    monotonicMs: 0,
    takenAtMs: FIXTURE_TIME_MS,
    cpu: { total: cpuTimes(), perCore: [cpuTimes()], model: null, speedMhz: null, uptimeSec: 0 },
    memory: memoryFigures(),
    disks: [],
    network: [],
    gpus: [],
    volumes: [],
    handles: null,
    processes: [],
    ...overrides,
  };
}
