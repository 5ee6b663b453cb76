import { describe, expect, it } from 'vitest';
import { snapshotSchema, type MemoryFigures } from '../../../src-shared/snapshot.ts';
import { cpuTimes, rawProcess } from '../../test-support/raw-fixtures.ts';
import type { RawDisk, RawProcess, RawSample } from '../platform/platform.ts';
import type { CpuTimes } from './cpu-percent.ts';
import { buildSnapshot } from './snapshot.ts';

const BOOT_MS = 1_795_321_798_000;

function cpu(user: number, system: number, idle: number, extra: Partial<CpuTimes> = {}): CpuTimes {
  return cpuTimes({ user, system, idle, ...extra });
}

function proc(pid: number, overrides: Partial<RawProcess> = {}): RawProcess {
  return rawProcess({
    pid,
    startTimeMs: BOOT_MS + pid * 10,
    user: 'root',
    memoryBytes: 1024 * 1024,
    residentBytes: 2 * 1024 * 1024,
    commitBytes: 3 * 1024 * 1024,
    threads: 1,
    ioReadBytes: 0,
    ioWriteBytes: 0,
    priority: 'normal',
    exePath: `/usr/bin/p${pid}`,
    ...overrides,
  });
}

const memory: MemoryFigures = {
  totalBytes: 24_683_656 * 1024,
  usedBytes: 352_008 * 1024,
  availableBytes: 24_331_648 * 1024,
  cachedBytes: 307_048 * 1024,
  swapTotalBytes: 0,
  swapUsedBytes: 0,
  commitBytes: 123_456 * 1024,
  commitLimitBytes: 12_341_828 * 1024, modifiedBytes: null, standbyBytes: null, freeBytes: null, compressedBytes: null, pagedPoolBytes: null, nonPagedPoolBytes: null
};

const systemd = (cpuTimeMs: number) =>
  proc(1, { ppid: 0, name: 'systemd', exePath: '/usr/lib/systemd/systemd', cpuTimeMs, threads: 1, cgroupPath: '/init.scope' });

const prev: RawSample = {
  monotonicMs: 50_000,
  takenAtMs: 1_796_500_000_000,
  cpu: {
    total: cpu(8933, 3319, 215_526),
    perCore: [cpu(3896, 1287, 108_837), cpu(5036, 2032, 106_688)],
    model: 'AMD EPYC',
    speedMhz: 2445.406,
    uptimeSec: 1180,
  },
  memory,
  disks: [
    { id: '254:0', name: 'vda', readBytes: 2_032_946 * 512, writeBytes: 2_982_976 * 512, busyMs: 5264, transfers: 43_134, transferMs: 17_063 },
    { id: '8:0', name: 'sda', readBytes: 1_000_000, writeBytes: 1_000_000, busyMs: 9_000, transfers: 2_000, transferMs: 9_500 },
  ],
  network: [
    { name: 'eth0', rxBytes: 644_992_918, txBytes: 1_773_923 },
    { name: 'wlan0', rxBytes: 5_000_000, txBytes: 6_000_000 },
  ],
  gpus: [],
  volumes: [],
  handles: 169,
  processes: [
    systemd(1_000),
    // Exits before the next sample.
    proc(100, { cpuTimeMs: 5_000, threads: 4 }),
    // The collector and the renderer: this app's own processes.
    proc(300, { name: 'node', cpuTimeMs: 2_000, memoryBytes: 40 * 1024 * 1024, threads: 11 }),
    proc(301, { name: 'taskmgr', cpuTimeMs: 7_000, memoryBytes: 90 * 1024 * 1024, threads: 20 }),
    // Its pid will be reused by a new process.
    proc(400, { name: 'old', cpuTimeMs: 60_000 }),
  ],
};

const next: RawSample = {
  monotonicMs: 51_000,
  takenAtMs: 1_796_500_001_000.6,
  cpu: {
    // Δ: user 108, system 41, idle 51 → 74.5 % busy, 20.5 % kernel.
    total: cpu(9041, 3360, 215_577),
    // core0: Δ user 50, system 25, idle 25 → 75 %; core1: counters went backwards (hot-unplugged).
    perCore: [cpu(3946, 1312, 108_862), cpu(10, 5, 100)],
    model: 'AMD EPYC',
    speedMhz: 2445.406,
    uptimeSec: 1181,
  },
  memory,
  disks: [
    // 1 MiB read, 2 MiB written, busy 250 ms; 48 transfers that took 300 ms together (6.25 ms each).
    {
      id: '254:0',
      name: 'vda',
      readBytes: 2_032_946 * 512 + 1024 * 1024,
      writeBytes: 2_982_976 * 512 + 2 * 1024 * 1024,
      busyMs: 5514,
      transfers: 43_134 + 48,
      transferMs: 17_063 + 300,
    },
    // Appeared (a USB stick plugged in).
    { id: '8:16', name: 'sdb', readBytes: 4096, writeBytes: 0, busyMs: 4, transfers: 1, transferMs: 4 },
    // The device was re-attached: counters restarted.
    { id: '8:0', name: 'sda', readBytes: 512, writeBytes: 0, busyMs: 1, transfers: 1, transferMs: 1 },
  ],
  network: [
    { name: 'eth0', rxBytes: 644_992_918 + 125_000, txBytes: 1_773_923 + 2_048 },
    // Interface reset (driver reload): counters went back to 0.
    { name: 'wlan0', rxBytes: 100, txBytes: 200 },
  ],
  gpus: [],
  volumes: [{ mount: '/', fsType: 'ext4', totalBytes: 66_053_021 * 4096, usedBytes: 5_976_496 * 4096 }],
  handles: 171,
  processes: [
    systemd(1_010),
    proc(300, { name: 'node', cpuTimeMs: 2_000 + 100, memoryBytes: 41 * 1024 * 1024, threads: 12 }),
    proc(301, { name: 'taskmgr', cpuTimeMs: 7_000 + 300, memoryBytes: 90 * 1024 * 1024, threads: 20, ioReadBytes: 8192 }),
    // New since the last sample.
    proc(200, { name: 'bash', cpuTimeMs: 30, threads: null }),
    // Same pid, another process (started later).
    proc(400, { name: 'new', startTimeMs: BOOT_MS + 1_180_000, cpuTimeMs: 10 }),
  ],
};

const ownPids = new Set([300, 301]);

describe('buildSnapshot', () => {
  const snapshot = buildSnapshot(prev, next, { seq: 7, ownPids });

  it('is a valid snapshot by the contract schema', () => {
    expect(() => snapshotSchema.parse(snapshot)).not.toThrow();
  });

  it('measures the interval on the monotonic clock and rounds the wall time', () => {
    expect(snapshot.seq).toBe(7);
    expect(snapshot.intervalMs).toBe(1000);
    expect(snapshot.takenAtMs).toBe(1_796_500_001_001);
  });

  it('whole-machine and per-core CPU', () => {
    expect(snapshot.cpu.totalPercent).toBeCloseTo(74.5, 10);
    expect(snapshot.cpu.kernelPercent).toBeCloseTo(20.5, 10);
    expect(snapshot.cpu.perCorePercent).toEqual([75, null]);
    expect(snapshot.cpu.logicalCores).toBe(2);
    expect(snapshot.cpu).toMatchObject({ model: 'AMD EPYC', speedMhz: 2445.406, uptimeSec: 1181 });
  });

  it('disk rates: exact for a known disk, null for a new one and for one whose counters restarted', () => {
    expect(snapshot.disks).toEqual([
      { id: '254:0', name: 'vda', readBytesPerSec: 1024 * 1024, writeBytesPerSec: 2 * 1024 * 1024, activePercent: 25, responseTimeMs: 6.25 },
      { id: '8:16', name: 'sdb', readBytesPerSec: null, writeBytesPerSec: null, activePercent: null, responseTimeMs: null },
      { id: '8:0', name: 'sda', readBytesPerSec: null, writeBytesPerSec: null, activePercent: null, responseTimeMs: null },
    ]);
  });

  it('network rates, with totals even when the rate is unknown', () => {
    expect(snapshot.network).toEqual([
      { name: 'eth0', rxBytesPerSec: 125_000, txBytesPerSec: 2_048, rxTotalBytes: 644_992_918 + 125_000, txTotalBytes: 1_773_923 + 2_048 },
      { name: 'wlan0', rxBytesPerSec: null, txBytesPerSec: null, rxTotalBytes: 100, txTotalBytes: 200 },
    ]);
  });

  it('a process that vanished is gone; a new one is listed with null CPU %', () => {
    const pids = snapshot.processes.map((p) => p.pid);
    expect(pids).toEqual([1, 300, 301, 200, 400]);
    const bash = snapshot.processes.find((p) => p.pid === 200);
    expect(bash).toMatchObject({ name: 'bash', cpuPercent: null, ioReadBytesPerSec: null });
  });

  it('per-process CPU % is a share of all cores', () => {
    const cpuOf = (pid: number) => snapshot.processes.find((p) => p.pid === pid)?.cpuPercent;
    expect(cpuOf(1)).toBe(0.5); // 10 ms / (1000 ms × 2)
    expect(cpuOf(300)).toBe(5);
    expect(cpuOf(301)).toBe(15);
  });

  it('a reused pid gets no rates made of two processes', () => {
    const reused = snapshot.processes.find((p) => p.pid === 400);
    expect(reused).toMatchObject({ name: 'new', cpuPercent: null, ioReadBytesPerSec: null });
  });

  it('self sums the own pids only', () => {
    expect(snapshot.self.cpuPercent).toBe(20);
    expect(snapshot.self.memoryBytes).toBe(131 * 1024 * 1024);
  });

  it("self lists each own process's CPU time since it started, in seconds (the counters of /metrics)", () => {
    expect(snapshot.self.processes).toEqual([
      { pid: 300, cpuSeconds: 2.1 },
      { pid: 301, cpuSeconds: 7.3 },
    ]);
  });

  it('totals count the processes of this sample and their threads (unknown counts as none)', () => {
    expect(snapshot.totals).toEqual({ processes: 5, threads: 1 + 12 + 20 + 1, handles: 171 });
  });

  it('passes memory, volumes and GPUs through, and groups apps from this sample', () => {
    expect(snapshot.memory).toEqual(memory);
    expect(snapshot.volumes).toEqual(next.volumes);
    expect(snapshot.gpus).toEqual([]);
    const members = snapshot.apps.flatMap((a) => a.members.map((m) => m.pid)).sort((a, b) => a - b);
    expect(members).toEqual([1, 200, 300, 301, 400]);
  });
});

describe('buildSnapshot edge cases', () => {
  it('self is null while none of the own processes has a CPU reading yet', () => {
    const first = buildSnapshot({ ...prev, processes: [] }, next, { seq: 1, ownPids });
    expect(first.self.cpuPercent).toBeNull();
    expect(first.self.memoryBytes).toBe(131 * 1024 * 1024);
  });

  it('self is null when no own pid is present', () => {
    const snapshot = buildSnapshot(prev, next, { seq: 1, ownPids: new Set([99_999]) });
    expect(snapshot.self).toEqual({ cpuPercent: null, memoryBytes: null, processes: [] });
  });

  it('self CPU is capped at 100 when own processes add up past it', () => {
    const busy = (pid: number, ms: number) => proc(pid, { cpuTimeMs: ms });
    const snapshot = buildSnapshot(
      { ...prev, processes: [busy(300, 0), busy(301, 0)] },
      { ...next, processes: [busy(300, 1600), busy(301, 1600)] },
      { seq: 2, ownPids },
    );
    expect(snapshot.processes.map((p) => p.cpuPercent)).toEqual([80, 80]);
    expect(snapshot.self.cpuPercent).toBe(100);
  });

  it('a core that came online since the last sample has no percentage yet', () => {
    const snapshot = buildSnapshot(
      { ...prev, cpu: { ...prev.cpu, perCore: [cpu(0, 0, 0)] } },
      { ...next, cpu: { ...next.cpu, perCore: [cpu(50, 0, 50), cpu(10, 10, 80)] } },
      { seq: 3, ownPids },
    );
    expect(snapshot.cpu.perCorePercent).toEqual([50, null]);
    expect(snapshot.cpu.logicalCores).toBe(2);
  });
});

describe('buildSnapshot with Linux DRM engine counters', () => {
  const card = (engines: { name: string; utilizationPercent: number | null }[] = []) => ({
    id: 'card0',
    name: 'AMD GPU 0x73bf',
    vendor: 'amd' as const,
    utilizationPercent: 37,
    memoryUsedBytes: null,
    memoryTotalBytes: null,
    sharedMemoryUsedBytes: null,
    temperatureC: null,
    engines,
  });
  const clients = (gfxNs: number) => [{ gpuId: 'card0', clientKey: '0000:03:00.0/12', engineBusyNs: new Map([['gfx', gfxNs], ['dec', 0]]) }];

  it('fills a card’s engines from its clients’ Δ busy time over the interval', () => {
    const snapshot = buildSnapshot({ ...prev, gpus: [card()], gpuClients: clients(1_000_000) }, { ...next, gpus: [card()], gpuClients: clients(251_000_000) }, { seq: 8, ownPids });
    expect(snapshotSchema.parse(snapshot).gpus[0]?.engines).toEqual([
      { name: 'dec', utilizationPercent: 0 },
      { name: 'gfx', utilizationPercent: 25 },
    ]);
  });

  it('without client counters in both samples a card lists no engines; engines the adapter already gave are kept', () => {
    expect(buildSnapshot({ ...prev, gpus: [card()] }, { ...next, gpus: [card()], gpuClients: clients(5) }, { seq: 8, ownPids }).gpus[0]?.engines).toEqual([]);
    const given = [{ name: 'render', utilizationPercent: 3 }];
    const snapshot = buildSnapshot({ ...prev, gpuClients: clients(0) }, { ...next, gpus: [card(given)], gpuClients: clients(9_000_000) }, { seq: 8, ownPids });
    expect(snapshot.gpus[0]?.engines).toEqual(given);
  });
});

describe('buildSnapshot with Windows figures', () => {
  const winDisk = (activePercent: number | null, transfers: number | null = null, secondsPerTransfer: number | null = null): RawDisk => ({
    id: '0 C:',
    name: 'Disk 0 (C:)',
    readBytes: 1_000,
    writeBytes: 2_000,
    busyMs: null,
    activePercent,
    transfers,
    transferMs: null,
    secondsPerTransfer,
  });

  it('takes a disk’s active time as the OS measured it, and keeps it null when unknown', () => {
    const snapshot = buildSnapshot(
      { ...prev, disks: [winDisk(null)] },
      { ...next, disks: [{ ...winDisk(42.5), readBytes: 1_000 + 4096 }, { ...winDisk(null), id: '1 D:', name: 'Disk 1 (D:)' }] },
      { seq: 4, ownPids },
    );
    expect(snapshot.disks).toEqual([
      { id: '0 C:', name: 'Disk 0 (C:)', readBytesPerSec: 4096, writeBytesPerSec: 0, activePercent: 42.5, responseTimeMs: null },
      { id: '1 D:', name: 'Disk 1 (D:)', readBytesPerSec: null, writeBytesPerSec: null, activePercent: null, responseTimeMs: null },
    ]);
  });

  it('takes PDH\'s seconds per transfer as ms, and null for an interval without a transfer', () => {
    const snapshot = buildSnapshot(
      { ...prev, disks: [winDisk(10, 5_000), { ...winDisk(0, 900), id: '1 D:' }] },
      { ...next, disks: [winDisk(10, 5_040, 0.0045), { ...winDisk(0, 900, 0), id: '1 D:' }] },
      { seq: 4, ownPids },
    );
    expect(snapshot.disks.map((d) => [d.id, d.responseTimeMs])).toEqual([
      ['0 C:', 4.5],
      // PDH reads 0 s with no transfer: no response time, not 0 ms.
      ['1 D:', null],
    ]);
  });

  it('groups apps by the Windows rule when the sample says so, and the snapshot stays valid', () => {
    const explorer = proc(3000, { name: 'explorer.exe', exePath: 'C:\\Windows\\explorer.exe', hasAppWindow: true, isShell: true, description: 'Windows Explorer' });
    const notepad = proc(3100, { ppid: 3000, name: 'notepad.exe', hasAppWindow: true, isNotResponding: true, description: 'Notepad' });
    const system = proc(4, { ppid: 0, name: 'System', exePath: null });
    const sample = { ...next, appRule: 'windows' as const, processes: [system, explorer, notepad] };
    const snapshot = buildSnapshot({ ...prev, processes: [] }, sample, { seq: 5, ownPids });
    expect(snapshotSchema.parse(snapshot).apps).toEqual([
      { id: `proc:4:${BOOT_MS + 40}`, name: 'System', category: 'system', members: [{ pid: 4, startTimeMs: BOOT_MS + 40 }], isResponding: null },
      { id: `proc:3000:${BOOT_MS + 30_000}`, name: 'Windows Explorer', category: 'app', members: [{ pid: 3000, startTimeMs: BOOT_MS + 30_000 }], isResponding: true },
      { id: `proc:3100:${BOOT_MS + 31_000}`, name: 'Notepad', category: 'app', members: [{ pid: 3100, startTimeMs: BOOT_MS + 31_000 }], isResponding: false },
    ]);
  });

  it('Linux samples keep the Linux rule (no appRule), with isResponding null', () => {
    const snapshot = buildSnapshot(prev, next, { seq: 6, ownPids });
    expect(snapshot.apps.every((a) => a.isResponding === null)).toBe(true);
    expect(snapshot.apps.find((a) => a.members.some((m) => m.pid === 1))?.category).toBe('system');
  });
});
