import { describe, expect, it } from 'vitest';
import type { WinProcessEntry } from './process-information.ts';
import {
  currentSpeedMhz,
  disksFromCounters,
  type DiskCounterValues,
  gpuFromCounters,
  type GpuCounterValues,
  interfacesFromCounters,
  rawProcessFromEntry,
  sumOfCounters,
  type ProcessContext,
} from './win32-sample.ts';

const entry: WinProcessEntry = {
  pid: 9524,
  ppid: 6040,
  name: 'Notepad.exe',
  createTime: 133_600_000_012_345_678n,
  cpuTime100ns: 20_312_500n,
  threads: 3,
  suspendedThreads: 0,
  handles: 311,
  sessionId: 1,
  basePriority: 8,
  workingSetBytes: 30_000_000,
  privateWorkingSetBytes: 12_000_000,
  pagefileUsageBytes: 18_000_000,
  privatePageCountBytes: 18_000_000,
  ioReadBytes: 5_000,
  ioWriteBytes: 6_000,
  ioOtherBytes: 7_000,
};

const context: ProcessContext = {
  startTimeMs: 1_715_526_401_234,
  facts: {
    user: 'ada',
    exePath: 'C:\\Windows\\System32\\notepad.exe',
    commandLine: '"C:\\Windows\\System32\\notepad.exe" C:\\notes.txt',
    description: 'Notepad',
    publisher: 'Microsoft Corporation',
    isCritical: false,
  },
  windows: { hasAppWindow: true, isNotResponding: false },
  isShell: false,
  services: [],
  gpu: { percentByPid: new Map([[9524, 12.5]]), dedicatedBytesByPid: new Map([[9524, 64 * 1024 * 1024]]) },
  isWine: false,
};

describe('rawProcessFromEntry', () => {
  it('on Wine: private working set and I/O are unknown (Wine leaves them 0), the priority is Wine’s class enum', () => {
    const onWine = { ...context, isWine: true };
    // Wine's PROCESS_PRIOCLASS_*: 1 idle, 2 normal, 3 high, 4 realtime, 5 below normal, 6 above normal.
    const priorities = [1, 2, 3, 4, 5, 6, 7, 0].map((basePriority) => rawProcessFromEntry({ ...entry, basePriority }, onWine).priority);
    expect(priorities).toEqual(['idle', 'normal', 'high', 'realtime', 'belowNormal', 'aboveNormal', null, null]);
    const row = rawProcessFromEntry({ ...entry, privateWorkingSetBytes: 0, ioReadBytes: 0, ioWriteBytes: 0 }, onWine);
    expect(row).toMatchObject({ memoryBytes: null, ioReadBytes: null, ioWriteBytes: null, residentBytes: 30_000_000, commitBytes: 18_000_000 });
  });

  it('maps every figure to the collector’s raw process (DESIGN.md definitions)', () => {
    expect(rawProcessFromEntry(entry, context)).toEqual({
      pid: 9524,
      ppid: 6040,
      name: 'Notepad.exe',
      startTimeMs: 1_715_526_401_234,
      user: 'ada',
      state: 'running',
      cpuTimeMs: 2031.25,
      memoryBytes: 12_000_000, // private working set
      residentBytes: 30_000_000, // working set
      commitBytes: 18_000_000, // private bytes (PagefileUsage)
      threads: 3,
      handles: 311,
      ioReadBytes: 5_000,
      ioWriteBytes: 6_000,
      netRxBytes: null,
      netTxBytes: null,
      gpuEngineBusyNs: null,
      gpuPercent: 12.5,
      gpuMemoryBytes: 64 * 1024 * 1024,
      priority: 'normal',
      isEfficiencyMode: null,
      commandLine: '"C:\\Windows\\System32\\notepad.exe" C:\\notes.txt',
      exePath: 'C:\\Windows\\System32\\notepad.exe',
      appScope: null,
      cgroupPath: null,
      isKernelThread: false,
      description: 'Notepad',
      publisher: 'Microsoft Corporation',
      services: [],
      hasAppWindow: true,
      isNotResponding: false,
      isCritical: false,
      isShell: false,
    });
  });

  it('a process absent from the GPU counters uses none (0); without GPU counters it is unknown (null)', () => {
    const other = { ...entry, pid: 1 };
    expect(rawProcessFromEntry(other, context)).toMatchObject({ gpuPercent: 0, gpuMemoryBytes: 0 });
    const noGpu = { ...context, gpu: { percentByPid: null, dedicatedBytesByPid: null } };
    expect(rawProcessFromEntry(entry, noGpu)).toMatchObject({ gpuPercent: null, gpuMemoryBytes: null });
  });

  it('every thread suspended reads stopped; no app window, no hints', () => {
    const raw = rawProcessFromEntry({ ...entry, suspendedThreads: 3 }, { ...context, windows: undefined });
    expect(raw).toMatchObject({ state: 'stopped', hasAppWindow: false, isNotResponding: false });
  });
});

describe('disksFromCounters', () => {
  const read = new Map([
    ['1 D:', 2_000],
    ['0 C:', 10_000],
    ['_Total', 12_000],
  ]);
  const write = new Map([
    ['0 C:', 500],
    ['1 D:', 0],
    ['_Total', 500],
  ]);

  const counters = (more: Partial<DiskCounterValues> = {}): DiskCounterValues => ({
    readBytes: read,
    writeBytes: write,
    idlePercent: null,
    transfers: null,
    secondsPerTransfer: null,
    ...more,
  });

  it('physical disks with cumulative bytes and active time = 100 − idle; _Total left out; by number', () => {
    expect(disksFromCounters(counters({ idlePercent: new Map([['0 C:', 72.5], ['1 D:', 100], ['_Total', 86]]) }))).toEqual([
      { id: '0 C:', name: 'Disk 0 (C:)', readBytes: 10_000, writeBytes: 500, busyMs: null, activePercent: 27.5, transfers: null, transferMs: null, secondsPerTransfer: null },
      { id: '1 D:', name: 'Disk 1 (D:)', readBytes: 2_000, writeBytes: 0, busyMs: null, activePercent: 0, transfers: null, transferMs: null, secondsPerTransfer: null },
    ]);
  });

  it('the transfer count and PDH\'s seconds per transfer are carried per instance, for the response time', () => {
    const disks = disksFromCounters(
      counters({
        transfers: new Map([['0 C:', 81_234], ['1 D:', 12], ['_Total', 81_246]]),
        secondsPerTransfer: new Map([['0 C:', 0.0031], ['_Total', 0.003]]),
      }),
    );
    expect(disks.map((d) => [d.id, d.transfers, d.secondsPerTransfer, d.transferMs])).toEqual([
      ['0 C:', 81_234, 0.0031, null],
      // No average read for D: yet (a rate's first collection): unknown, not 0.
      ['1 D:', 12, null, null],
    ]);
  });

  it('active time is unknown (null) before the idle counter has two collections, and capped to 0–100', () => {
    expect(disksFromCounters(counters()).map((d) => d.activePercent)).toEqual([null, null]);
    expect(disksFromCounters(counters({ idlePercent: new Map([['0 C:', 104], ['1 D:', -3]]) })).map((d) => d.activePercent)).toEqual([0, 100]);
  });

  it('no byte counters, no disks; a disk missing from the write counter is left out', () => {
    expect(disksFromCounters(counters({ readBytes: null }))).toEqual([]);
    expect(disksFromCounters(counters({ writeBytes: new Map([['0 C:', 1]]) })).map((d) => d.id)).toEqual(['0 C:']);
  });
});

describe('interfacesFromCounters', () => {
  it('real adapters with cumulative bytes; pseudo-interfaces left out', () => {
    const rx = new Map([
      ['Intel[R] Ethernet Connection [7] I219-V', 1_000_000],
      ['Teredo Tunneling Pseudo-Interface', 5],
    ]);
    const tx = new Map([
      ['Intel[R] Ethernet Connection [7] I219-V', 20_000],
      ['Teredo Tunneling Pseudo-Interface', 5],
    ]);
    expect(interfacesFromCounters(rx, tx)).toEqual([{ name: 'Intel[R] Ethernet Connection [7] I219-V', rxBytes: 1_000_000, txBytes: 20_000 }]);
    expect(interfacesFromCounters(null, tx)).toEqual([]);
  });
});

describe('gpuFromCounters', () => {
  const engines = new Map([
    ['pid_9524_luid_0x00000000_0x0000C2F1_phys_0_eng_0_engtype_3D', 61.5],
    ['pid_9524_luid_0x00000000_0x0000C2F1_phys_0_eng_1_engtype_Copy', 3.25],
    ['pid_1400_luid_0x00000000_0x0000C2F1_phys_0_eng_0_engtype_3D', 4],
    ['not_an_instance', 99],
  ]);
  const processMemory = new Map([
    ['pid_9524_luid_0x00000000_0x0000C2F1_phys_0', 512 * 1024 * 1024],
    ['pid_1400_luid_0x00000000_0x0000C2F1_phys_0', 96 * 1024 * 1024],
  ]);
  const adapterMemory = new Map([
    ['luid_0x00000000_0x0000C2F1_phys_0', 1_700_000_000],
    // A second adapter with memory in use but no engine instance right now.
    ['luid_0x00000000_0x0001A3B4_phys_0', 10_000_000],
  ]);

  const adapterShared = new Map([
    ['luid_0x00000000_0x0000C2F1_phys_0', 300_000_000],
    ['luid_0x00000000_0x0001A3B4_phys_0', 0],
  ]);
  const all: GpuCounterValues = { engines, processDedicated: processMemory, adapterDedicated: adapterMemory, adapterShared };
  const none: GpuCounterValues = { engines: null, processDedicated: null, adapterDedicated: null, adapterShared: null };

  it('per-process and per-adapter utilisation, each engine type by name, dedicated and shared memory, adapters named GPU n', () => {
    const { process, gpus } = gpuFromCounters(all);
    expect(process.percentByPid?.get(9524)).toBe(61.5);
    expect(process.dedicatedBytesByPid?.get(1400)).toBe(96 * 1024 * 1024);
    expect(gpus).toEqual([
      {
        id: 'luid_0x00000000_0x0000c2f1_phys_0',
        name: 'GPU 0',
        vendor: 'other',
        utilizationPercent: 65.5,
        memoryUsedBytes: 1_700_000_000,
        memoryTotalBytes: null,
        sharedMemoryUsedBytes: 300_000_000,
        temperatureC: null,
        // 3D: 61.5 + 4 over two processes; Copy: 3.25.
        engines: [
          { name: '3D', utilizationPercent: 65.5 },
          { name: 'Copy', utilizationPercent: 3.25 },
        ],
      },
      // No process uses the second adapter's engines now: none listed, utilisation 0 (known, idle).
      {
        id: 'luid_0x00000000_0x0001a3b4_phys_0',
        name: 'GPU 1',
        vendor: 'other',
        utilizationPercent: 0,
        memoryUsedBytes: 10_000_000,
        memoryTotalBytes: null,
        sharedMemoryUsedBytes: 0,
        temperatureC: null,
        engines: [],
      },
    ]);
  });

  it('no GPU counters (no WDDM 2 GPU, or a rate not valid yet): nothing known, no adapters', () => {
    expect(gpuFromCounters(none)).toEqual({ process: { percentByPid: null, dedicatedBytesByPid: null }, gpus: [] });
  });

  it('engines not valid yet but memory known: adapters listed with utilisation unknown and no engines', () => {
    const { process, gpus } = gpuFromCounters({ ...all, engines: null });
    expect(process.percentByPid).toBeNull();
    expect(gpus.map((g) => [g.utilizationPercent, g.engines])).toEqual([
      [null, []],
      [null, []],
    ]);
  });

  it('shared usage unknown (the counter is missing): null, not 0', () => {
    const { gpus } = gpuFromCounters({ ...all, adapterShared: null });
    expect(gpus.map((g) => g.sharedMemoryUsedBytes)).toEqual([null, null]);
  });
});

describe('sumOfCounters', () => {
  const one = (value: number) => new Map([['', value]]);
  it('sums single-value counters (the three standby bands)', () => {
    expect(sumOfCounters([one(100), one(2_000), one(30)])).toBe(2_130);
    expect(sumOfCounters([one(4)])).toBe(4);
  });
  it('is null when any of them is unknown (never a partial sum that looks like data)', () => {
    expect(sumOfCounters([one(100), null, one(30)])).toBeNull();
    expect(sumOfCounters([one(100), new Map(), one(30)])).toBeNull();
  });
});

describe('currentSpeedMhz', () => {
  it.each([
    { base: 2_400, performance: 150, expected: 3_600 },
    { base: 2_400, performance: 80, expected: 1_920 },
    { base: 2_400, performance: undefined, expected: 2_400 },
    { base: 2_400, performance: 0, expected: 2_400 },
    { base: null, performance: 120, expected: null },
    { base: 0, performance: 120, expected: null },
  ])('base $base MHz at $performance % → $expected', ({ base, performance, expected }) => {
    expect(currentSpeedMhz(base, performance)).toBe(expected);
  });
});
