/**
 * Our collector as a persistent sampler, in its own process as in the app: one sample + snapshot
 * per line on stdin. It answers JSON: the process count; the CPU µs of the sample + snapshot
 * (process.cpuUsage, taken before anything the bench adds); the bytes a UI would be sent (the whole
 * snapshot, and the steady-state delta from the previous one); its resident memory; and the last
 * pid of its PID namespace (run under `unshare --pid --fork`, that counts every process it forks).
 */
import fs from 'node:fs';
import readline from 'node:readline';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { computeDelta } from '../../src-shared/stream.ts';
import { LinuxPlatform } from '../../src-main/collector/platform/linux/linux-platform.ts';
import { SnapshotBuilder } from '../../src-main/collector/snapshot-builder.ts';

const platform = new LinuxPlatform({ intervalMs: 1000, nvidiaSmiPath: null });
const builder = new SnapshotBuilder(() => new Set([process.pid]));
const readNumber = (file: string, pattern?: RegExp): number | null => {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return Number(pattern ? pattern.exec(text)?.[1] : text.trim());
  } catch {
    return null;
  }
};
let previous: Snapshot | null = null;
for await (const _line of readline.createInterface({ input: process.stdin })) {
  const cpu0 = process.cpuUsage();
  const snapshot = builder.next(platform.sample());
  const cpu = process.cpuUsage(cpu0);
  const fullBytes = snapshot ? Buffer.byteLength(JSON.stringify({ type: 'snapshot', snapshot })) : 0;
  const deltaBytes = snapshot && previous ? Buffer.byteLength(JSON.stringify({ type: 'delta', delta: computeDelta(previous, snapshot) })) : 0;
  previous = snapshot ?? previous;
  const answer = {
    processes: snapshot?.processes.length ?? 0,
    cpuUs: cpu.user + cpu.system,
    fullBytes,
    deltaBytes,
    rssBytes: (readNumber('/proc/self/status', /^VmRSS:\s+(\d+)/m) ?? 0) * 1024,
    lastPid: readNumber('/proc/sys/kernel/ns_last_pid'),
  };
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
