/**
 * `node bench/inventory-bench.ts [--reads N]`
 *
 * What the inventory read costs and that the tick does not wait for it: N reads (default 3) of the
 * real child (src-main/inventory/), each while a 100 ms timer stands in for the sampling tick.
 * Prints the read's wall time, the child's own CPU, the CPU of the child and every tool it ran
 * (Linux: the parent's cutime + cstime, which counts reaped children), the host's own CPU during
 * the read, the mapping's time, and how late the stand-in tick fired at worst, with and without a
 * read running. Not a test: a measurement, printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import { mapInventory } from '../src-main/inventory/inventory-map.ts';
import { readInventoryOnce } from '../src-main/inventory/inventory-reader.ts';
import { startInventory } from '../src-main/inventory/inventory-service.ts';
import { wholeNumberFlag } from './bench-args.ts';

const reads = Math.max(1, wholeNumberFlag('inventory-bench', process.argv, '--reads', 3));
const TICK_MS = 100;
const TICKS_PER_SEC = 100; // USER_HZ on this kind of machine

/** CPU of reaped children, ms (Linux /proc/self/stat cutime + cstime); null elsewhere. */
function childrenCpuMs(): number | null {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'latin1');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[13]) + Number(f[14])) * 1000) / TICKS_PER_SEC;
  } catch {
    return null;
  }
}

/** Runs `work` while a TICK_MS timer fires; the worst lateness of a tick, ms. */
async function worstTickLateness<T>(work: () => Promise<T>): Promise<{ result: T; worstLateMs: number }> {
  let worstLateMs = 0;
  let expected = performance.now() + TICK_MS;
  const timer = setInterval(() => {
    const now = performance.now();
    worstLateMs = Math.max(worstLateMs, now - expected);
    expected = now + TICK_MS;
  }, TICK_MS);
  const result = await work();
  clearInterval(timer);
  return { result, worstLateMs };
}

const idle = await worstTickLateness(() => new Promise((resolve) => setTimeout(resolve, 2000)));
console.log(`machine: ${os.cpus().length} logical CPUs, ${os.cpus()[0]?.model ?? '?'}, ${process.platform}`);
console.log(`stand-in tick (${TICK_MS} ms), no read running: worst ${idle.worstLateMs.toFixed(1)} ms late`);
for (let i = 0; i < reads; i++) {
  const cpuBefore = process.cpuUsage();
  const childrenBefore = childrenCpuMs();
  const { result: outcome, worstLateMs } = await worstTickLateness(() => readInventoryOnce());
  const hostCpu = process.cpuUsage(cpuBefore);
  const childrenAfter = childrenCpuMs();
  if (!outcome.ok) {
    console.log(`read ${i + 1}: failed after ${outcome.wallMs} ms: ${outcome.error}`);
    continue;
  }
  const mapStart = performance.now();
  mapInventory(outcome.output, null, { bootId: 'bench', readAtMs: Date.now(), readMs: outcome.wallMs });
  const mapMs = performance.now() - mapStart;
  const slowest = Object.entries(outcome.output.calls).sort((a, b) => b[1].ms - a[1].ms)[0];
  console.log(
    [
      `read ${i + 1}: wall ${outcome.wallMs} ms (child's calls ${outcome.output.wallMs} ms, slowest ${slowest?.[0]} ${slowest?.[1].ms} ms)`,
      `child CPU ${outcome.output.cpuMs ?? '?'} ms`,
      `child + its tools CPU ${childrenBefore === null || childrenAfter === null ? '?' : (childrenAfter - childrenBefore).toFixed(0)} ms`,
      `host CPU ${((hostCpu.user + hostCpu.system) / 1000).toFixed(1)} ms`,
      `mapping ${mapMs.toFixed(2)} ms`,
      `tick worst ${worstLateMs.toFixed(1)} ms late`,
    ].join(', '),
  );
}

// What startInventory itself costs the host's event loop (the spawn comes later, from a timer, after
// the first snapshot; here at once, as no snapshot comes) and how soon the facts are there.
const cacheDir = fs.mkdtempSync(`${os.tmpdir()}/inventory-bench-`);
for (const label of ['no read kept (spawns the child)', 'read kept for this boot']) {
  const startedAt = performance.now();
  const service = startInventory({ cacheDir, snapshots: () => () => undefined, firstReadFallbackMs: 0 });
  const syncMs = performance.now() - startedAt;
  await new Promise<void>((resolve) => {
    if (service.current()) resolve();
    else service.onChange(() => resolve());
  });
  console.log(`startInventory, ${label}: returned in ${syncMs.toFixed(1)} ms, facts after ${(performance.now() - startedAt).toFixed(0)} ms`);
  service.stop();
}
fs.rmSync(cacheDir, { recursive: true, force: true });
