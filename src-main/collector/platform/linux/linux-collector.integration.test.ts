/**
 * The Linux collector against real processes, checked against /proc as the test reads it over the
 * same window. Tolerances are stated per test; CPU tests run serially (integration project).
 * Every process signalled here was created by this file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { snapshotSchema, type ProcessRow, type Snapshot } from '../../../../src-shared/snapshot.ts';
import { endAllOwned, endOwned, sleepMs, spawnOwned, waitForLine, waitUntil } from '../../../test-support/child-processes.ts';
import { childrenOf, cpuTicks, ioWriteBytes, stateLetter, statusKb } from '../../../test-support/proc-truth.ts';
import { SnapshotBuilder } from '../../snapshot-builder.ts';
import { LinuxPlatform } from './linux-platform.ts';

const TICKS_PER_SEC = 100;
const CORES = os.availableParallelism();
const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskmgr-collector-'));

let platform: LinuxPlatform;
let builder: SnapshotBuilder;

beforeAll(() => {
  platform = new LinuxPlatform({ intervalMs: 1000, nvidiaSmiPath: null });
  builder = new SnapshotBuilder(() => new Set([process.pid]));
  builder.next(platform.sample()); // prime
});

afterEach(endAllOwned);

afterAll(() => {
  platform.close();
  fs.rmSync(scratchDir, { recursive: true, force: true });
});

/** Takes one sample now (the previous one opened the window) and checks it against the schema. */
function sampleNow(): Snapshot {
  const snapshot = builder.next(platform.sample());
  if (!snapshot) throw new Error('no snapshot: zero interval');
  const parsed = snapshotSchema.safeParse(snapshot);
  if (!parsed.success) throw new Error(`snapshot breaks the contract: ${parsed.error.message}`);
  return snapshot;
}

function rowOf(snapshot: Snapshot, pid: number): ProcessRow {
  const row = snapshot.processes.find((p) => p.pid === pid);
  if (!row) throw new Error(`pid ${pid} is not in the snapshot`);
  return row;
}

/**
 * Opens a window (sample + ground truth), waits, closes it the same way, and returns the
 * snapshot plus the test's own CPU % for `pid` over the nearly identical window.
 */
async function measureCpu(pid: number, windowMs: number): Promise<{ snapshot: Snapshot; truthPercent: number }> {
  sampleNow();
  const ticks0 = cpuTicks(pid);
  const t0 = performance.now();
  await sleepMs(windowMs);
  const snapshot = sampleNow();
  const ticks1 = cpuTicks(pid);
  const t1 = performance.now();
  if (ticks0 === null || ticks1 === null) throw new Error('the process vanished');
  const truthPercent = (((ticks1 - ticks0) * 1000) / TICKS_PER_SEC / ((t1 - t0) * CORES)) * 100;
  return { snapshot, truthPercent };
}

function busyLoop(threads: number) {
  const script =
    threads === 1
      ? 'console.log("ready"); for (;;) {}'
      : `const { Worker } = require('node:worker_threads');
         for (let i = 0; i < ${threads}; i++) new Worker('for (;;) {}', { eval: true });
         setTimeout(() => console.log('ready'), 300);`;
  return spawnOwned(process.execPath, ['-e', script]);
}

describe('CPU %', () => {
  it('a one-thread busy loop reads one core’s share, within 2 points of /proc over the same window', async () => {
    const child = busyLoop(1);
    await waitForLine(child, /ready/);
    const pid = child.pid ?? 0;
    const { snapshot, truthPercent } = await measureCpu(pid, 1500);
    const row = rowOf(snapshot, pid);
    expect(row.cpuPercent).not.toBeNull();
    expect(Math.abs((row.cpuPercent ?? 0) - truthPercent)).toBeLessThanOrEqual(2);
    // It is normalised by core count: one busy thread is 100 / cores, not 100.
    expect(row.cpuPercent ?? 0).toBeGreaterThan(100 / CORES - 15);
    expect(row.cpuPercent ?? 0).toBeLessThanOrEqual(100 / CORES + 2);
  });

  it('a 4-thread busy loop is never above 100 %, and matches /proc within 2 points', async () => {
    const child = busyLoop(4);
    await waitForLine(child, /ready/);
    const pid = child.pid ?? 0;
    // Over 2 s, not 1: /proc counts CPU time in 10 ms ticks, so each reading is off by up to a tick,
    // which over 1 s on 2 cores is half a point at each of four ends; a CI run missed by 0.11 of a point.
    for (let i = 0; i < 3; i++) {
      const { snapshot, truthPercent } = await measureCpu(pid, 2000);
      const row = rowOf(snapshot, pid);
      expect(row.cpuPercent ?? -1).toBeLessThanOrEqual(100);
      expect(Math.abs((row.cpuPercent ?? 0) - Math.min(100, truthPercent))).toBeLessThanOrEqual(2);
      for (const p of snapshot.processes) expect(p.cpuPercent ?? 0).toBeLessThanOrEqual(100);
    }
  });

  it('rows add up to within 5 points of the machine total', async () => {
    // A process that exits inside the window takes its CPU time with it (as in Task Manager), so
    // the lower bound is checked on a window in which no process came or went. Windows are short
    // and tried many times: on a busy machine processes come and go every few hundred ms.
    const child = busyLoop(1);
    await waitForLine(child, /ready/);
    const ATTEMPTS = 30;
    for (let attempt = 1; ; attempt++) {
      const before = new Set(sampleNow().processes.map((p) => p.pid));
      await sleepMs(500);
      const snapshot = sampleNow();
      const sum = snapshot.processes.reduce((acc, p) => acc + (p.cpuPercent ?? 0), 0);
      const total = snapshot.cpu.totalPercent ?? NaN;
      expect(sum).toBeLessThanOrEqual(total + 5);
      const isSteady = snapshot.processes.length === before.size && snapshot.processes.every((p) => before.has(p.pid));
      if (isSteady || attempt === ATTEMPTS) {
        expect(isSteady).toBe(true);
        expect(Math.abs(sum - total)).toBeLessThanOrEqual(5);
        expect(sum).toBeGreaterThan(100 / CORES - 15); // the busy loop is in the sum
        break;
      }
    }
    expect(sampleNow().cpu.perCorePercent).toHaveLength(CORES);
  });

  it('a process seen for the first time has cpuPercent null ("—"), never a guess', async () => {
    sampleNow();
    const child = spawnOwned('sleep', ['30']);
    await waitUntil(() => stateLetter(child.pid ?? 0) !== null);
    const snapshot = sampleNow();
    expect(rowOf(snapshot, child.pid ?? 0).cpuPercent).toBeNull();
    expect(rowOf(sampleNow(), child.pid ?? 0).cpuPercent).toBe(0);
  });
});

describe('memory', () => {
  it('300 MiB of touched anonymous memory reads as ≥ 95 % of it in memoryBytes, equal to RssAnon', async () => {
    const child = spawnOwned(process.execPath, [
      '-e',
      'globalThis.keep = Buffer.alloc(300 * 1024 * 1024, 7); console.log("ready"); setInterval(() => {}, 1000);',
    ]);
    await waitForLine(child, /ready/);
    const pid = child.pid ?? 0;
    const row = rowOf(sampleNow(), pid);
    const rssAnon = statusKb(pid, 'RssAnon') ?? 0;
    expect(row.memoryBytes ?? 0).toBeGreaterThanOrEqual(0.95 * 300 * 1024 * 1024);
    // statm resident − shared is RssAnon (+ RssShmem, none here); allow 2 MiB of drift between reads.
    expect(Math.abs((row.memoryBytes ?? 0) - rssAnon)).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(row.residentBytes ?? 0).toBeGreaterThanOrEqual(row.memoryBytes ?? 0);
  });

  it('memory mapped while the process sleeps shows in commitBytes at the next sample (statm is not left stale)', async () => {
    const child = spawnOwned(process.execPath, [
      '-e',
      'console.log("ready"); process.stdin.once("data", () => { globalThis.keep = new ArrayBuffer(1024 * 1024 * 1024); console.log("mapped"); });',
    ]);
    await waitForLine(child, /ready/);
    const pid = child.pid ?? 0;
    const before = rowOf(sampleNow(), pid).commitBytes ?? 0;
    const mapped = waitForLine(child, /mapped/);
    child.stdin?.write('go\n');
    await mapped;
    const row = rowOf(sampleNow(), pid);
    const statmDataBytes = Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[5]) * 4096;
    expect((row.commitBytes ?? 0) - before).toBeGreaterThanOrEqual(1024 * 1024 * 1024);
    // The process keeps allocating a little (Node's heap): the same within 8 MiB.
    expect(Math.abs((row.commitBytes ?? 0) - statmDataBytes)).toBeLessThanOrEqual(8 * 1024 * 1024);
  });

  it('system memory: used = total − available, matching /proc/meminfo within 16 MiB', () => {
    const snapshot = sampleNow();
    const meminfo = fs.readFileSync('/proc/meminfo', 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(meminfo)?.[1]) * 1024;
    expect(snapshot.memory.totalBytes).toBe(kb('MemTotal'));
    expect(snapshot.memory.usedBytes).toBe(snapshot.memory.totalBytes - snapshot.memory.availableBytes);
    expect(Math.abs(snapshot.memory.availableBytes - kb('MemAvailable'))).toBeLessThanOrEqual(16 * 1024 * 1024);
  });
});

describe('names and states', () => {
  function copyOf(binary: string, name: string): string {
    const target = path.join(scratchDir, name);
    fs.copyFileSync(binary, target);
    fs.chmodSync(target, 0o755);
    return target;
  }

  it('a name with spaces and parentheses is read whole', async () => {
    const exe = copyOf('/bin/sleep', 'my (odd) name) x');
    const child = spawnOwned(exe, ['30']);
    await waitUntil(() => stateLetter(child.pid ?? 0) === 'S');
    const row = rowOf(sampleNow(), child.pid ?? 0);
    expect(row.name).toBe('my (odd) name) x');
    expect(row.state).toBe('sleeping');
    expect(row.exePath).toBe(exe);
    expect(row.commandLine).toBe(`${exe} 30`);
  });

  it('a name longer than 15 characters is shown in full, not as the kernel’s cut comm', async () => {
    const exe = copyOf('/bin/sleep', 'a-rather-long-process-name');
    const child = spawnOwned(exe, ['30']);
    await waitUntil(() => stateLetter(child.pid ?? 0) === 'S');
    expect(fs.readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim()).toBe('a-rather-long-p');
    expect(rowOf(sampleNow(), child.pid ?? 0).name).toBe('a-rather-long-process-name');
  });

  it('a zombie reads as zombie', async () => {
    // The shell starts a child that exits at once, then becomes `sleep`, which never reaps it.
    const parent = spawnOwned('sh', ['-c', 'sleep 0 & exec sleep 30']);
    let zombie = 0;
    await waitUntil(() => {
      zombie = childrenOf(parent.pid ?? 0).find((pid) => stateLetter(pid) === 'Z') ?? 0;
      return zombie !== 0;
    }, 10_000, 'a zombie child');
    const row = rowOf(sampleNow(), zombie);
    expect(row.state).toBe('zombie');
    expect(row.ppid).toBe(parent.pid);
  });

  it('a stopped process reads as stopped, and as sleeping again once continued', async () => {
    const child = spawnOwned('sleep', ['30']);
    const pid = child.pid ?? 0;
    await waitUntil(() => stateLetter(pid) === 'S');
    process.kill(pid, 'SIGSTOP');
    await waitUntil(() => stateLetter(pid) === 'T');
    expect(rowOf(sampleNow(), pid).state).toBe('stopped');
    process.kill(pid, 'SIGCONT');
    await waitUntil(() => stateLetter(pid) === 'S');
    expect(rowOf(sampleNow(), pid).state).toBe('sleeping');
  });

  it('a process that exits between two samples is gone from the second, and its open fds are counted while it lives', async () => {
    const child = spawnOwned(process.execPath, ['-e', 'const fs = require("node:fs"); for (let i = 0; i < 40; i++) fs.openSync("/dev/null", "r"); console.log("ready"); setInterval(() => {}, 1000);']);
    await waitForLine(child, /ready/);
    const pid = child.pid ?? 0;
    const row = rowOf(sampleNow(), pid);
    expect(row.handles).toBe(fs.readdirSync(`/proc/${pid}/fd`).length);
    expect(row.handles ?? 0).toBeGreaterThanOrEqual(40);
    await endOwned(child);
    expect(sampleNow().processes.some((p) => p.pid === pid && p.startTimeMs === row.startTimeMs)).toBe(false);
  });

  it('the open-fd count follows the process from tick to tick (the fd folder is kept open and fstat-ed)', async () => {
    const child = spawnOwned(process.execPath, [
      '-e',
      'const fs = require("node:fs"); const fds = []; const open = (n) => { for (let i = 0; i < n; i++) fds.push(fs.openSync("/dev/null", "r")); }; open(10); console.log("ready 10"); process.stdin.on("data", (d) => { if (String(d).startsWith("more")) { open(30); console.log("ready 40"); } else { for (const fd of fds.splice(0, 25)) fs.closeSync(fd); console.log("ready 15"); } });',
    ]);
    await waitForLine(child, /ready 10/);
    const pid = child.pid ?? 0;
    const counts: [number | null, number][] = [];
    const observe = () => counts.push([rowOf(sampleNow(), pid).handles, fs.readdirSync(`/proc/${pid}/fd`).length]);
    observe();
    child.stdin?.write('more\n');
    await waitForLine(child, /ready 40/);
    observe();
    child.stdin?.write('fewer\n');
    await waitForLine(child, /ready 15/);
    observe();
    for (const [ours, truth] of counts) expect(ours).toBe(truth);
    // 10, then 30 more, then 25 fewer: the same descriptor saw every change.
    const [first, second, third] = counts.map(([ours]) => ours ?? 0);
    expect((second ?? 0) - (first ?? 0)).toBe(30);
    expect((second ?? 0) - (third ?? 0)).toBe(25);
  });

  it('processes that exit mid-sample never break a sample or its contract', async () => {
    const churn = spawnOwned('sh', ['-c', 'while :; do /bin/true; /bin/true & done'], { detached: true });
    await sleepMs(200);
    for (let i = 0; i < 25; i++) {
      await sleepMs(40);
      const snapshot = sampleNow(); // throws if the schema breaks
      expect(snapshot.processes.length).toBeGreaterThan(0);
    }
    await endOwned(churn);
  });
});

describe('I/O', () => {
  it('writing and fsyncing 50 MiB to a disk-backed file reads as 50 MiB over the window (±10 %), as /proc/<pid>/io says', async () => {
    const dir = fs.mkdtempSync(path.join(process.cwd(), '.io-test-'));
    try {
      const child = spawnOwned(process.execPath, [
        '-e',
        `const fs = require('node:fs');
         console.log('ready');
         process.stdin.once('data', () => {
           const fd = fs.openSync(${JSON.stringify(path.join(dir, 'data.bin'))}, 'w');
           const chunk = Buffer.alloc(1024 * 1024, 1);
           for (let i = 0; i < 50; i++) fs.writeSync(fd, chunk);
           fs.fsyncSync(fd);
           fs.closeSync(fd);
           console.log('done');
         });`,
      ]);
      await waitForLine(child, /ready/);
      const pid = child.pid ?? 0;
      sampleNow();
      const before = ioWriteBytes(pid) ?? 0;
      const done = waitForLine(child, /done/);
      child.stdin?.write('go\n');
      await done;
      const snapshot = sampleNow();
      const truthBytes = (ioWriteBytes(pid) ?? 0) - before;
      const row = rowOf(snapshot, pid);
      const bytesInWindow = ((row.ioWriteBytesPerSec ?? 0) * snapshot.intervalMs) / 1000;
      expect(truthBytes).toBeGreaterThanOrEqual(50 * 1024 * 1024 * 0.9);
      expect(bytesInWindow).toBeCloseTo(truthBytes, -3);
      expect(bytesInWindow).toBeGreaterThanOrEqual(50 * 1024 * 1024 * 0.9);
      expect(bytesInWindow).toBeLessThanOrEqual(50 * 1024 * 1024 * 1.1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('scale and grouping', () => {
  it('2,000 extra processes are all listed', async () => {
    const script = 'i=0; while [ $i -lt 2000 ]; do sleep 600 & i=$((i+1)); done; echo ready; wait';
    const parent = spawnOwned('sh', ['-c', script], { detached: true });
    await waitForLine(parent, /ready/, 60_000);
    const expected = childrenOf(parent.pid ?? 0);
    expect(expected.length).toBe(2000);
    const listed = new Set(sampleNow().processes.map((p) => p.pid));
    const missing = expected.filter((pid) => !listed.has(pid) && stateLetter(pid) !== null);
    expect(missing).toEqual([]);
    await endOwned(parent);
  });

  it('processes of one executable are one app, whoever their parents; a different executable is not folded in', async () => {
    const sh = path.join(scratchDir, 'apptest-sh');
    fs.copyFileSync('/bin/sh', sh);
    fs.chmodSync(sh, 0o755);
    // Two children of the same executable, each running a `sleep` (another executable), and an unrelated third.
    const parent = spawnOwned(sh, ['-c', `"$0" -c 'sleep 600; true' & "$0" -c 'sleep 600; true' & echo ready; wait`]);
    const unrelated = spawnOwned(sh, ['-c', 'echo ready; sleep 600; true']);
    await waitForLine(parent, /ready/);
    await waitForLine(unrelated, /ready/);
    const parentPid = parent.pid ?? 0;
    await waitUntil(() => childrenOf(parentPid).length === 2 && childrenOf(parentPid).every((c) => childrenOf(c).length === 1));
    const children = childrenOf(parentPid);
    const sleeps = children.flatMap((c) => childrenOf(c));
    const snapshot = sampleNow();
    const appOf = (pid: number) => snapshot.apps.find((a) => a.members.some((m) => m.pid === pid));
    const app = appOf(parentPid);
    expect(app?.name).toBe('apptest-sh');
    expect(app?.id).toBe(`exe:${fs.realpathSync(sh)}`);
    expect(app?.members.map((m) => m.pid).sort()).toEqual([parentPid, ...children, unrelated.pid ?? 0].sort());
    for (const pid of sleeps) expect(appOf(pid)?.id).not.toBe(app?.id);
    expect(new Set(sleeps.map((pid) => appOf(pid)?.id)).size).toBe(1);
    // Every process is in exactly one app.
    const memberships = snapshot.apps.flatMap((a) => a.members.map((m) => m.pid));
    expect(new Set(memberships).size).toBe(memberships.length);
    expect(memberships.length).toBe(snapshot.processes.length);
  });
});
