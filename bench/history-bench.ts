/**
 * `node bench/history-bench.ts [--processes 500] [--minutes 10]`
 *
 * What the history store costs, on a synthetic machine (src-main/history/history-synthetic.ts:
 * one process in 10 busy each second, 16 logical CPUs) written through the real store with a fake
 * clock, in a temp folder on this machine's disk:
 * - bytes written per hour (this process's /proc/self/io write_bytes over the run, scaled to an
 *   hour) and the store's size per hour (file + WAL, scaled the same way);
 * - `processesAt` over 2,000 processes (median of 20 reads at the end of a minute: the most 1 s
 *   samples to merge);
 * - a 24 h series at 1 min (1,440 points from the 1 min tier; median of 20 reads);
 * - top 10 over 24 h from the per-minute usage (every process busy every minute; median of 20).
 * Not a test: a measurement, printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openHistoryDb, type HistoryDb } from '../src-main/history/history-db.ts';
import { answerHistoryQuery, readProcessesAt, readSeries } from '../src-main/history/history-reads.ts';
import { COMMIT_EVERY_MS } from '../src-main/history/history-protocol.ts';
import { HistoryRecorder, type TickRecord } from '../src-main/history/history-recorder.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../src-main/history/history-rollup.ts';
import { syntheticMachine } from '../src-main/history/history-synthetic.ts';
import { wholeNumberFlag } from './bench-args.ts';

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

function feed(store: HistoryDb, count: number, ticks: readonly number[], clock: { nowMs: number }): { rows: number } {
  const machine = syntheticMachine(START_MS, count, { busyEvery: 10, cores: 16 });
  const recorder = new HistoryRecorder();
  let rows = 0;
  let held: TickRecord[] = [];
  for (const tick of ticks) {
    const snap = machine.snapshotAt(tick);
    clock.nowMs = snap.takenAtMs;
    const record = recorder.record(snap);
    if (!record) continue;
    rows += record.rows.length;
    held.push(record);
    // As the writer commits: the ticks of COMMIT_EVERY_MS together.
    if (snap.takenAtMs - (held[0]?.t ?? 0) >= COMMIT_EVERY_MS - 1_000) {
      store.writeAll(held);
      held = [];
    }
  }
  store.writeAll(held);
  return { rows };
}

const range = (n: number, step = 1) => Array.from({ length: n }, (_, i) => i * step);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'history-bench-'));
try {
  // 1. Bytes written and size per hour.
  const clock = { nowMs: START_MS };
  const { db } = openHistoryDb({ dir: path.join(root, 'write'), now: () => clock.nowMs });
  const before = writeBytes();
  const t0 = performance.now();
  const { rows } = feed(db, processes, range(minutes * 60), clock);
  const writeMs = performance.now() - t0;
  db.close(); // checkpoints the WAL into the file: what an hour's writes come to on disk
  const written = writeBytes() - before;
  const size = fs.statSync(path.join(root, 'write', 'history.sqlite')).size;
  const perHour = 60 / minutes;
  console.log(`history: ${processes} processes, ${minutes} min of 1 s ticks (${(rows / (minutes * 60)).toFixed(0)} rows a tick on average)`);
  console.log(`  write_bytes ${((written * perHour) / 1e6).toFixed(1)} MB/h; store ${((size * perHour) / 1e6).toFixed(1)} MB/h; writing ${(writeMs / (minutes * 60)).toFixed(2)} ms a tick (writer thread)`);

  // 2. processesAt over 2,000 processes, at the last second of a minute.
  const clock2 = { nowMs: START_MS };
  const big = openHistoryDb({ dir: path.join(root, 'big'), now: () => clock2.nowMs }).db;
  feed(big, 2_000, range(120), clock2);
  const atMs = START_MS + 119_000;
  const answer = readProcessesAt(big, { kind: 'processesAt', atMs }, clock2.nowMs);
  const count = answer.ok ? answer.value.processes.length : 0;
  console.log(`  processesAt at ${count} rows: ${timed(() => readProcessesAt(big, { kind: 'processesAt', atMs }, clock2.nowMs)).toFixed(1)} ms (median of 20)`);
  big.close();

  // 3. A 24 h series at 1 min: a tick a minute for a day, rolled up as each minute ends.
  const clock3 = { nowMs: START_MS };
  const day = openHistoryDb({ dir: path.join(root, 'day'), now: () => clock3.nowMs }).db;
  feed(day, 50, range(24 * 60 + 1, 60), clock3);
  const query = { kind: 'historySeries', fromMs: START_MS, toMs: START_MS + DAY_MS, stepMs: MINUTE_MS } as const;
  const series = readSeries(day, query, clock3.nowMs);
  console.log(`  24 h at 1 min (${series.ok ? series.value.points.length : 0} points): ${timed(() => readSeries(day, query, clock3.nowMs)).toFixed(1)} ms (median of 20)`);
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
    console.log(`  top 10 over 24 h, ${name} (${shown} shown of ${processes} processes a minute): ${timed(() => answerHistoryQuery(usage, top, clock4.nowMs)).toFixed(1)} ms (median of 20)`);
  }
  const usageBytes = Number(usage.connection.prepare('SELECT (SELECT sum(length(groups)) FROM usage_1m) + (SELECT sum(length(processes)) FROM usage_1m_process) AS n').get()?.['n'] ?? 0);
  console.log(`  per-minute usage: ${(usageBytes / 1e6).toFixed(1)} MB a day of blobs at ${processes} processes all busy every minute`);
  usage.close();
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
