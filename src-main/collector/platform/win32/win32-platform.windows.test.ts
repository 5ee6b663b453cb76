/**
 * The Windows adapter against the real OS (vitest project `windows`, the Windows workflow only).
 * It starts a child process of its own that reports its creation time (GetProcessTimes through
 * koffi), then checks that the sampler lists it with exactly that start time, its parent, path,
 * command line, owner and figures; that a suspend shows as `stopped`; that the system drive's size
 * arrives off the tick; and that every figure of a real snapshot has the contract's type and a
 * plausible range.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Koffi from 'koffi';
import { snapshotSchema, type ProcessRow, type Snapshot } from '../../../../src-shared/snapshot.ts';
import { buildSnapshot } from '../../compute/snapshot.ts';
import { WindowsPlatform } from './win32-platform.ts';

const isWindows = process.platform === 'win32';
const MARKER = `taskmgr-windows-test-${process.pid}-${Date.now()}`;

/** The child: prints its pid and its CreateTime (FILETIME, as a decimal string), then idles. */
const CHILD_SCRIPT = `
const koffi = require('koffi');
const k32 = koffi.load('kernel32.dll');
const GetCurrentProcess = k32.func('void * __stdcall GetCurrentProcess()');
const GetProcessTimes = k32.func('int __stdcall GetProcessTimes(void *h, void *c, void *e, void *k, void *u)');
const times = [0, 1, 2, 3].map(() => Buffer.alloc(8));
if (!GetProcessTimes(GetCurrentProcess(), ...times)) throw new Error('GetProcessTimes failed');
process.stdout.write(JSON.stringify({ pid: process.pid, creationTime: times[0].readBigUInt64LE(0).toString() }) + '\\n');
setInterval(() => {}, 1000);
`;

interface ChildReport {
  pid: number;
  creationTime: string;
}

async function startChild(): Promise<{ child: ChildProcess; report: ChildReport }> {
  const child = spawn(process.execPath, ['-e', CHILD_SCRIPT, MARKER], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`the child exited (${code}) before reporting`)));
  });
  return { child, report: JSON.parse(line) as ChildReport };
}

/** Two samples `gapMs` apart and the snapshot the collector would build from them. */
async function snapshotNow(platform: WindowsPlatform, gapMs = 1000): Promise<Snapshot> {
  const first = platform.sample();
  await sleep(gapMs);
  const second = platform.sample();
  return buildSnapshot(first, second, { seq: 1, ownPids: new Set([process.pid]) });
}

describe.runIf(isWindows)('WindowsPlatform on this Windows machine', () => {
  let child: ChildProcess;
  let report: ChildReport;
  let platform: WindowsPlatform;
  let snapshot: Snapshot;
  let row: ProcessRow | undefined;

  beforeAll(async () => {
    ({ child, report } = await startChild());
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

  it('knows the child’s parent, name, path, command line, owner and version strings', () => {
    expect(row?.ppid).toBe(process.pid);
    expect(row?.name.toLowerCase()).toBe(path.basename(process.execPath).toLowerCase());
    expect(row?.exePath?.toLowerCase()).toBe(process.execPath.toLowerCase());
    expect(row?.commandLine).toContain(MARKER);
    expect(row?.user?.toLowerCase()).toBe(os.userInfo().username.toLowerCase());
    expect(row?.description).toEqual(expect.any(String));
    expect(row?.publisher).toEqual(expect.any(String));
    expect(row?.services).toEqual([]);
  });

  it('gives the child plausible figures', () => {
    if (!row) throw new Error('child not listed');
    expect(row.state).toBe('running');
    expect(row.threads).toBeGreaterThan(0);
    expect(row.handles).toBeGreaterThan(0);
    expect(row.memoryBytes).toBeGreaterThan(1024 * 1024);
    expect(row.residentBytes).toBeGreaterThanOrEqual(row.memoryBytes ?? 0);
    expect(row.commitBytes).toBeGreaterThan(0);
    expect(row.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(row.cpuPercent).toBeLessThanOrEqual(100);
    expect(row.priority).toBe('normal');
  });

  it('reads a suspended child as stopped and a resumed one as running', async () => {
    const koffi = createRequire(import.meta.url)('koffi') as typeof Koffi;
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
      expect(platform.sample().processes.find((p) => p.pid === report.pid)?.state).toBe('stopped');
      expect(NtResumeProcess(handle)).toBe(0);
      await sleep(100);
      expect(platform.sample().processes.find((p) => p.pid === report.pid)?.state).toBe('running');
    } finally {
      CloseHandle(handle);
    }
  });

  it('lists the system drive (its size asked off the tick) within a few seconds, used below total', async () => {
    const mount = (process.env.SystemDrive ?? 'C:').toUpperCase();
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
    expect(Math.abs((s.cpu.uptimeSec ?? 0) - os.uptime())).toBeLessThan(10);
    expect(Math.abs(s.memory.totalBytes - os.totalmem()) / os.totalmem()).toBeLessThan(0.01);
    expect(s.memory.availableBytes).toBeLessThanOrEqual(s.memory.totalBytes);
    expect(s.memory.cachedBytes).toBeGreaterThan(0);
    expect(s.memory.commitBytes).toBeGreaterThan(0);
    expect(s.memory.commitLimitBytes).toBeGreaterThanOrEqual(s.memory.commitBytes ?? 0);
    expect(s.totals.processes).toBeGreaterThan(20);
    expect(s.totals.handles).toBeGreaterThan(1000);
    expect(s.disks.length).toBeGreaterThan(0);
    for (const d of s.disks) {
      expect(d.name).toMatch(/^Disk \d+/);
      expect(d.activePercent).toEqual(expect.any(Number));
    }
    expect(s.network.length).toBeGreaterThan(0);
    for (const g of s.gpus) expect(g.name).toMatch(/^GPU \d+$/);
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

  it('System is listed as a system process, and at least one service host names its services', () => {
    const system = snapshot.processes.find((p) => p.pid === 4);
    expect(system?.name).toBe('System');
    expect(snapshot.apps.find((a) => a.members.some((m) => m.pid === 4))?.category).toBe('system');
    expect(snapshot.processes.some((p) => p.name.toLowerCase() === 'svchost.exe' && (p.services?.length ?? 0) > 0)).toBe(true);
  });

  it('puts every process in exactly one app', () => {
    const members = snapshot.apps.flatMap((a) => a.members.map((m) => m.pid)).sort((a, b) => a - b);
    expect(members).toEqual(snapshot.processes.map((p) => p.pid).sort((a, b) => a - b));
  });
});
