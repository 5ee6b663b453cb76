/**
 * `npm run bench:alerts -- [--processes N] [--ticks T]`
 *
 * What evaluating the rules costs per tick (src-main/alerts/rule-evaluator.ts): 50 varied rules —
 * machine figures, processes by name, path and any, apps, leaks, events, actions armed and not —
 * over a synthetic machine of N processes (default 2,000) whose figures change every tick, with a
 * process exiting and one starting. Goal (issue #16): ≤ 1 ms a tick. The last line is the figures
 * as JSON, for `npm run bench` (bench/bench.ts).
 */
import type { RuleInput } from '../src-shared/alerts.ts';
import { parseRule } from '../src-shared/alert-schema.ts';
import type { App, ProcessRow, Snapshot } from '../src-shared/snapshot.ts';
import { cpuFigures, FIXTURE_TIME_MS, memoryFigures, processRow, snapshot } from '../src-shared/testing/fixtures.ts';
import { baselineKey, type BaselineAnswer, type EvaluationInput } from '../src-main/alerts/evaluation.ts';
import { createRuleEvaluator } from '../src-main/alerts/rule-evaluator.ts';
import { wholeNumberFlag } from './bench-args.ts';

const processes = Math.max(1, wholeNumberFlag('bench:alerts', process.argv, '--processes', 2000));
const ticks = Math.max(10, wholeNumberFlag('bench:alerts', process.argv, '--ticks', 1000));
const MB = 1024 * 1024;
const NAMES = 200;
const APP_SIZE = 10;

function rules() {
  const inputs: RuleInput[] = [];
  for (let i = 0; i < 8; i++) inputs.push({ name: `any CPU ${i}`, scope: 'process', metric: 'cpuPercent', above: 30 + i * 8, forSeconds: i });
  for (let i = 0; i < 8; i++) inputs.push({ name: `CPU of one ${i}`, scope: 'process', metric: 'cpuPercent', match: { name: `proc-${i * 7}` }, above: 20 + i, forSeconds: 3 });
  for (let i = 0; i < 5; i++) inputs.push({ name: `any memory ${i}`, scope: 'process', metric: 'memoryBytes', above: (200 + i * 50) * MB, forSeconds: 10 });
  for (let i = 0; i < 3; i++) inputs.push({ name: `any leak ${i}`, scope: 'process', metric: 'memoryGrowthBytesPerMin', above: (20 + i * 10) * MB, forSeconds: 120 + i * 240 });
  for (let i = 0; i < 2; i++) inputs.push({ name: `leak of one ${i}`, scope: 'process', metric: 'memoryGrowthBytesPerMin', match: { name: `proc-${i}` }, above: 5 * MB, forSeconds: 600 });
  for (let i = 0; i < 5; i++) inputs.push({ name: `app ${i}`, scope: 'app', metric: i % 2 === 0 ? 'cpuPercent' : 'memoryBytes', match: { app: `App ${i * 11}` }, above: i % 2 === 0 ? 50 : 900 * MB, forSeconds: 5 });
  inputs.push({ name: 'any app CPU', scope: 'app', metric: 'cpuPercent', above: 60, forSeconds: 5 });
  inputs.push({ name: 'Chrome anomaly', scope: 'app', metric: 'memoryBytes', match: { app: 'App 3' }, baseline: { sigmas: 4 }, forSeconds: 30 });
  inputs.push({ name: 'machine CPU', scope: 'machine', metric: 'cpuPercent', above: 80, forSeconds: 60 });
  inputs.push({ name: 'low memory', scope: 'machine', metric: 'memoryAvailableBytes', below: 500 * MB, forSeconds: 30 });
  inputs.push({ name: 'memory in use', scope: 'machine', metric: 'memoryUsedPercent', above: 90, forSeconds: 30 });
  inputs.push({ name: 'any disk', scope: 'machine', metric: 'diskBytesPerSec', above: 100 * MB, forSeconds: 10 });
  inputs.push({ name: 'any interface', scope: 'machine', metric: 'networkBytesPerSec', above: 50 * MB, forSeconds: 10 });
  inputs.push({ name: 'GPU', scope: 'machine', metric: 'gpuPercent', above: 90, forSeconds: 10 });
  inputs.push({ name: 'CPU anomaly', scope: 'machine', metric: 'cpuPercent', baseline: { sigmas: 4 }, forSeconds: 60 });
  for (let i = 0; i < 3; i++) inputs.push({ name: `started ${i}`, scope: 'process', metric: 'started', match: { name: `proc-${i * 13}` } });
  for (let i = 0; i < 2; i++) inputs.push({ name: `exited ${i}`, scope: 'process', metric: 'exited', match: { name: `proc-${i * 17}` } });
  inputs.push({ name: 'hog, lower priority', scope: 'process', metric: 'cpuPercent', above: 50, forSeconds: 3, armed: true, actions: [{ type: 'setPriority', priority: 'belowNormal' }] });
  inputs.push({ name: 'hog, efficiency (dry run)', scope: 'process', metric: 'cpuPercent', above: 40, forSeconds: 3, actions: [{ type: 'setEfficiencyMode' }] });
  inputs.push({ name: 'suspend by path', scope: 'process', metric: 'cpuPercent', match: { path: '/usr/bin/proc-5' }, above: 30, forSeconds: 5, armed: true, actions: [{ type: 'suspend' }] });
  inputs.push({ name: 'end app', scope: 'app', metric: 'memoryBytes', match: { app: 'App 7' }, above: 2000 * MB, forSeconds: 5, armed: true, actions: [{ type: 'end' }] });
  inputs.push({ name: 'app started', scope: 'app', metric: 'started', match: { app: 'App 9' } });
  if (inputs.length !== 50) throw new Error(`the bench wants 50 rules, it made ${inputs.length}`);
  return inputs.map((input, i) => {
    const parsed = parseRule({ id: `rule-${i}`, ...input });
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.value;
  });
}

/**
 * A machine whose figures move every tick, as a busy desktop's do: most processes idle (0–1 % CPU,
 * memory jittering), one in 50 busy with CPU that swings 0–100 %, one in 100 growing 2 MB a tick
 * (a leak), one in 100 large; one process exits and one starts each tick.
 */
function machineAt(seq: number, rows: ProcessRow[]): Snapshot {
  const takenAtMs = FIXTURE_TIME_MS + seq * 1000;
  const next: ProcessRow[] = rows.map((row, i) => {
    const isBusy = row.pid % 50 === 0;
    const cpuPercent = isBusy ? ((row.pid * 37 + seq * 11) % 1000) / 10 : ((row.pid + seq) % 10) / 10;
    const growth = row.pid % 100 === 1 ? 2 * MB : ((i + seq) % 3) * 4096 - 4096;
    return { ...row, cpuPercent, memoryBytes: (row.memoryBytes ?? 0) + growth };
  });
  next.shift();
  const pid = 10_000 + processes + seq;
  next.push(processRow({ pid, name: `proc-${pid % NAMES}`, user: 'me', exePath: `/usr/bin/proc-${pid % NAMES}`, startTimeMs: takenAtMs, cpuPercent: null, memoryBytes: 50 * MB }));
  rows.splice(0, rows.length, ...next);
  const apps: App[] = [];
  for (let a = 0; a * APP_SIZE < next.length; a++) {
    const members = next.slice(a * APP_SIZE, (a + 1) * APP_SIZE).map(({ pid: memberPid, startTimeMs }) => ({ pid: memberPid, startTimeMs }));
    apps.push({ id: `app-${a}`, name: `App ${a}`, category: 'app', members, isResponding: null });
  }
  const wave = (seq % 120) / 120;
  return snapshot({
    seq,
    takenAtMs,
    cpu: cpuFigures({ totalPercent: 40 + 50 * wave }),
    memory: memoryFigures({ availableBytes: (400 + 800 * wave) * MB }),
    disks: ['sda', 'sdb'].map((name, i) => ({ id: name, name, readBytesPerSec: (wave + i) * 90 * MB, writeBytesPerSec: 10 * MB, activePercent: null, responseTimeMs: null })),
    network: [{ name: 'eth0', rxBytesPerSec: wave * 80 * MB, txBytesPerSec: MB, rxTotalBytes: 0, txTotalBytes: 0 }],
    processes: next,
    apps,
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

function main(): void {
  const evaluator = createRuleEvaluator();
  evaluator.setRules(rules());
  const rows = Array.from({ length: processes }, (_, i) =>
    processRow({ pid: 10_000 + i, name: `proc-${i % NAMES}`, user: i % 10 === 0 ? 'root' : 'me', exePath: `/usr/bin/proc-${i % NAMES}`, cpuPercent: 0, memoryBytes: (i % 100 === 7 ? 600 + (i % 400) : 5 + (i % 150)) * MB }),
  );
  const baselines = new Map<string, BaselineAnswer>([
    [baselineKey({ scope: 'app', metric: 'memoryBytes', app: 'App 3', hourOfDay: 14 }), { state: 'known', baseline: { mean: 200 * MB, sigma: 20 * MB, days: 7, samples: 420, hourOfDay: 14 } }],
    [baselineKey({ scope: 'machine', metric: 'cpuPercent', app: null, hourOfDay: 14 }), { state: 'known', baseline: { mean: 30, sigma: 5, days: 7, samples: 420, hourOfDay: 14 } }],
  ]);
  const times: number[] = [];
  let fired = 0;
  let intents = 0;
  // A tenth as warm-up (JIT), not counted.
  const warmUp = Math.floor(ticks / 10);
  for (let seq = 1; seq <= ticks + warmUp; seq++) {
    const snap = machineAt(seq, rows);
    const input: EvaluationInput = { snapshot: snap, nowMs: snap.takenAtMs, hourOfDay: 14, baselines, isControlAllowed: true, ownPids: new Set([10_001]), ownUser: 'me', platform: 'linux' };
    const started = performance.now();
    const output = evaluator.evaluate(input);
    const took = performance.now() - started;
    if (seq > warmUp) {
      times.push(took);
      fired += output.fired.length;
      intents += output.intents.length;
    }
  }
  times.sort((a, b) => a - b);
  const figures = { rules: 50, processes, ticks, medianMs: percentile(times, 0.5), p99Ms: percentile(times, 0.99), fired, intents };
  const isMet = figures.medianMs <= 1;
  console.log(`rule evaluation, 50 rules at ${processes} processes, ${ticks} ticks (Node ${process.version}):`);
  console.log(`  per tick: median ${figures.medianMs.toFixed(3)} ms, p99 ${figures.p99Ms.toFixed(3)} ms (goal ≤ 1 ms: ${isMet ? 'met' : 'NOT MET'}); ${fired} alerts fired, ${intents} intended actions`);
  // For npm run bench (bench/bench.ts): the figures, as the last line.
  console.log(JSON.stringify(figures));
}

main();
