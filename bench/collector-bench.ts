/**
 * `npm run bench:collector -- [--extra N] [--ticks T] [--interval-ms M]`
 *
 * The collector's own cost per tick at the current process count: CPU time (user + system) and
 * wall time of one sample + snapshot, the median and p90 of T ticks (default 30) at M ms
 * (default 1000), after priming. `--extra N` first starts N idle `sleep` processes (in one process
 * group this bench creates and ends). Also the size of one snapshot as JSON and the time to
 * structured-clone it (what crossing to the host costs). Not a test: a measurement, printed.
 */
import { spawn } from 'node:child_process';
import v8 from 'node:v8';
import { LinuxPlatform } from '../src-main/collector/platform/linux/linux-platform.ts';
import { SnapshotBuilder } from '../src-main/collector/snapshot-builder.ts';
import { wholeNumberFlag } from './bench-args.ts';

const flag = (name: string, fallback: number) => wholeNumberFlag('bench:collector', process.argv, name, fallback);

const extra = flag('--extra', 0);
const ticks = Math.max(1, flag('--ticks', 30));
const intervalMs = Math.max(50, flag('--interval-ms', 1000));

const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

async function main(): Promise<void> {
  let group: ReturnType<typeof spawn> | null = null;
  if (extra > 0) {
    group = spawn('sh', ['-c', `i=0; while [ $i -lt ${extra} ]; do sleep 3600 & i=$((i+1)); done; echo ready; wait`], {
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => group?.stdout?.once('data', () => resolve()));
  }
  try {
    const platform = new LinuxPlatform({ intervalMs, nvidiaSmiPath: null });
    const builder = new SnapshotBuilder(() => new Set([process.pid]));
    builder.next(platform.sample());
    const cpuMs: number[] = [];
    const wallMs: number[] = [];
    let lastSize = 0;
    let cloneMs = 0;
    let processes = 0;
    for (let i = 0; i < ticks; i++) {
      await sleepMs(intervalMs);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const snapshot = builder.next(platform.sample());
      wallMs.push(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      cpuMs.push((cpu.user + cpu.system) / 1000);
      if (snapshot) {
        processes = snapshot.processes.length;
        if (i === ticks - 1) {
          lastSize = Buffer.byteLength(JSON.stringify(snapshot));
          const c0 = performance.now();
          v8.deserialize(v8.serialize(snapshot));
          cloneMs = performance.now() - c0;
        }
      }
    }
    platform.close();
    const result = {
      processes,
      ticks,
      intervalMs,
      cpuMsPerTick: { median: round(quantile(cpuMs, 0.5)), p90: round(quantile(cpuMs, 0.9)) },
      wallMsPerTick: { median: round(quantile(wallMs, 0.5)), p90: round(quantile(wallMs, 0.9)) },
      percentOfOneCoreAt1Hz: round((quantile(cpuMs, 0.5) / 1000) * 100),
      snapshotJsonBytes: lastSize,
      structuredCloneMs: round(cloneMs),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    if (group?.pid !== undefined && group.exitCode === null && group.signalCode === null) process.kill(-group.pid, 'SIGKILL');
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

await main();
