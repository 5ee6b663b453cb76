/**
 * Test support: builders of contract values (snapshots and their parts) for the tests of every
 * layer. Each returns a value that `snapshotSchema` / `processRowSchema` accept, with every figure
 * the OS might not have left null; a test overrides only the fields it is about.
 *
 * Pure TypeScript over the contract's types, like the rest of src-shared: no Node, no DOM.
 */
import type { Rule } from '../alerts.ts';
import type { CpuFigures, MemoryFigures, ProcessRow, Snapshot } from '../snapshot.ts';

/** The wall clock of the fixtures (ms since the epoch): 2023-11-14T22:13:20Z. */
export const FIXTURE_TIME_MS = 1_700_000_000_000;

/**
 * A process row: pid 1000, a child of pid 1, started at `FIXTURE_TIME_MS`, sleeping, every figure
 * unknown (null). `name` defaults to `p<pid>`.
 */
export function processRow(overrides: Partial<ProcessRow> = {}): ProcessRow {
  const pid = overrides.pid ?? 1000;
  return {
    pid,
    ppid: 1,
    name: `p${pid}`,
    startTimeMs: FIXTURE_TIME_MS,
    user: null,
    state: 'sleeping',
    cpuPercent: null,
    memoryBytes: null,
    residentBytes: null,
    commitBytes: null,
    threads: null,
    handles: null,
    ioReadBytesPerSec: null,
    ioWriteBytesPerSec: null,
    netRxBytesPerSec: null,
    netTxBytesPerSec: null,
    gpuPercent: null,
    gpuMemoryBytes: null,
    priority: null,
    isEfficiencyMode: null,
    commandLine: null,
    exePath: null,
    description: null,
    publisher: null,
    services: null,
    ...overrides,
  };
}

/** Memory of an 8 GB machine, 2 GB of it used; the figures not every OS has are null. */
export function memoryFigures(overrides: Partial<MemoryFigures> = {}): MemoryFigures {
  return {
    totalBytes: 8_000_000_000,
    usedBytes: 2_000_000_000,
    availableBytes: 6_000_000_000,
    cachedBytes: null,
    swapTotalBytes: null,
    swapUsedBytes: null,
    commitBytes: null,
    commitLimitBytes: null,
    modifiedBytes: null,
    standbyBytes: null,
    freeBytes: null,
    compressedBytes: null,
    pagedPoolBytes: null,
    nonPagedPoolBytes: null,
    ...overrides,
  };
}

/** One logical core, no percentage known yet (a first sample), no model or speed. */
export function cpuFigures(overrides: Partial<CpuFigures> = {}): CpuFigures {
  return {
    totalPercent: null,
    kernelPercent: null,
    perCorePercent: [null],
    logicalCores: 1,
    model: null,
    speedMhz: null,
    uptimeSec: 0,
    ...overrides,
  };
}

/**
 * A snapshot: seq 1 at `FIXTURE_TIME_MS`, a 1 s interval, `cpuFigures()` and `memoryFigures()`,
 * no devices, no processes and no apps. `totals` defaults to counting the given `processes`, one
 * thread each, handles unknown.
 */
export function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  const processes = overrides.processes ?? [];
  return {
    seq: 1,
    takenAtMs: FIXTURE_TIME_MS,
    intervalMs: 1000,
    self: { cpuPercent: null, memoryBytes: null },
    cpu: cpuFigures(),
    memory: memoryFigures(),
    disks: [],
    volumes: [],
    network: [],
    gpus: [],
    totals: { processes: processes.length, threads: processes.length, handles: null },
    processes,
    apps: [],
    ...overrides,
  };
}

/**
 * A rule with every default applied, as main's parser gives it: `r`, "CPU hog", any process above
 * 40 % CPU for 3 s, no actions, unarmed. A test overrides only the fields it is about.
 */
export function ruleFixture(overrides: Partial<Rule> = {}): Rule {
  return {
    id: 'r',
    name: 'CPU hog',
    scope: 'process',
    metric: 'cpuPercent',
    above: 40,
    forSeconds: 3,
    clearSeconds: 10,
    maxPerHour: 6,
    actions: [],
    armed: false,
    enabled: true,
    anyUser: false,
    ...overrides,
  };
}
