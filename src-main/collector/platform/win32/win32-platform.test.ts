import { describe, expect, it } from 'vitest';
import { snapshotSchema, type Snapshot } from '../../../../src-shared/snapshot.ts';
import { buildSnapshot } from '../../compute/snapshot.ts';
import type { RawSample } from '../platform.ts';
import { FakeWin32Api, type FakeMachine } from './fake-win32-api.ts';
import { WindowsPlatform } from './win32-platform.ts';
import { fixtureProcess, RUNNING_THREAD, SUSPENDED_THREAD, WAITING_THREAD } from './win32-fixtures.ts';

/** FILETIME of a ms since 1970. */
const filetime = (ms: number, extra100ns = 0n) => (BigInt(ms) + 11_644_473_600_000n) * 10_000n + extra100ns;
const BOOT_MS = 1_795_300_000_000;
const NOW_MS = BOOT_MS + 3_600_000;
const NOTEPAD_START_MS = BOOT_MS + 1_234_567;

const SID_SYSTEM = Uint8Array.from([1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0]);
const SID_ADA = Uint8Array.from([1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0xe9, 3, 0, 0]);
const GPU = 'luid_0x00000000_0x0000C2F1_phys_0';

function machine(): FakeMachine {
  return {
    processes: [
      fixtureProcess({ pid: 0, ppid: 0, name: '', createTime: 0n, threads: [RUNNING_THREAD, RUNNING_THREAD], basePriority: 0 }),
      fixtureProcess({ pid: 4, ppid: 0, name: 'System', createTime: 0n, threads: [WAITING_THREAD], sessionId: 0, handles: 4_000 }),
      fixtureProcess({ pid: 700, ppid: 600, name: 'services.exe', createTime: filetime(BOOT_MS + 5_000), sessionId: 0 }),
      fixtureProcess({ pid: 1840, ppid: 700, name: 'svchost.exe', createTime: filetime(BOOT_MS + 6_000), sessionId: 0 }),
      fixtureProcess({ pid: 3000, ppid: 2990, name: 'explorer.exe', createTime: filetime(BOOT_MS + 60_000), threads: [WAITING_THREAD, WAITING_THREAD] }),
      fixtureProcess({
        pid: 9524,
        ppid: 3000,
        name: 'Notepad.exe',
        createTime: filetime(NOTEPAD_START_MS, 4_321n),
        userTime: 10_000_000n, // 1 s
        kernelTime: 5_000_000n, // 0.5 s
        threads: [RUNNING_THREAD, WAITING_THREAD],
        workingSetBytes: 30_000_000,
        privateWorkingSetBytes: 12_000_000,
        pagefileUsageBytes: 18_000_000,
        ioReadBytes: 1_000_000,
        ioWriteBytes: 2_000,
      }),
      fixtureProcess({ pid: 9600, ppid: 3000, name: 'frozen.exe', createTime: filetime(BOOT_MS + 70_000), threads: [SUSPENDED_THREAD, SUSPENDED_THREAD] }),
    ],
    groups: [
      [
        { idle: 8_000_000_000, kernel: 9_000_000_000, user: 2_000_000_000 },
        { idle: 7_000_000_000, kernel: 8_000_000_000, user: 3_000_000_000 },
      ],
    ],
    bootTime: filetime(BOOT_MS),
    currentTime: filetime(NOW_MS),
    totalPhysBytes: 16 * 2 ** 30,
    availablePhysBytes: 10 * 2 ** 30,
    performance: { commitTotalPages: 2_000_000, commitLimitPages: 5_000_000, pageBytes: 4096, handleCount: 91_234, processCount: 7, threadCount: 9 },
    facts: new Map([
      [4, { sid: SID_SYSTEM, isCritical: true }],
      [700, { exePath: 'C:\\Windows\\System32\\services.exe', sid: SID_SYSTEM, isCritical: true, commandLine: 'C:\\Windows\\system32\\services.exe' }],
      [1840, { exePath: 'C:\\Windows\\System32\\svchost.exe', sid: SID_SYSTEM, commandLine: 'C:\\Windows\\system32\\svchost.exe -k NetworkService -p' }],
      [3000, { exePath: 'C:\\Windows\\explorer.exe', sid: SID_ADA, commandLine: 'C:\\Windows\\Explorer.EXE' }],
      [9524, { exePath: 'C:\\Windows\\System32\\notepad.exe', sid: SID_ADA, commandLine: `"C:\\Windows\\System32\\notepad.exe" ${'x'.repeat(5000)}` }],
      [9600, { exePath: 'C:\\Tools\\frozen.exe', sid: SID_ADA, commandLine: 'frozen.exe' }],
    ]),
    accountNames: new Map([
      ['S-1-5-18', 'SYSTEM'],
      ['S-1-5-32-1001', 'ada'],
    ]),
    versions: new Map([
      ['C:\\Windows\\System32\\svchost.exe', { FileDescription: 'Host Process for Windows Services', CompanyName: 'Microsoft Corporation' }],
      ['C:\\Windows\\explorer.exe', { FileDescription: 'Windows Explorer', CompanyName: 'Microsoft Corporation' }],
      ['C:\\Windows\\System32\\notepad.exe', { FileDescription: 'Notepad', CompanyName: 'Microsoft Corporation' }],
    ]),
    services: [
      { name: 'nsi', displayName: 'Network Store Interface Service', pid: 1840, state: 4 },
      { name: 'Dnscache', displayName: 'DNS Client', pid: 1840, state: 4 },
      { name: 'WSearch', displayName: 'Windows Search', pid: 0, state: 1 },
    ],
    counters: new Map([
      ['\\PhysicalDisk(*)\\Disk Read Bytes/sec', { kind: 'raw', items: [{ name: '0 C:', value: 1_000_000 }, { name: '_Total', value: 1_000_000 }] }],
      ['\\PhysicalDisk(*)\\Disk Write Bytes/sec', { kind: 'raw', items: [{ name: '0 C:', value: 500_000 }, { name: '_Total', value: 500_000 }] }],
      ['\\PhysicalDisk(*)\\% Idle Time', { kind: 'formatted', items: [{ name: '0 C:', value: 90 }, { name: '_Total', value: 90 }] }],
      ['\\PhysicalDisk(*)\\Disk Transfers/sec', { kind: 'raw', items: [{ name: '0 C:', value: 81_234 }, { name: '_Total', value: 81_234 }] }],
      ['\\PhysicalDisk(*)\\Avg. Disk sec/Transfer', { kind: 'formatted', items: [{ name: '0 C:', value: 0.0025 }, { name: '_Total', value: 0.0025 }] }],
      ['\\Network Interface(*)\\Bytes Received/sec', { kind: 'raw', items: [{ name: 'Ethernet', value: 10_000_000 }] }],
      ['\\Network Interface(*)\\Bytes Sent/sec', { kind: 'raw', items: [{ name: 'Ethernet', value: 1_000_000 }] }],
      [
        '\\GPU Engine(*)\\Utilization Percentage',
        {
          kind: 'formatted',
          items: [
            { name: `pid_9524_${GPU}_eng_0_engtype_3D`, value: 20 },
            { name: `pid_3000_${GPU}_eng_0_engtype_3D`, value: 5 },
          ],
        },
      ],
      ['\\GPU Process Memory(*)\\Dedicated Usage', { kind: 'formatted', items: [{ name: `pid_9524_${GPU}`, value: 64 * 2 ** 20 }] }],
      ['\\GPU Adapter Memory(*)\\Dedicated Usage', { kind: 'formatted', items: [{ name: GPU, value: 900 * 2 ** 20 }] }],
      ['\\GPU Adapter Memory(*)\\Shared Usage', { kind: 'formatted', items: [{ name: GPU, value: 120 * 2 ** 20 }] }],
      ['\\Memory\\Standby Cache Reserve Bytes', { kind: 'formatted', items: [{ name: '', value: 1 * 2 ** 30 }] }],
      ['\\Memory\\Standby Cache Normal Priority Bytes', { kind: 'formatted', items: [{ name: '', value: 2 * 2 ** 30 }] }],
      ['\\Memory\\Standby Cache Core Bytes', { kind: 'formatted', items: [{ name: '', value: 0.25 * 2 ** 30 }] }],
      ['\\Memory\\Modified Page List Bytes', { kind: 'formatted', items: [{ name: '', value: 0.25 * 2 ** 30 }] }],
      ['\\Memory\\Free & Zero Page List Bytes', { kind: 'formatted', items: [{ name: '', value: 6.5 * 2 ** 30 }] }],
      ['\\Processor Information(_Total)\\% Processor Performance', { kind: 'formatted', items: [{ name: '_Total', value: 125 }] }],
    ]),
    windows: [
      { pid: 3000, isVisible: true, hasOwner: false, isToolWindow: false, hasTitle: true, isHung: false },
      { pid: 9524, isVisible: true, hasOwner: false, isToolWindow: false, hasTitle: true, isHung: true },
      { pid: 9600, isVisible: true, hasOwner: true, isToolWindow: false, hasTitle: true, isHung: false },
    ],
    shellPid: 3000,
    drives: [
      { root: 'C:\\', type: 3, fileSystem: 'NTFS', space: { freeBytesAvailableToCaller: 200 * 2 ** 30, totalBytes: 475 * 2 ** 30, totalFreeBytes: 200 * 2 ** 30 } },
      { root: 'Z:\\', type: 4, fileSystem: 'NTFS', space: { freeBytesAvailableToCaller: 2 ** 40, totalBytes: 2 ** 42, totalFreeBytes: 2 ** 40 } },
    ],
  };
}

/** One second later: CPU, I/O, disk and network counters moved on. */
function advance(m: FakeMachine): void {
  m.currentTime += 10_000_000n;
  const notepad = m.processes.find((p) => p.pid === 9524);
  if (notepad) {
    notepad.userTime += 3_000_000n; // 0.3 s
    notepad.kernelTime += 1_000_000n; // 0.1 s
    notepad.ioReadBytes += 4096;
  }
  m.groups = m.groups.map((cores) => cores.map((c) => ({ idle: c.idle + 6_000_000, kernel: c.kernel + 8_000_000, user: c.user + 2_000_000 })));
  const bump = (path: string, by: number) => {
    const spec = m.counters.get(path);
    if (spec) spec.items = spec.items.map((i) => ({ ...i, value: i.value + by }));
  };
  bump('\\PhysicalDisk(*)\\Disk Read Bytes/sec', 1_048_576);
  bump('\\PhysicalDisk(*)\\Disk Transfers/sec', 40);
  bump('\\Network Interface(*)\\Bytes Received/sec', 125_000);
}

/** Two samples a second apart through a fake clock, and the snapshot the collector would build. */
function twoSamples(m: FakeMachine, api = new FakeWin32Api(m)): { api: FakeWin32Api; first: RawSample; second: RawSample; snapshot: Snapshot } {
  const platform = new WindowsPlatform({ intervalMs: 1000, includeLoopback: false, api });
  // A fake clock too: exactly 1 s apart.
  const first = { ...platform.sample(), monotonicMs: 50_000 };
  advance(m);
  const second = { ...platform.sample(), monotonicMs: 51_000 };
  platform.close();
  return { api, first, second, snapshot: buildSnapshot(first, second, { seq: 1, ownPids: new Set() }) };
}

describe('WindowsPlatform on a fake Windows', () => {
  const m = machine();
  const { api, snapshot, second } = twoSamples(m);
  const row = (pid: number) => snapshot.processes.find((p) => p.pid === pid);

  it('builds a snapshot the contract accepts', () => {
    expect(() => snapshotSchema.parse(snapshot)).not.toThrow();
  });

  it('lists every process but the Idle process (pid 0 is not a valid pid)', () => {
    expect(snapshot.processes.map((p) => p.pid)).toEqual([4, 700, 1840, 3000, 9524, 9600]);
  });

  it('a process’s start time is its CreateTime in whole ms; System without one has the boot time', () => {
    expect(row(9524)?.startTimeMs).toBe(NOTEPAD_START_MS);
    expect(row(4)?.startTimeMs).toBe(BOOT_MS);
  });

  it('per-process figures: CPU share of all cores, private working set, working set, private bytes, I/O', () => {
    expect(row(9524)).toMatchObject({
      name: 'Notepad.exe',
      ppid: 3000,
      user: 'ada',
      state: 'running',
      cpuPercent: 20, // 0.4 s over 1 s × 2 logical CPUs
      memoryBytes: 12_000_000,
      residentBytes: 30_000_000,
      commitBytes: 18_000_000,
      threads: 2,
      handles: 100,
      ioReadBytesPerSec: 4096,
      ioWriteBytesPerSec: 0,
      priority: 'normal',
      exePath: 'C:\\Windows\\System32\\notepad.exe',
      description: 'Notepad',
      publisher: 'Microsoft Corporation',
      gpuPercent: 20,
      gpuMemoryBytes: 64 * 2 ** 20,
      services: [],
    });
  });

  it('reads a command line longer than the first buffer, untruncated', () => {
    expect(row(9524)?.commandLine).toBe(`"C:\\Windows\\System32\\notepad.exe" ${'x'.repeat(5000)}`);
  });

  it('a process whose threads are all suspended is stopped', () => {
    expect(row(9600)?.state).toBe('stopped');
  });

  it('what can’t be opened is null, never made up (System has no path here)', () => {
    expect(row(4)).toMatchObject({ exePath: null, commandLine: null, description: null, user: 'SYSTEM' });
  });

  it('a service host lists its running services, sorted', () => {
    expect(row(1840)?.services).toEqual(['Dnscache', 'nsi']);
    expect(row(1840)?.description).toBe('Host Process for Windows Services');
  });

  it('system CPU: busy = user + kernel − idle over the interval; per core; speed from % Processor Performance', () => {
    // Per core: Δidle 0.6 s, Δkernel 0.8 s (so 0.2 s non-idle kernel), Δuser 0.2 s → 40 % busy, 20 % kernel.
    expect(snapshot.cpu.totalPercent).toBeCloseTo(40, 10);
    expect(snapshot.cpu.kernelPercent).toBeCloseTo(20, 10);
    expect(snapshot.cpu.perCorePercent.map((p) => p?.toFixed(6))).toEqual(['40.000000', '40.000000']);
    expect(snapshot.cpu.logicalCores).toBe(2);
    expect(snapshot.cpu.uptimeSec).toBeCloseTo(3601, 6);
    if (snapshot.cpu.speedMhz !== null) expect(snapshot.cpu.speedMhz).toBeGreaterThan(0);
  });

  it('memory: used = total − available, cached = standby + modified, the page lists, pools and commit in bytes, handles', () => {
    expect(snapshot.memory).toEqual({
      totalBytes: 16 * 2 ** 30,
      usedBytes: 6 * 2 ** 30,
      availableBytes: 10 * 2 ** 30,
      cachedBytes: 3.5 * 2 ** 30,
      swapTotalBytes: null,
      swapUsedBytes: null,
      commitBytes: 2_000_000 * 4096,
      commitLimitBytes: 5_000_000 * 4096,
      modifiedBytes: 0.25 * 2 ** 30,
      standbyBytes: 3.25 * 2 ** 30,
      freeBytes: 6.5 * 2 ** 30,
      compressedBytes: null,
      // GetPerformanceInfo KernelPaged / KernelNonpaged (the fixture's 60,000 and 30,000 pages).
      pagedPoolBytes: 60_000 * 4096,
      nonPagedPoolBytes: 30_000 * 4096,
    });
    expect(snapshot.totals.handles).toBe(91_234);
  });

  it('disks and network from the PDH counters: rates from the cumulative raw counts, _Total left out', () => {
    // 40 transfers in the interval, PDH's 2.5 ms average.
    expect(snapshot.disks).toEqual([{ id: '0 C:', name: 'Disk 0 (C:)', readBytesPerSec: 1_048_576, writeBytesPerSec: 0, activePercent: 10, responseTimeMs: 2.5 }]);
    expect(snapshot.network).toEqual([{ name: 'Ethernet', rxBytesPerSec: 125_000, txBytesPerSec: 0, rxTotalBytes: 10_125_000, txTotalBytes: 1_000_000 }]);
  });

  it('the GPU adapter: busiest engine type summed over processes, each engine type, dedicated and shared memory', () => {
    expect(snapshot.gpus).toEqual([
      {
        id: 'luid_0x00000000_0x0000c2f1_phys_0',
        name: 'GPU 0',
        vendor: 'other',
        utilizationPercent: 25,
        memoryUsedBytes: 900 * 2 ** 20,
        memoryTotalBytes: null,
        sharedMemoryUsedBytes: 120 * 2 ** 20,
        temperatureC: null,
        engines: [{ name: '3D', utilizationPercent: 25 }],
      },
    ]);
  });

  it('apps by the Windows rule: the shell and Notepad are apps, Notepad not responding; services are background; critical ones system', () => {
    const appOf = (pid: number) => snapshot.apps.find((a) => a.members.some((x) => x.pid === pid));
    expect(appOf(3000)).toMatchObject({ name: 'Windows Explorer', category: 'app', isResponding: true });
    expect(appOf(9524)).toMatchObject({ name: 'Notepad', category: 'app', isResponding: false });
    // An owned window (a dialog) does not make an app; frozen.exe is a child of the shell: background.
    expect(appOf(9600)).toMatchObject({ category: 'background' });
    expect(appOf(1840)).toMatchObject({ category: 'background' });
    expect(appOf(700)).toMatchObject({ category: 'system' });
    expect(appOf(4)).toMatchObject({ category: 'system' });
    expect(second.appRule).toBe('windows');
  });

  it('reads the identity facts once per process, not per tick, and closes every handle it opened', () => {
    expect(api.calls.openProcess).toBe(6);
    expect(api.calls.fileVersionInfo).toBe(3);
    expect(api.calls.lookupAccountName).toBe(2); // once per account
    expect([...api.openHandles]).toEqual([]);
  });

  it('asks the Service Control Manager once, not every tick', () => {
    expect(api.calls.enumServices).toBe(1);
  });
});

describe('WindowsPlatform: changes between ticks', () => {
  it('a reused pid (new CreateTime) is a new identity: its facts are read again, no rates across the two', () => {
    const m = machine();
    const api = new FakeWin32Api(m);
    const platform = new WindowsPlatform({ intervalMs: 1000, includeLoopback: false, api });
    const first = { ...platform.sample(), monotonicMs: 50_000 };
    const notepad = m.processes.find((p) => p.pid === 9524);
    if (!notepad) throw new Error('no notepad');
    notepad.createTime = filetime(NOW_MS);
    m.facts.set(9524, { exePath: 'C:\\Tools\\other.exe', commandLine: 'other.exe', sid: SID_ADA });
    const second = { ...platform.sample(), monotonicMs: 51_000 };
    const snapshot = buildSnapshot(first, second, { seq: 1, ownPids: new Set() });
    expect(snapshot.processes.find((p) => p.pid === 9524)).toMatchObject({ startTimeMs: NOW_MS, exePath: 'C:\\Tools\\other.exe', cpuPercent: null });
    expect(api.calls.openProcess).toBe(7);
  });

  it('a new service host makes it ask the Service Control Manager again at once', () => {
    const m = machine();
    const api = new FakeWin32Api(m);
    const platform = new WindowsPlatform({ intervalMs: 1000, includeLoopback: false, api });
    platform.sample();
    m.processes.push(fixtureProcess({ pid: 5000, ppid: 700, name: 'svchost.exe', createTime: filetime(NOW_MS) }));
    m.facts.set(5000, { exePath: 'C:\\Windows\\System32\\svchost.exe' });
    m.services?.push({ name: 'Spooler', displayName: 'Print Spooler', pid: 5000, state: 4 });
    const sample = platform.sample();
    expect(api.calls.enumServices).toBe(2);
    expect(sample.processes.find((p) => p.pid === 5000)?.services).toEqual(['Spooler']);
  });

  it('a process list past the first buffer (3,000 processes) grows the buffer and keeps every one', () => {
    const m = machine();
    for (let i = 0; i < 3000; i++) {
      m.processes.push(fixtureProcess({ pid: 20_000 + i * 4, ppid: 3000, createTime: filetime(NOW_MS), threads: [WAITING_THREAD, WAITING_THREAD, WAITING_THREAD] }));
    }
    const api = new FakeWin32Api(m);
    const sample = new WindowsPlatform({ intervalMs: 1000, includeLoopback: false, api }).sample();
    expect(sample.processes).toHaveLength(6 + 3000);
    expect(api.calls.systemProcessInformation).toBe(2); // the first call asked for a bigger buffer
  });

  it('a GPU instance list past the first PDH buffer (3,000 engine instances) grows the buffer and reads them all', () => {
    const m = machine();
    const engines = m.counters.get('\\GPU Engine(*)\\Utilization Percentage');
    if (!engines) throw new Error('no engine counter');
    engines.items = Array.from({ length: 3000 }, (_, i) => ({ name: `pid_${20_000 + i * 4}_${GPU}_eng_${i % 8}_engtype_Copy`, value: 0.01 }));
    engines.items.push({ name: `pid_9524_${GPU}_eng_0_engtype_3D`, value: 33 });
    const { snapshot } = twoSamples(m);
    expect(snapshot.processes.find((p) => p.pid === 9524)?.gpuPercent).toBe(33);
    expect(snapshot.gpus[0]?.utilizationPercent).toBe(33);
  });

  it('reads every processor group on a machine with more than 64 logical CPUs', () => {
    const m = machine();
    const core = { idle: 1, kernel: 2, user: 3 };
    m.groups = [Array.from({ length: 64 }, () => core), Array.from({ length: 32 }, () => core)];
    const sample = new WindowsPlatform({ intervalMs: 1000, includeLoopback: false, api: new FakeWin32Api(m) }).sample();
    expect(sample.cpu.perCore).toHaveLength(96);
  });

  it('without GPU counters (no WDDM 2 GPU) GPU figures are unknown, not 0, and no adapter is listed', () => {
    const m = machine();
    for (const path of [...m.counters.keys()]) if (path.startsWith('\\GPU')) m.counters.delete(path);
    const { snapshot } = twoSamples(m);
    expect(snapshot.gpus).toEqual([]);
    expect(snapshot.processes.every((p) => p.gpuPercent === null && p.gpuMemoryBytes === null)).toBe(true);
  });

  it('without the Service Control Manager services are unknown (null) on every row', () => {
    const m = machine();
    m.services = null;
    const { snapshot } = twoSamples(m);
    expect(snapshot.processes.every((p) => p.services === null)).toBe(true);
  });

  it('volumes are asked off the tick and reported from the next sample on; a network drive is not', () => {
    const m = machine();
    const api = new FakeWin32Api(m);
    const platform = new WindowsPlatform({ intervalMs: 1000, includeLoopback: false, api });
    const first = platform.sample();
    expect(first.volumes).toEqual([]);
    api.answerPending(); // the event loop's turn between two ticks
    const second = platform.sample();
    const c = { mount: 'C:', fsType: 'NTFS', totalBytes: 475 * 2 ** 30, usedBytes: 275 * 2 ** 30 };
    expect(second.volumes).toEqual([c]);
    expect(snapshotSchema.parse(buildSnapshot(first, second, { seq: 1, ownPids: new Set() })).volumes).toEqual([c]);
    expect(api.calls.diskFreeSpace).toEqual(['C:\\']);
    platform.close();
    expect(api.answerPending()).toBe(0);
  });

  it('without the memory list counters cached is unknown (null)', () => {
    const m = machine();
    m.counters.delete('\\Memory\\Modified Page List Bytes');
    expect(twoSamples(m).snapshot.memory.cachedBytes).toBeNull();
  });
});
