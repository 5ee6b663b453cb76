/**
 * The snapshot from two raw samples. Pure: the previous sample and the next one in, the snapshot
 * out. The caller keeps the previous sample (see ../snapshot-builder.ts).
 */
import type { DiskFigures, NetworkFigures, ProcessRow, Snapshot } from '../../../src-shared/snapshot.ts';
import type { RawDisk, RawSample } from '../platform/platform.ts';
import { groupApps, groupWindowsApps } from './apps.ts';
import { systemCpuPercent } from './cpu-percent.ts';
import { diskResponseTimeMs, windowsResponseTimeMs, type DiskTransferCounters } from './disk-response.ts';
import { gpuEnginesFromClients } from './gpu.ts';
import { processRow } from './process-row.ts';
import { activePercent, bytesPerSec } from './rates.ts';

export interface SnapshotContext {
  seq: number;
  /** Pids of this app's own processes (collector, host or main, renderer), for `self`. */
  ownPids: ReadonlySet<number>;
}

export function buildSnapshot(prev: RawSample, next: RawSample, context: SnapshotContext): Snapshot {
  const intervalMs = next.monotonicMs - prev.monotonicMs;
  const logicalCores = Math.max(1, next.cpu.perCore.length);

  const prevProcesses = new Map(prev.processes.map((p) => [p.pid, p]));
  const processes: ProcessRow[] = [];
  let threads = 0;
  let selfCpu: number | null = null;
  let selfMemory: number | null = null;
  const ownProcesses: { pid: number; cpuSeconds: number }[] = [];
  for (const raw of next.processes) {
    const row = processRow(prevProcesses.get(raw.pid), raw, intervalMs, logicalCores);
    processes.push(row);
    threads += row.threads ?? 0;
    if (context.ownPids.has(row.pid)) {
      ownProcesses.push({ pid: row.pid, cpuSeconds: raw.cpuTimeMs / 1000 });
      if (row.cpuPercent !== null) selfCpu = (selfCpu ?? 0) + row.cpuPercent;
      if (row.memoryBytes !== null) selfMemory = (selfMemory ?? 0) + row.memoryBytes;
    }
  }

  const prevDisks = new Map(prev.disks.map((d) => [d.id, d]));
  const disks: DiskFigures[] = next.disks.map((d) => {
    const before = prevDisks.get(d.id);
    return {
      id: d.id,
      name: d.name,
      readBytesPerSec: bytesPerSec(before?.readBytes, d.readBytes, intervalMs),
      writeBytesPerSec: bytesPerSec(before?.writeBytes, d.writeBytes, intervalMs),
      // Windows measures active time itself (PDH); Linux gives cumulative busy ms.
      activePercent: d.activePercent !== undefined ? d.activePercent : activePercent(before?.busyMs, d.busyMs, intervalMs),
      // Windows averages per transfer itself (PDH); Linux gives cumulative ms and transfer counts.
      responseTimeMs:
        d.secondsPerTransfer !== undefined
          ? windowsResponseTimeMs(d.secondsPerTransfer, before?.transfers, d.transfers)
          : diskResponseTimeMs(transferCounters(before), transferCounters(d)),
    };
  });

  const prevNetwork = new Map(prev.network.map((n) => [n.name, n]));
  const network: NetworkFigures[] = next.network.map((n) => {
    const before = prevNetwork.get(n.name);
    return {
      name: n.name,
      rxBytesPerSec: bytesPerSec(before?.rxBytes, n.rxBytes, intervalMs),
      txBytesPerSec: bytesPerSec(before?.txBytes, n.txBytes, intervalMs),
      rxTotalBytes: n.rxBytes,
      txTotalBytes: n.txBytes,
    };
  });

  // Linux gives each card's engines as client counters (the Windows adapter gives them as figures already).
  const engines = prev.gpuClients && next.gpuClients ? gpuEnginesFromClients(prev.gpuClients, next.gpuClients, intervalMs) : null;
  const gpus = next.gpus.map((g) => {
    const list = engines?.get(g.id);
    return list && g.engines.length === 0 ? { ...g, engines: list } : g;
  });

  const total = systemCpuPercent(prev.cpu.total, next.cpu.total);
  return {
    seq: context.seq,
    takenAtMs: Math.round(next.takenAtMs),
    intervalMs,
    self: { cpuPercent: selfCpu === null ? null : Math.min(100, selfCpu), memoryBytes: selfMemory, processes: ownProcesses },
    cpu: {
      totalPercent: total.totalPercent,
      kernelPercent: total.kernelPercent,
      perCorePercent: next.cpu.perCore.map((core, i) => systemCpuPercent(prev.cpu.perCore[i], core).totalPercent),
      logicalCores,
      model: next.cpu.model,
      speedMhz: next.cpu.speedMhz,
      uptimeSec: next.cpu.uptimeSec,
    },
    memory: next.memory,
    disks,
    volumes: next.volumes,
    network,
    gpus,
    totals: { processes: processes.length, threads, handles: next.handles },
    processes,
    apps: next.appRule === 'windows' ? groupWindowsApps(next.processes) : groupApps(next.processes),
  };
}

function transferCounters(disk: RawDisk | undefined): DiskTransferCounters | null {
  if (!disk || disk.transfers === null || disk.transferMs === null) return null;
  return { transfers: disk.transfers, transferMs: disk.transferMs };
}
