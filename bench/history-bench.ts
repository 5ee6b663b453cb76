/**
 * `node bench/history-bench.ts [--processes 500] [--minutes 10]`
 *
 * What the history store costs, on a synthetic machine (src-main/history/history-synthetic.ts:
 * one process in 10 busy each second, 16 logical CPUs) written through the real store with a fake
 * clock, in a temp folder on this machine's disk:
 * - the CPU a tick of recording: the host thread's recorder and message (best of 20), and the
 *   writer's commits (process CPU around them);
 * - bytes written per hour and per day (this process's /proc/self/io write_bytes over the run,
 *   scaled) and the store's size per hour (file + WAL, scaled the same way);
 * - the store at steady state with the default retention: each table's pages (SQLite's dbstat)
 *   per hour recorded times the hours it keeps (1 s tier a day, minute lists and identities a
 *   week), the 1 min and 1 h tiers per row times their rows in 30 days and a year (identities are
 *   counted high: the run's first ones are every process, not a week's churn), and App history's
 *   usage (counted high: per-process minutes as if none were thinned after a week);
 * - `processesAt` over 2,000 processes (median of 20 reads at the end of a minute: the most 1 s
 *   samples to merge);
 * - a 24 h series at 1 min (1,440 points from the 1 min tier; median of 20 reads);
 * - top 10 over 24 h from the per-minute usage (every process busy every minute; median of 20).
 * Not a test: a measurement, printed; the last line is the figures as JSON (`npm run bench` reads
 * them into its goals table).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { openHistoryDb, type HistoryDb } from '../src-main/history/history-db.ts';
import { answerHistoryQuery, readProcessesAt, readSeries } from '../src-main/history/history-reads.ts';
import { COMMIT_EVERY_MS } from '../src-main/history/history-protocol.ts';
import { HistoryRecorder, type TickRecord } from '../src-main/history/history-recorder.ts';
import { DAY_MS, DEFAULT_RETENTION, HOUR_MS, MINUTE_MS } from '../src-main/history/history-rollup.ts';
import { syntheticMachine } from '../src-main/history/history-synthetic.ts';
import { wholeNumberFlag } from './bench-args.ts';
import type { HistoryStoreResult } from './lib/goals.ts';

const processes = wholeNumberFlag('history-bench', process.argv, '--processes', 500);
const minutes = Math.max(2, wholeNumberFlag('history-bench', process.argv, '--minutes', 10));
const START_MS = Math.floor((Date.now() - 3 * DAY_MS) / HOUR_MS) * HOUR_MS;

function writeBytes(): number {
  const io = fs.readFileSync('/proc/self/io', 'latin1');
  return Number(/write_bytes:\s*(\d+)/.exec(io)?.[1] ?? Number.NaN);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed(run: () => void, times = 20): number {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

/**
 * Feeds `ticks` of a `count`-process machine through a recorder into `store`, committing as the
 * writer does. The ticks are recorded first and then written, so the CPU of the writes (µs a tick,
 * the process's around each commit, over the second half of the run) is theirs alone, as on the
 * writer's own thread and heap.
 */
function feed(store: HistoryDb, count: number, ticks: readonly number[], clock: { nowMs: number }): { rows: number; writeCpuUsPerTick: number } {
  const machine = syntheticMachine(START_MS, count, { busyEvery: 10, cores: 16 });
  const recorder = new HistoryRecorder();
  const records = ticks.map((tick) => recorder.record(machine.snapshotAt(tick))).filter((record) => record !== null);
  let rows = 0;
  let writeCpuUs = 0;
  let measuredTicks = 0;
  let writtenTicks = 0;
  let held: TickRecord[] = [];
  const write = () => {
    // Warm: the writer runs for days; its first minutes (JIT, caches) would double the figure.
    const warm = writtenTicks >= records.length / 2;
    writtenTicks += held.length;
    const before = process.cpuUsage();
    store.writeAll(held);
    const used = process.cpuUsage(before);
    if (warm) {
      writeCpuUs += used.user + used.system;
      measuredTicks += held.length;
    }
    held = [];
  };
  for (const record of records) {
    clock.nowMs = record.t;
    rows += record.rows.length;
    held.push(record);
    // As the writer commits: the ticks of COMMIT_EVERY_MS together.
    if (record.t - (held[0]?.t ?? 0) >= COMMIT_EVERY_MS - 1_000) write();
  }
  write();
  return { rows, writeCpuUsPerTick: writeCpuUs / Math.max(1, measuredTicks) };
}

/**
 * The host thread's part of recording a tick: `HistoryRecorder.record` and the message's
 * structured clone (v8.serialize, the serializer postMessage uses; v8.deserialize is the writer
 * thread's side), µs a tick, best of 20 runs over 120 ticks (timing, not load, is the question).
 */
function hostCostUs(count: number): { recordUs: number; cloneUs: number } {
  const machine = syntheticMachine(START_MS, count, { busyEvery: 10, cores: 16 });
  const snaps = Array.from({ length: 120 }, (_, tick) => machine.snapshotAt(tick));
  let recordUs = Infinity;
  let cloneUs = Infinity;
  for (let run = 0; run < 20; run++) {
    const recorder = new HistoryRecorder();
    const t0 = performance.now();
    const records = snaps.map((snap) => recorder.record(snap));
    const t1 = performance.now();
    for (const record of records) v8.deserialize(v8.serialize(record));
    const t2 = performance.now();
    recordUs = Math.min(recordUs, ((t1 - t0) * 1000) / snaps.length);
    cloneUs = Math.min(cloneUs, ((t2 - t1) * 1000) / snaps.length);
  }
  return { recordUs, cloneUs };
}

function goal(figure: string, measured: string, target: string, isMet: boolean): void {
  console.log(`  ${figure}: ${measured} (goal ${target}: ${isMet ? 'met' : 'NOT MET'})`);
}

/** The store's bytes at steady state with the default retention, from `minutes` of recording into `db`. */
function steadyState(db: HistoryDb, minutes: number): { bytes: number; parts: Record<string, number> } {
  const pages = new Map<string, number>();
  for (const row of db.connection.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all()) pages.set(String(row['name']), Number(row['bytes']));
  const rowsOf = (table: string) => Number(db.connection.prepare(`SELECT count(*) AS n FROM ${table}`).get()?.['n'] ?? 0);
  const perHour = (table: string) => ((pages.get(table) ?? 0) * 60) / minutes;
  const hours = (ms: number) => ms / HOUR_MS;
  const perMinuteRow = (pages.get('system_1m') ?? 0) / Math.max(1, rowsOf('system_1m'));
  const parts = {
    '1 s tier (system_1s, tick_sample)': (perHour('system_1s') + perHour('tick_sample')) * hours(DEFAULT_RETENTION.secondsMs),
    'minute lists': perHour('minute_list') * hours(DEFAULT_RETENTION.processListsMs),
    'identities and events (high)': (perHour('identity') + perHour('sqlite_autoindex_identity_1') + perHour('event') + perHour('event_t')) * hours(DEFAULT_RETENTION.processListsMs),
    '1 min and 1 h tiers': perMinuteRow * (DEFAULT_RETENTION.minutesMs / MINUTE_MS + DEFAULT_RETENTION.hoursMs / HOUR_MS),
    // App history's usage (history-usage-db.ts), counted high: the per-process minutes kept whole a
    // week, then as if nothing were thinned to 30 days; an hour's row as big as a minute's (the
    // hour's keys are the union of its minutes'), a year of them.
    'usage (high)':
      perHour('usage_1m') * hours(DEFAULT_RETENTION.usageMinutesMs) +
      perHour('usage_1m_process') * hours(DEFAULT_RETENTION.usageMinutesMs) +
      ((perHour('usage_1m') + perHour('usage_1m_process')) / 60) * hours(DEFAULT_RETENTION.usageHoursMs) +
      (pages.get('usage_key') ?? 0),
  };
  return { bytes: Object.values(parts).reduce((sum, bytes) => sum + bytes, 0), parts };
}

const range = (n: number, step = 1) => Array.from({ length: n }, (_, i) => i * step);
const figures: HistoryStoreResult = { processes, bytesWrittenPerDay: Number.NaN, steadyStateBytes: Number.NaN, processesAtMs: Number.NaN, dayChartMs: Number.NaN };
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'history-bench-'));
try {
  // 1. Bytes written and size per hour.
  const clock = { nowMs: START_MS };
  const { db } = openHistoryDb({ dir: path.join(root, 'write'), now: () => clock.nowMs });
  const before = writeBytes();
  const { rows, writeCpuUsPerTick: writerUs } = feed(db, processes, range(minutes * 60), clock);
  const steady = steadyState(db, minutes);
  db.close(); // checkpoints the WAL into the file: what an hour's writes come to on disk
  const written = writeBytes() - before;
  const size = fs.statSync(path.join(root, 'write', 'history.sqlite')).size;
  const perHour = 60 / minutes;
  const perDay = (written * perHour * 24) / 1e6;
  console.log(`history: ${processes} processes, ${minutes} min of 1 s ticks (${(rows / (minutes * 60)).toFixed(0)} rows a tick on average)`);
  console.log(`  write_bytes ${((written * perHour) / 1e6).toFixed(1)} MB/h; store ${((size * perHour) / 1e6).toFixed(1)} MB/h`);
  const host = hostCostUs(processes);
  console.log(
    `  CPU a tick: host thread ${host.recordUs.toFixed(0)} µs (recorder) + ${host.cloneUs.toFixed(0)} µs (the message, both sides); writer thread ${writerUs.toFixed(0)} µs (warm) = ${((host.recordUs + host.cloneUs + writerUs) / 1e4).toFixed(3)} % of one core at 1 Hz (the whole product's figure is npm run bench's)`,
  );
  goal('bytes written per day (write_bytes, WAL and checkpoints), defaults', `${perDay.toFixed(0)} MB`, '≤ 300 MB', perDay <= 300);
  figures.bytesWrittenPerDay = perDay * 1e6;
  figures.steadyStateBytes = steady.bytes;
  goal('store at steady state, defaults', `${(steady.bytes / 1e6).toFixed(0)} MB`, '≤ 1 GiB', steady.bytes <= 1024 ** 3);
  for (const [name, bytes] of Object.entries(steady.parts)) console.log(`    of which ${name}: ${(bytes / 1e6).toFixed(1)} MB`);

  // 2. processesAt over 2,000 processes, at the last second of a minute.
  const clock2 = { nowMs: START_MS };
  const big = openHistoryDb({ dir: path.join(root, 'big'), now: () => clock2.nowMs }).db;
  feed(big, 2_000, range(120), clock2);
  const atMs = START_MS + 119_000;
  const answer = readProcessesAt(big, { kind: 'processesAt', atMs }, clock2.nowMs);
  const count = answer.ok ? answer.value.processes.length : 0;
  const atTook = timed(() => readProcessesAt(big, { kind: 'processesAt', atMs }, clock2.nowMs));
  figures.processesAtMs = atTook;
  goal(`processesAt at ${count} rows (median of 20)`, `${atTook.toFixed(1)} ms`, '≤ 50 ms', atTook <= 50);
  big.close();

  // 3. A 24 h series at 1 min: a tick a minute for a day, rolled up as each minute ends.
  const clock3 = { nowMs: START_MS };
  const day = openHistoryDb({ dir: path.join(root, 'day'), now: () => clock3.nowMs }).db;
  feed(day, 50, range(24 * 60 + 1, 60), clock3);
  const query = { kind: 'historySeries', fromMs: START_MS, toMs: START_MS + DAY_MS, stepMs: MINUTE_MS } as const;
  const series = readSeries(day, query, clock3.nowMs);
  const seriesTook = timed(() => readSeries(day, query, clock3.nowMs));
  figures.dayChartMs = seriesTook;
  goal(`24 h at 1 min, ${series.ok ? series.value.points.length : 0} points (median of 20)`, `${seriesTook.toFixed(1)} ms`, '≤ 50 ms', seriesTook <= 50);
  day.close();

  // 4. Top 10 over 24 h: a day of per-minute usage where every process used CPU every minute (the
  // most a minute can hold), rolled up to hours as they end. Aligned: 24 hour rows; not aligned:
  // 22 hours and the 120 minutes at the edges.
  const clock4 = { nowMs: START_MS };
  const usage = openHistoryDb({ dir: path.join(root, 'usage'), now: () => clock4.nowMs }).db;
  const busy = syntheticMachine(START_MS, processes, { busyEvery: 1, cores: 16 });
  const usageRecorder = new HistoryRecorder();
  for (const tick of range(24 * 60 + 1, 60)) {
    const snap = busy.snapshotAt(tick);
    clock4.nowMs = snap.takenAtMs;
    const record = usageRecorder.record(snap);
    if (record) usage.write(record);
  }
  for (const [name, fromMs, toMs] of [
    ['aligned', START_MS, START_MS + DAY_MS],
    ['not aligned', START_MS + HOUR_MS - 30_000, START_MS + DAY_MS - HOUR_MS + 30_000],
  ] as const) {
    const top = { kind: 'topConsumers', fromMs, toMs, by: 'cpu', limit: 10 } as const;
    const answer = answerHistoryQuery(usage, top, clock4.nowMs);
    const shown = answer.ok && answer.kind === 'topConsumers' ? answer.value.processes.length : 0;
    const took = timed(() => answerHistoryQuery(usage, top, clock4.nowMs));
    if (name === 'not aligned') figures.top24hMs = took;
    goal(`top 10 over 24 h, ${name} (${shown} shown of ${processes} processes a minute; median of 20)`, `${took.toFixed(1)} ms`, '≤ 250 ms', took <= 250);
  }
  const usageBytes = Number(usage.connection.prepare('SELECT (SELECT sum(length(groups)) FROM usage_1m) + (SELECT sum(length(processes)) FROM usage_1m_process) AS n').get()?.['n'] ?? 0);
  console.log(`  per-minute usage: ${(usageBytes / 1e6).toFixed(1)} MB a day of blobs at ${processes} processes all busy every minute`);
  usage.close();
  // For npm run bench (bench/bench.ts): the figures, as the last line.
  console.log(JSON.stringify(figures));
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
