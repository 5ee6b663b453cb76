/**
 * One process's row of the snapshot from two readings of its raw counters. Pure.
 */
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import type { RawProcess } from '../platform/platform.ts';
import { processCpuPercent } from './cpu-percent.ts';
import { processGpuPercent } from './gpu.ts';
import { bytesPerSec } from './rates.ts';

/**
 * `prev` is the same process's previous reading, or undefined when there is none (first sample)
 * or it belonged to another process that had the same pid (start times differ): then every rate
 * is null, never a value made of two different processes' counters.
 */
export function processRow(
  prev: RawProcess | undefined,
  next: RawProcess,
  intervalMs: number,
  logicalCores: number,
): ProcessRow {
  const before = prev && prev.startTimeMs === next.startTimeMs ? prev : undefined;
  return {
    pid: next.pid,
    ppid: next.ppid,
    name: next.name,
    startTimeMs: next.startTimeMs,
    user: next.user,
    state: next.state,
    cpuPercent: processCpuPercent(before ? before.cpuTimeMs : null, next.cpuTimeMs, intervalMs, logicalCores),
    memoryBytes: next.memoryBytes,
    residentBytes: next.residentBytes,
    commitBytes: next.commitBytes,
    threads: next.threads,
    handles: next.handles,
    ioReadBytesPerSec: bytesPerSec(before?.ioReadBytes, next.ioReadBytes, intervalMs),
    ioWriteBytesPerSec: bytesPerSec(before?.ioWriteBytes, next.ioWriteBytes, intervalMs),
    netRxBytesPerSec: bytesPerSec(before?.netRxBytes, next.netRxBytes, intervalMs),
    netTxBytesPerSec: bytesPerSec(before?.netTxBytes, next.netTxBytes, intervalMs),
    // Windows gives GPU utilisation already as a share of the interval (PDH); Linux gives busy-ns counters.
    gpuPercent:
      next.gpuPercent !== undefined ? next.gpuPercent : processGpuPercent(before?.gpuEngineBusyNs, next.gpuEngineBusyNs, intervalMs),
    gpuMemoryBytes: next.gpuMemoryBytes,
    priority: next.priority,
    isEfficiencyMode: next.isEfficiencyMode,
    commandLine: next.commandLine,
    exePath: next.exePath,
    description: next.description ?? null,
    publisher: next.publisher ?? null,
    // A copy: the row is a plain value of the contract, never aliasing the adapter's cache.
    services: next.services ? [...next.services] : null,
  };
}
