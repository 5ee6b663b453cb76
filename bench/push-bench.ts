/**
 * `npm run bench:push -- [--rows N] [--ticks T]`
 *
 * What the Electron shell's push path costs per tick (src-main/app/push-port.ts): a snapshot of N
 * process rows (default 2,000) crossing a MessagePort as a whole snapshot and as a steady-state
 * delta (5 % of the rows changed, one process started and one ended), both ways it is paid: the
 * delta's computation in main, and the structured clone there and back (Node's MessageChannel is
 * the same HTML structured clone Electron's MessagePortMain uses). Not a test: a measurement, printed.
 */
import { MessageChannel } from 'node:worker_threads';
import type { Snapshot } from '../src-shared/snapshot.ts';
import { applyDelta, computeDelta } from '../src-shared/stream.ts';
import { processRow, snapshot } from '../src-shared/testing/fixtures.ts';
import { wholeNumberFlag } from './bench-args.ts';

const rows = Math.max(1, wholeNumberFlag('bench:push', process.argv, '--rows', 2000));
const ticks = Math.max(1, wholeNumberFlag('bench:push', process.argv, '--ticks', 50));

function machine(seq: number, previous: Snapshot | null): Snapshot {
  const processes = previous
    ? previous.processes.map((row, i) => (i % 20 === seq % 20 ? { ...row, cpuPercent: (seq * 7 + i) % 100, memoryBytes: (row.memoryBytes ?? 0) + 4096 } : row))
    : Array.from({ length: rows }, (_, i) =>
        processRow({ pid: 1000 + i, ppid: 1, name: `process-${i}.exe`, cpuPercent: i % 7, memoryBytes: 10_000_000 + i * 4096, commandLine: `/usr/bin/process-${i} --flag value --other ${i}` }),
      );
  if (previous) {
    processes.shift();
    processes.push(processRow({ pid: 1000 + rows + seq, name: `new-${seq}` }));
  }
  return snapshot({ seq, processes });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function roundTrip(message: unknown): Promise<number> {
  const { port1, port2 } = new MessageChannel();
  const started = performance.now();
  const received = new Promise<void>((resolve) => port2.once('message', () => resolve()));
  port1.postMessage(message);
  await received;
  const ms = performance.now() - started;
  port1.close();
  return ms;
}

async function main(): Promise<void> {
  let previous = machine(1, null);
  const whole: number[] = [];
  const deltaCompute: number[] = [];
  const deltaClone: number[] = [];
  const deltaApply: number[] = [];
  let wholeBytes = 0;
  let deltaBytes = 0;
  for (let seq = 2; seq <= ticks + 1; seq++) {
    const next = machine(seq, previous);
    whole.push(await roundTrip({ type: 'snapshot', snapshot: next }));
    let started = performance.now();
    const delta = computeDelta(previous, next);
    deltaCompute.push(performance.now() - started);
    deltaClone.push(await roundTrip({ type: 'delta', delta }));
    started = performance.now();
    const rebuilt = applyDelta(previous, delta);
    deltaApply.push(performance.now() - started);
    if (!rebuilt || rebuilt.processes.length !== next.processes.length) throw new Error('the delta did not rebuild the snapshot');
    wholeBytes = JSON.stringify(next).length;
    deltaBytes = JSON.stringify(delta).length;
    previous = next;
  }
  const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
  process.stdout.write(
    [
      `push path at ${rows} process rows, median of ${ticks} ticks (Node ${process.version}):`,
      `  whole snapshot: ${(wholeBytes / 1024).toFixed(1)} KB as JSON, clone + delivery ${fmt(median(whole))}`,
      `  steady delta:   ${(deltaBytes / 1024).toFixed(1)} KB as JSON, compute ${fmt(median(deltaCompute))} + clone + delivery ${fmt(median(deltaClone))} + apply in the preload ${fmt(median(deltaApply))}`,
      '',
    ].join('\n'),
  );
}

await main();
