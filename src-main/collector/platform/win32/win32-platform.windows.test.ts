/**
 * The Windows adapter against a real Windows API: vitest project `windows` in the Windows
 * workflow, and `npm run test:wine` under Wine here (scripts/wine/). It starts a child of its own
 * that reports what it knows of itself (pid, parent, CreateTime through its own GetProcessTimes),
 * and checks the sampler against that, against GetProcessTimes and GetPriorityClass read through
 * bindings of this test's own (not the adapter's), and against @vscode/windows-process-tree as a
 * second reader of pids, parents, names and working sets. Where Wine fills a field differently
 * from Windows (docs/definitions.md, "Wine" column) the test expects Wine's value only when it
 * detects Wine (ntdll's `wine_get_version`).
 */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotSchema, type ProcessRow, type Snapshot } from '../../../../src-shared/snapshot.ts';
import { buildSnapshot } from '../../compute/snapshot.ts';
import { loadWin32Api } from './win32-api.ts';
import { WindowsPlatform } from './win32-platform.ts';
import { setPriorityClassOf, startChild, WIN_PRIORITY_CLASS, windowsProcessTreeList, type ChildReport } from './windows-test-support.ts';

const isWindows = process.platform === 'win32';
const isWine = isWindows && loadWin32Api().wineVersion() !== null;
const MARKER = `taskmgr-windows-test-${process.pid}-${Date.now()}`;

/** Two samples `gapMs` apart and the snapshot the collector would build from them. */
async function snapshotNow(platform: WindowsPlatform, gapMs = 1000): Promise<Snapshot> {
  const first = platform.sample();
  await sleep(gapMs);
  const second = platform.sample();
  return buildSnapshot(first, second, { seq: 1, ownPids: new Set([process.pid]) });
}

describe.runIf(isWindows)('WindowsPlatform on this Windows (or Wine)', () => {
  let child: ChildProcess;
  let report: ChildReport;
  let platform: WindowsPlatform;
  let snapshot: Snapshot;
  let row: ProcessRow | undefined;

  beforeAll(async () => {
    ({ child, report } = await startChild(MARKER));
    platform = new WindowsPlatform({ intervalMs: 1000, includeLoopback: false });
    snapshot = await snapshotNow(platform);
    row = snapshot.processes.find((p) => p.pid === report.pid);
  });

  afterAll(() => {
    platform?.close();
    child?.kill(); // the child this test started, by its own handle
  });

  it('lists the test’s own child with the exact start time the child reports (CreateTime, floored ms)', () => {
    expect(row).toBeDefined();
    const expected = Number(BigInt(report.creationTime) / 10_000n) - 11_644_473_600_000;
    expect(row?.startTimeMs).toBe(expected);
  });

  it('gives the same start time from a second, separately started sampler (identity)', () => {
    const again = new WindowsPlatform({ intervalMs: 1000, includeLoopback: false });
    try {
      expect(again.sample().processes.find((p) => p.pid === report.pid)?.startTimeMs).toBe(row?.startTimeMs);
    } finally {
      again.close();
    }
  });

  it('knows the child’s parent (as the child knows it), name, path, owner and version strings', () => {
    expect(row?.ppid).toBe(report.ppid);
    expect(row?.ppid).toBe(process.pid);
    expect(row?.name.toLowerCase()).toBe(path.basename(process.execPath).toLowerCase());
    expect(row?.exePath?.toLowerCase()).toBe(process.execPath.toLowerCase());
    expect(row?.user?.toLowerCase()).toBe(os.userInfo().username.toLowerCase());
    expect(row?.description).toBe('Node.js JavaScript Runtime');
    expect(row?.publisher).toBe('Node.js');
    expect(row?.services).toEqual([]);
  });

  it('reads the command line (Windows 8.1+); Wine refuses ProcessCommandLineInformation: unknown, never a guess', () => {
    if (isWine) expect(row?.commandLine).toBeNull();
    else expect(row?.commandLine).toContain(MARKER);
  });

  it('gives the child plausible figures; private working set only where the OS fills it', () => {
    if (!row) throw new Error('child not listed');
    expect(row.threads).toBeGreaterThan(0);
    expect(row.handles).toBeGreaterThan(0);
    expect(row.residentBytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(row.commitBytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(row.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(row.cpuPercent).toBeLessThanOrEqual(100);
    expect(row.priority).toBe('normal');
    if (isWine) {
      expect(row.memoryBytes).toBeNull(); // Wine leaves WorkingSetPrivateSize 0
      expect(row.ioReadBytesPerSec).toBeNull(); // and the I/O transfer counts
    } else {
      expect(row.memoryBytes).toBeGreaterThan(1024 * 1024);
      expect(row.residentBytes).toBeGreaterThanOrEqual(row.memoryBytes ?? 0);
    }
  });

  it('CPU %: a busy child’s figure equals Δ(its own CPU time) ÷ (Δwall × logical CPUs) over the same window', async () => {
    const busy = await startChild(`${MARKER}-busy`, { isBusy: true });
    try {
      await sleep(500);
      const before = platform.sample();
      const cpuBeforeUs = busy.cpuUs();
      await sleep(2000);
      const after = platform.sample();
      const cpuAfterUs = busy.cpuUs();
      const built = buildSnapshot(before, after, { seq: 2, ownPids: new Set([process.pid]) });
      const ours = built.processes.find((p) => p.pid === busy.report.pid)?.cpuPercent;
      const cpuMs = (cpuAfterUs - cpuBeforeUs) / 1000;
      const truth = (cpuMs / (built.intervalMs * os.cpus().length)) * 100;
      expect(truth).toBeGreaterThan(100 / os.cpus().length / 3); // the child really was busy
      expect(ours).toBeDefined();
      expect(Math.abs((ours ?? 0) - truth)).toBeLessThan(5);
    } finally {
      busy.child.kill();
    }
  });

  it('reads each priority class the child is given (GetPriorityClass agrees)', () => {
    for (const priority of ['belowNormal', 'high', 'idle', 'aboveNormal', 'normal'] as const) {
      expect(setPriorityClassOf(report.pid, WIN_PRIORITY_CLASS[priority])).toBe(WIN_PRIORITY_CLASS[priority]);
      expect(platform.sample().processes.find((p) => p.pid === report.pid)?.priority).toBe(priority);
    }
  });

  it('agrees with @vscode/windows-process-tree on every pid, parent and name, and on working sets', async () => {
    const ours = platform.sample().processes;
    const theirs = await windowsProcessTreeList();
    const again = new Map(platform.sample().processes.map((p) => [p.pid, p]));
    // Only processes alive across all three reads, with the same identity, are compared.
    const stable = ours.filter((p) => again.get(p.pid)?.startTimeMs === p.startTimeMs && theirs.has(p.pid));
    expect(stable.length).toBeGreaterThanOrEqual(isWine ? 5 : 20);
    expect(stable.length).toBeGreaterThanOrEqual(ours.length - 5);
    for (const p of stable) {
      const other = theirs.get(p.pid);
      expect({ pid: p.pid, ppid: p.ppid, name: p.name.toLowerCase() }).toEqual({ pid: p.pid, ppid: other?.ppid, name: other?.name.toLowerCase() });
    }
    // The child idles: its working set moves little between the two reads.
    const mine = theirs.get(report.pid)?.memory ?? 0;
    expect(Math.abs((again.get(report.pid)?.residentBytes ?? 0) - mine)).toBeLessThan(Math.max(4 * 1024 * 1024, mine * 0.1));
  });

  it('reads a suspended child as stopped and a resumed one as running (Wine fills no wait reasons: running)', async () => {
    const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
    const kernel32 = koffi.load('kernel32.dll');
    const ntdll = koffi.load('ntdll.dll');
    const OpenProcess = kernel32.func('void * __stdcall OpenProcess(uint32 access, int inherit, uint32 pid)');
    const CloseHandle = kernel32.func('int __stdcall CloseHandle(void *h)');
    const NtSuspendProcess = ntdll.func('int32 __stdcall NtSuspendProcess(void *h)');
    const NtResumeProcess = ntdll.func('int32 __stdcall NtResumeProcess(void *h)');
    const handle: unknown = OpenProcess(0x0800 /* PROCESS_SUSPEND_RESUME */, 0, report.pid);
    expect(handle).not.toBeNull();
    try {
      expect(NtSuspendProcess(handle)).toBe(0);
      await sleep(100);
      expect(platform.sample().processes.find((p) => p.pid === report.pid)?.state).toBe(isWine ? 'running' : 'stopped');
      expect(NtResumeProcess(handle)).toBe(0);
      await sleep(100);
      expect(platform.sample().processes.find((p) => p.pid === report.pid)?.state).toBe('running');
    } finally {
      CloseHandle(handle);
    }
  });

  it('lists the system drive (its size asked off the tick) within a few seconds, used below total', async () => {
    const mount = (process.env['SystemDrive'] ?? 'C:').toUpperCase();
    let volume: Snapshot['volumes'][number] | undefined;
    for (let waitedMs = 0; !volume && waitedMs < 5_000; waitedMs += 100) {
      await sleep(100); // the answers come on the event loop, between ticks
      volume = platform.sample().volumes.find((v) => v.mount.toUpperCase() === mount);
    }
    expect(volume).toBeDefined();
    expect(volume?.fsType).toMatch(/^(NTFS|ReFS)$/);
    expect(volume?.totalBytes).toBeGreaterThan(volume?.usedBytes ?? Number.POSITIVE_INFINITY);
    expect(volume?.usedBytes).toBeGreaterThan(0);
    expect(Number.isInteger(volume?.totalBytes)).toBe(true);
  });

  it('is a valid snapshot by the contract, every figure in its range', () => {
    const s = snapshotSchema.parse(snapshot);
    expect(s.cpu.logicalCores).toBe(os.cpus().length);
    expect(s.cpu.perCorePercent).toHaveLength(os.cpus().length);
    expect(s.cpu.totalPercent).toEqual(expect.any(Number));
    expect(s.cpu.kernelPercent ?? 0).toBeLessThanOrEqual(s.cpu.totalPercent ?? 0);
    expect(s.cpu.model).toEqual(expect.any(String));
    expect(s.cpu.speedMhz).toBeGreaterThan(100);
    // Wine's boot time is the wineserver's start; os.uptime() there is the Linux machine's.
    if (isWine) expect(s.cpu.uptimeSec ?? -1).toBeGreaterThanOrEqual(0);
    else expect(Math.abs((s.cpu.uptimeSec ?? 0) - os.uptime())).toBeLessThan(10);
    expect(Math.abs(s.memory.totalBytes - os.totalmem()) / os.totalmem()).toBeLessThan(0.01);
    expect(s.memory.availableBytes).toBeLessThanOrEqual(s.memory.totalBytes);
    expect(s.memory.commitBytes).toBeGreaterThan(0);
    expect(s.memory.commitLimitBytes).toBeGreaterThanOrEqual(s.memory.commitBytes ?? 0);
    // No public source gives the compression store's size, on either.
    expect(s.memory.compressedBytes).toBeNull();
    // GetPerformanceInfo's pools: real on Windows; where a source fills none (0 pages) they are unknown, never 0.
    for (const pool of [s.memory.pagedPoolBytes, s.memory.nonPagedPoolBytes]) {
      if (pool !== null) expect(pool).toBeGreaterThan(0);
    }
    if (isWine) {
      // Wine's PDH has no Memory, PhysicalDisk or Network Interface counters: unknown and none.
      expect([s.memory.cachedBytes, s.disks, s.network]).toEqual([null, [], []]);
      expect([s.memory.modifiedBytes, s.memory.standbyBytes, s.memory.freeBytes]).toEqual([null, null, null]);
      expect(s.totals.processes).toBeGreaterThanOrEqual(5);
      expect(s.totals.handles).toBeGreaterThan(100);
      return;
    }
    expect(s.memory.cachedBytes).toBeGreaterThan(0);
    // The composition bar: the page lists fit in the machine, and standby + modified is Task Manager's "Cached".
    const { modifiedBytes, standbyBytes, freeBytes } = s.memory;
    expect([modifiedBytes, standbyBytes, freeBytes]).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)]);
    expect((modifiedBytes ?? 0) + (standbyBytes ?? 0) + (freeBytes ?? 0)).toBeLessThanOrEqual(s.memory.totalBytes);
    expect((modifiedBytes ?? 0) + (standbyBytes ?? 0)).toBe(s.memory.cachedBytes);
    expect(s.memory.nonPagedPoolBytes).toBeGreaterThan(0);
    expect(s.totals.processes).toBeGreaterThan(20);
    expect(s.totals.handles).toBeGreaterThan(1000);
    expect(s.disks.length).toBeGreaterThan(0);
    for (const d of s.disks) {
      expect(d.name).toMatch(/^Disk \d+/);
      expect(d.activePercent).toEqual(expect.any(Number));
      // Null only for an interval without a transfer.
      if (d.responseTimeMs !== null) expect(d.responseTimeMs).toBeGreaterThanOrEqual(0);
    }
    expect(s.network.length).toBeGreaterThan(0);
    for (const g of s.gpus) {
      expect(g.name).toMatch(/^GPU \d+$/);
      const names = g.engines.map((e) => e.name);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
      for (const e of g.engines) expect(e.utilizationPercent ?? -1).toBeLessThanOrEqual(g.utilizationPercent ?? -1);
    }
  });

  it('every process row is well formed, and the figures add up to the machine', () => {
    const pids = new Set<number>();
    let cpuSum = 0;
    for (const p of snapshot.processes) {
      expect(pids.has(p.pid)).toBe(false);
      pids.add(p.pid);
      expect(Number.isInteger(p.startTimeMs)).toBe(true);
      expect(p.startTimeMs).toBeLessThanOrEqual(snapshot.takenAtMs);
      expect(p.name.length).toBeGreaterThan(0);
      cpuSum += p.cpuPercent ?? 0;
    }
    // The rows add up to the total (Idle is not a row); CPU time is charged in scheduler ticks, so allow slack.
    expect(cpuSum).toBeLessThanOrEqual((snapshot.cpu.totalPercent ?? 0) + 25);
  });

  it('System is a system process (Wine has none), and a service host names its services', () => {
    const system = snapshot.processes.find((p) => p.pid === 4);
    if (isWine) expect(system).toBeUndefined();
    else {
      expect(system?.name).toBe('System');
      expect(snapshot.apps.find((a) => a.members.some((m) => m.pid === 4))?.category).toBe('system');
    }
    expect(snapshot.processes.some((p) => p.name.toLowerCase() === 'svchost.exe' && (p.services?.length ?? 0) > 0)).toBe(true);
  });

  it('puts every process in exactly one app', () => {
    const members = snapshot.apps.flatMap((a) => a.members.map((m) => m.pid)).sort((a, b) => a - b);
    expect(members).toEqual(snapshot.processes.map((p) => p.pid).sort((a, b) => a - b));
  });
});
