/**
 * CPU % accuracy against ground truth: burners at known loads, our `cpuPercent` against
 * Δ(utime + stime) / (Δt × logical CPUs) read from /proc over the same window.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { LinuxPlatform } from '../../src-main/collector/platform/linux/linux-platform.ts';
import { SnapshotBuilder } from '../../src-main/collector/snapshot-builder.ts';
import { cpuMs, quantile, round } from './proc-measure.ts';

const BURNERS = {
  'one busy thread': 'for (;;) {}',
  '30 % duty cycle': 'for (;;) { const end = Date.now() + 30; while (Date.now() < end) {} Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 70); }',
  'four busy threads': "const { Worker } = require('node:worker_threads'); for (let i = 0; i < 4; i++) new Worker('for (;;) {}', { eval: true });",
} as const;

export interface AccuracyResult {
  burner: string;
  oursPercent: number;
  truthPercent: number;
  maxErrorPoints: number;
  meanErrorPoints: number;
}

const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureAccuracy(windows = 10): Promise<AccuracyResult[]> {
  const cores = os.availableParallelism();
  const out: AccuracyResult[] = [];
  for (const [burner, script] of Object.entries(BURNERS)) {
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    await sleepMs(1000);
    const platform = new LinuxPlatform({ intervalMs: 1000, nvidiaSmiPath: null });
    const builder = new SnapshotBuilder(() => new Set());
    builder.next(platform.sample());
    let truth0 = cpuMs(pid, false);
    let t0 = performance.now();
    const errors: number[] = [];
    const ours: number[] = [];
    const truths: number[] = [];
    for (let i = 0; i < windows; i++) {
      await sleepMs(1000);
      const snapshot = builder.next(platform.sample());
      const truth1 = cpuMs(pid, false);
      const t1 = performance.now();
      const truth = Math.min(100, ((truth1 - truth0) / ((t1 - t0) * cores)) * 100);
      const mine = snapshot?.processes.find((p) => p.pid === pid)?.cpuPercent ?? NaN;
      ours.push(mine);
      truths.push(truth);
      errors.push(Math.abs(mine - truth));
      truth0 = truth1;
      t0 = t1;
    }
    platform.close();
    child.kill('SIGKILL');
    out.push({
      burner,
      oursPercent: round(quantile(ours, 0.5)),
      truthPercent: round(quantile(truths, 0.5)),
      maxErrorPoints: round(Math.max(...errors)),
      meanErrorPoints: round(errors.reduce((a, b) => a + b, 0) / errors.length),
    });
  }
  return out;
}
