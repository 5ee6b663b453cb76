/**
 * The product as a user runs it: `npm run serve`'s bundles (lean heap), one page connected (a
 * WebSocket that authenticates and takes every message), history recorded (to a folder of the
 * bench's own, as a user's host records by default) unless asked otherwise, every process of ours
 * measured from /proc: the host (its history writer is a thread of it) and the collector it forked. Also the system calls per tick (strace -c -f) of
 * that collector and of the C floor, and the memory drift over a long run at 4 Hz (`--drift`).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServe, type ServeProcess } from '../../src-main/test-support/serve-process.ts';
import type { DriftResult, ProductResult } from './goals.ts';
import { cpuMs, processCount, rssBytes, round } from './proc-measure.ts';

const TOKEN = 'bench-product-token-0123456789';
const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The children of a process (Linux ≥ 3.5: /proc/<pid>/task/<tid>/children). */
export function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The `calls` total of `strace -c` output (its last "total" row). Pure; null when absent. */
export function straceTotalCalls(summary: string): number | null {
  const total = summary.split('\n').find((line) => /\btotal\s*$/.test(line));
  if (!total) return null;
  // "100.00    0.012345           2      6012        35 total": % time, seconds, usecs/call, calls, [errors], "total".
  const numbers = total.trim().split(/\s+/).slice(0, -1).map(Number);
  const calls = numbers[3];
  return calls === undefined || !Number.isFinite(calls) ? null : calls;
}

/** Counts system calls of `pid` (and its threads) for `seconds`, with strace; null without strace. */
async function countSyscalls(pid: number, seconds: number): Promise<number | null> {
  const out = path.join(os.tmpdir(), `bench-strace-${process.pid}-${pid}.txt`);
  const strace = spawn('strace', ['-c', '-f', '-o', out, '-p', String(pid)], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => strace.once('exit', () => resolve()));
  const failed = await Promise.race([exited.then(() => true), sleepMs(seconds * 1000).then(() => false)]);
  if (!failed) {
    strace.kill('SIGINT'); // our own strace: it detaches and writes its summary
    await exited;
  }
  try {
    return straceTotalCalls(fs.readFileSync(out, 'utf8'));
  } catch {
    return null;
  } finally {
    fs.rmSync(out, { force: true });
  }
}

async function startProduct(args: readonly string[], isHistoryOn = true): Promise<{ host: ServeProcess; page: WebSocket; hostPid: number; collectorPid: number; historyDir: string | null }> {
  const historyDir = isHistoryOn ? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-history-')) : null;
  const history = historyDir === null ? ['--no-history'] : ['--history-dir', historyDir];
  const host = await startServe(['--port', '0', '--token', TOKEN, ...history, ...args], {}, 'bundle');
  const page = new WebSocket(`${host.url.replace(/^http/, 'ws')}/api/stream`);
  page.addEventListener('open', () => page.send(JSON.stringify({ type: 'auth', token: TOKEN })));
  const hostPid = host.child.pid ?? 0;
  for (let i = 0; i < 50 && childPids(hostPid).length === 0; i++) await sleepMs(100);
  const collectorPid = childPids(hostPid)[0] ?? 0;
  return { host, page, hostPid, collectorPid, historyDir };
}

async function endProduct(product: { host: ServeProcess; page: WebSocket; historyDir: string | null }): Promise<void> {
  product.page.close();
  await product.host.end();
  if (product.historyDir !== null) fs.rmSync(product.historyDir, { recursive: true, force: true });
}

/**
 * CPU per tick of the host and its collector over `ticks` s at 1 Hz after `warmTicks`, their RSS at
 * the end, and (with `floorSyscallsPerTick` given) the collector's system calls per tick.
 */
export async function measureProduct(options: {
  warmTicks: number;
  ticks: number;
  countSyscalls: boolean;
  floorSyscallsPerTick: number | null;
  isHistoryOn?: boolean;
}): Promise<ProductResult> {
  const product = await startProduct([], options.isHistoryOn ?? true);
  const { hostPid, collectorPid } = product;
  try {
    await sleepMs(options.warmTicks * 1000);
    const host0 = cpuMs(hostPid, false);
    const collector0 = cpuMs(collectorPid, false);
    await sleepMs(options.ticks * 1000);
    const hostCpu = cpuMs(hostPid, false) - host0;
    const collectorCpu = cpuMs(collectorPid, false) - collector0;
    const result: ProductResult = {
      processes: processCount(),
      ticks: options.ticks,
      hostCpuMsPerTick: round(hostCpu / options.ticks),
      collectorCpuMsPerTick: round(collectorCpu / options.ticks),
      hostRssBytes: rssBytes(hostPid),
      collectorRssBytes: rssBytes(collectorPid),
      collectorSyscallsPerTick: null,
      floorSyscallsPerTick: options.floorSyscallsPerTick,
    };
    if (options.countSyscalls) {
      const calls = await countSyscalls(collectorPid, 10);
      result.collectorSyscallsPerTick = calls === null ? null : Math.round(calls / 10);
    }
    return result;
  } finally {
    await endProduct(product);
  }
}

/** The C floor's system calls per sample: `samples` samples under strace, less none (its start-up is a few dozen calls). */
export async function floorSyscallsPerSample(floor: string, samples: number): Promise<number | null> {
  const out = path.join(os.tmpdir(), `bench-strace-floor-${process.pid}.txt`);
  const child = spawn('strace', ['-c', '-f', '-o', out, floor], { stdio: ['pipe', 'pipe', 'ignore'] });
  const lines: string[] = [];
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (let i = 0; i < samples; i++) {
    child.stdin?.write('\n');
    for (let wait = 0; wait < 100 && lines.length <= i; wait++) await sleepMs(20);
  }
  child.stdin?.end();
  const code = await exited;
  try {
    // The floor exits with a bit of its checksum (so the compiler keeps its work): any exit is a finished run.
    const calls = code !== null ? straceTotalCalls(fs.readFileSync(out, 'utf8')) : null;
    return calls === null ? null : Math.round(calls / samples);
  } catch {
    return null;
  } finally {
    fs.rmSync(out, { force: true });
  }
}

/** Resident memory of the host and collector at tick 120 and after `ticks` at `intervalMs` (`--drift`). */
export async function measureDrift(ticks: number, intervalMs: number): Promise<DriftResult> {
  const product = await startProduct(['--interval-ms', String(intervalMs)]);
  const { hostPid, collectorPid } = product;
  try {
    await sleepMs(120 * intervalMs);
    const start = { host: rssBytes(hostPid), collector: rssBytes(collectorPid) };
    await sleepMs((ticks - 120) * intervalMs);
    return {
      ticks,
      intervalMs,
      processes: processCount(),
      host: { startBytes: start.host, endBytes: rssBytes(hostPid) },
      collector: { startBytes: start.collector, endBytes: rssBytes(collectorPid) },
    };
  } finally {
    await endProduct(product);
  }
}
