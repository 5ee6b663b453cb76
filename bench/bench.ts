/**
 * `npm run bench`: this project side by side with the tools a user would otherwise pick, in one run
 * on one machine. At ~100, 500 and 2,000 processes (idle `sleep`s this bench starts and ends):
 * CPU per sample (mean over the run, children included) and wall per sample (median, p90) of our
 * collector in its own process, psutil (persistent interpreter), `ps -eo …`, systeminformation and a
 * C floor reading the same /proc files the same way; forks per tick; bytes a UI is sent; resident
 * memory of the collector and of the host. Then accuracy against /proc for burners at known loads,
 * and the renderer in Chromium at 2,000 processes. Writes bench/results/latest.json and .md.
 * Then the whole product as `npm run serve` runs it (host + collector, one page connected) at each
 * size, with the goals of issue #18 beside what was measured. `--ticks N` (default 30) samples per
 * tool per size, at 1 Hz; `--drift` adds 2,400 ticks at 4 Hz (10 minutes) for the memory drift.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { wholeNumberFlag } from './bench-args.ts';
import { measureAccuracy } from './lib/accuracy.ts';
import { LineSampler } from './lib/line-sampler.ts';
import { cpuMs, processCount, quantile, round } from './lib/proc-measure.ts';
import { floorSyscallsPerSample, measureDrift, measureProduct } from './lib/product.ts';
import type { AlertsResult, DriftResult, HistoryStoreResult, ProductResult } from './lib/goals.ts';
import { renderReport } from './lib/report.ts';


const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'bench', 'results');
const ticks = Math.max(5, wholeNumberFlag('bench', process.argv, '--ticks', 30));
const isDriftMeasured = process.argv.includes('--drift');
const sizes = [100, 500, 2000];
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ToolResult {
  tool: string;
  processes: number;
  cpuMsPerTick: number;
  wallMs: { median: number; p90: number };
  note?: string;
}

/** The machine's own processes, counted once at the start (a size is this plus idle ones). */
const baseProcesses = processCount();

/** Idle processes up to `target`, in one process group this bench ends. */
async function idleGroup(target: number): Promise<ChildProcess | null> {
  const extra = Math.max(0, target - baseProcesses);
  if (extra === 0) return null;
  const group = spawn('sh', ['-c', `i=0; while [ $i -lt ${extra} ]; do sleep 3600 & i=$((i+1)); done; echo ready; wait`], {
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => group.stdout?.once('data', () => resolve()));
  return group;
}
async function endGroup(group: ChildProcess | null): Promise<void> {
  if (group?.pid !== undefined && group.exitCode === null && group.signalCode === null) process.kill(-group.pid, 'SIGKILL');
  // Wait until they are gone, so the next size starts from the machine's own processes.
  for (let i = 0; i < 100 && processCount() > baseProcesses + 20; i++) await sleepMs(100);
}

async function runSampler(tool: string, sampler: LineSampler): Promise<{ result: ToolResult; lines: string[] }> {
  await sampler.sample(); // prime / warm up
  const walls: number[] = [];
  const lines: string[] = [];
  const cpu0 = cpuMs(sampler.pid, true);
  for (let i = 0; i < ticks; i++) {
    await sleepMs(1000);
    const sample = await sampler.sample();
    walls.push(sample.wallMs);
    lines.push(sample.line);
  }
  const cpuTotal = cpuMs(sampler.pid, true) - cpu0;
  return {
    result: { tool, processes: processCount(), cpuMsPerTick: round(cpuTotal / ticks), wallMs: { median: round(quantile(walls, 0.5)), p90: round(quantile(walls, 0.9)) } },
    lines,
  };
}

async function runPs(): Promise<ToolResult> {
  const walls: number[] = [];
  const args = ['-eo', 'pid,ppid,comm,time,rss,vsz,nlwp,stat,lstart'];
  spawnSync('ps', args, { stdio: 'ignore' });
  const cpu0 = cpuMs('self', true) - cpuMs('self', false);
  for (let i = 0; i < ticks; i++) {
    await sleepMs(1000);
    const t0 = performance.now();
    spawnSync('ps', args, { stdio: 'ignore', maxBuffer: 64 * 1024 * 1024 });
    walls.push(performance.now() - t0);
  }
  const cpuTotal = cpuMs('self', true) - cpuMs('self', false) - cpu0;
  return {
    tool: 'ps -eo …',
    processes: processCount(),
    cpuMsPerTick: round(cpuTotal / ticks),
    wallMs: { median: round(quantile(walls, 0.5)), p90: round(quantile(walls, 0.9)) },
    note: 'ps has no per-process I/O',
  };
}

function buildFloor(): string | null {
  const out = path.join(results, '.build', 'proc-floor');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  try {
    execFileSync('gcc', ['-O2', '-o', out, path.join(root, 'bench', 'peers', 'proc-floor.c')], { stdio: 'inherit' });
    return out;
  } catch {
    log('gcc is missing: the C floor is left out (scripts/bench-setup.sh installs it)');
    return null;
  }
}

function hasPsutil(): boolean {
  return spawnSync('/usr/bin/python3', ['-c', 'import psutil'], { stdio: 'ignore' }).status === 0;
}

interface SizeResult {
  target: number;
  tools: ToolResult[];
  forksPerTick: number;
  bytesPerTick: { steady: number; full: number };
  collectorRssBytes: number | null;
  hostRssBytes: number | null;
  serveCollectorRssBytes: number | null;
  product: ProductResult;
  /** At 500: the same with history off, for what recording costs (issue #15). */
  productWithoutHistory: ProductResult | null;
}

async function measureSize(target: number, floor: string | null): Promise<SizeResult> {
  const group = await idleGroup(target);
  try {
    log(`${processCount()} processes`);
    const tools: ToolResult[] = [];
    // In a PID namespace of its own (sharing the machine's /proc), so its namespace's last pid
    // counts exactly the processes it forks.
    const ours = new LineSampler('unshare', ['--pid', '--fork', process.execPath, path.join(root, 'bench', 'peers', 'collector-sampler.ts')]);
    await ours.sample();
    const samples: { processes: number; cpuUs: number; fullBytes: number; deltaBytes: number; rssBytes: number; lastPid: number | null }[] = [];
    const walls: number[] = [];
    for (let i = 0; i < ticks; i++) {
      await sleepMs(1000);
      const sample = await ours.sample();
      walls.push(sample.wallMs);
      samples.push(JSON.parse(sample.line) as (typeof samples)[number]);
    }
    ours.close();
    const first = samples[0];
    const last = samples.at(-1);
    const forksPerTick = first?.lastPid != null && last?.lastPid != null ? (last.lastPid - first.lastPid) / Math.max(1, samples.length - 1) : NaN;
    const collectorRssBytes = last?.rssBytes ?? null;
    tools.push({
      tool: 'this collector',
      processes: last?.processes ?? processCount(),
      cpuMsPerTick: round(samples.reduce((sum, s) => sum + s.cpuUs, 0) / samples.length / 1000),
      wallMs: { median: round(quantile(walls, 0.5)), p90: round(quantile(walls, 0.9)) },
    });
    const parsed = samples;
    if (hasPsutil()) {
      const psutil = new LineSampler('/usr/bin/python3', [path.join(root, 'bench', 'peers', 'psutil-sampler.py')]);
      tools.push((await runSampler('psutil', psutil)).result);
      psutil.close();
    }
    tools.push(await runPs());
    const si = new LineSampler(process.execPath, [path.join(root, 'bench', 'peers', 'si-sampler.ts')]);
    tools.push((await runSampler('systeminformation.processes()', si)).result);
    si.close();
    if (floor) {
      const c = new LineSampler(floor, []);
      tools.push((await runSampler('C floor', c)).result);
      c.close();
    }
    // The product as `npm run serve` runs it (bundles, lean heap, one page connected): the host and
    // the collector it forked. At 2,000 the resident memory is read after 120 ticks (steady state),
    // and the system calls per tick are counted beside the C floor's.
    log(`the product (npm run serve) at ${processCount()} processes`);
    const isLargest = target === 2000;
    const floorCalls = isLargest && floor ? await floorSyscallsPerSample(floor, 10) : null;
    const product = await measureProduct({ warmTicks: isLargest ? 120 - ticks : 10, ticks, countSyscalls: isLargest, floorSyscallsPerTick: floorCalls });
    const productWithoutHistory = target === 500 ? await measureProduct({ warmTicks: 10, ticks, countSyscalls: false, floorSyscallsPerTick: null, isHistoryOn: false }) : null;
    const hostRssBytes = isLargest ? product.hostRssBytes : null;
    const serveCollectorRssBytes = isLargest ? product.collectorRssBytes : null;
    return {
      target,
      tools,
      forksPerTick: round(forksPerTick),
      bytesPerTick: { steady: Math.round(quantile(parsed.map((p) => p.deltaBytes), 0.5)), full: Math.round(quantile(parsed.map((p) => p.fullBytes), 0.5)) },
      collectorRssBytes,
      hostRssBytes,
      serveCollectorRssBytes,
      product,
      productWithoutHistory,
    };
  } finally {
    await endGroup(group);
  }
}

const floor = buildFloor();
const bySize: SizeResult[] = [];
for (const target of sizes) bySize.push(await measureSize(target, floor));
let drift: DriftResult | null = null;
if (isDriftMeasured) {
  log('memory drift: 2,400 ticks at 4 Hz, ~2,000 processes (10 minutes)');
  const group = await idleGroup(2000);
  try {
    drift = await measureDrift(2400, 250);
  } finally {
    await endGroup(group);
  }
}
log('accuracy');
const accuracy = await measureAccuracy();
log('renderer');
const rendererGroup = await idleGroup(2000);
let renderer: unknown;
try {
  const run = spawnSync(process.execPath, [path.join(root, 'bench', 'renderer-bench.ts'), '--extra', '0', '--ticks', String(ticks)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  renderer = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? 'null');
} finally {
  await endGroup(rendererGroup);
}

log('history store');
// On a synthetic machine with a fake clock (no processes of the machine's): its last line is the figures.
const historyRun = spawnSync(process.execPath, [path.join(root, 'bench', 'history-bench.ts'), '--processes', '500', '--minutes', '10'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
const historyStore = JSON.parse(historyRun.stdout.trim().split('\n').at(-1) ?? 'null') as HistoryStoreResult | null;

log('rule evaluation');
// Synthetic snapshots through the pure evaluator (no processes of the machine's): its last line is the figures.
const alertsRun = spawnSync(process.execPath, [path.join(root, 'bench', 'alerts-bench.ts'), '--processes', '2000', '--ticks', '1000'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
const alerts = JSON.parse(alertsRun.stdout.trim().split('\n').at(-1) ?? 'null') as AlertsResult | null;

const report = {
  takenAt: new Date().toISOString(),
  machine: { cpu: os.cpus()[0]?.model ?? 'unknown', logicalCpus: os.availableParallelism(), memoryBytes: os.totalmem(), kernel: os.release(), node: process.version },
  ticks,
  sizes: bySize,
  accuracy,
  renderer,
  drift,
  historyStore,
  alerts,
};
fs.mkdirSync(results, { recursive: true });
fs.writeFileSync(path.join(results, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
const markdown = renderReport(report);
fs.writeFileSync(path.join(results, 'latest.md'), markdown);
const readmePath = path.join(root, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const marked = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
if (marked.test(readme)) fs.writeFileSync(readmePath, readme.replace(marked, `<!-- bench:start -->\n${markdown}<!-- bench:end -->`));
process.stdout.write(markdown);
