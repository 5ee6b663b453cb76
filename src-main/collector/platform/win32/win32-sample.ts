/**
 * From what the Windows queries read to the collector's raw shapes (`RawProcess`, `RawDisk`,
 * `RawInterface`, `GpuFigures`). Pure: no calls, no clocks. The arithmetic (GPU sums, memory,
 * start times) is in `../../compute/`.
 */
import type { GpuFigures } from '../../../../src-shared/snapshot.ts';
import { sumBytesBy, summarizeGpuEngines, type GpuEngineUtilization } from '../../compute/gpu.ts';
import type { RawDisk, RawInterface, RawProcess } from '../platform.ts';
import type { AppWindowHints } from './app-windows.ts';
import {
  diskFromInstance,
  isRealInterfaceInstance,
  parseGpuAdapterInstance,
  parseGpuEngineInstance,
  parseGpuProcessMemoryInstance,
} from './pdh-parse.ts';
import { priorityFromBasePriority, priorityFromWineClass, processStateFromThreads, type WinProcessEntry } from './process-information.ts';
import type { ProcessFacts } from './process-facts.ts';

/** Per-process GPU figures: null maps mean the GPU counters are not available (then rows say "—"). */
export interface ProcessGpu {
  percentByPid: ReadonlyMap<number, number> | null;
  dedicatedBytesByPid: ReadonlyMap<number, number> | null;
}

export interface ProcessContext {
  /** From CreateTime (compute/start-time.ts `startTimeMsFromFiletime`). */
  startTimeMs: number;
  facts: ProcessFacts;
  windows: AppWindowHints | undefined;
  isShell: boolean;
  /** The services it hosts, or null when the service list is unknown. */
  services: readonly string[] | null;
  gpu: ProcessGpu;
  /** Running on Wine, which fills some fields its own way (see `rawProcessFromEntry`). */
  isWine: boolean;
}

export function rawProcessFromEntry(e: WinProcessEntry, c: ProcessContext): RawProcess {
  // A process with no GPU engine instance uses no GPU: 0 while the counters work, unknown otherwise.
  const gpuPercent = c.gpu.percentByPid ? (c.gpu.percentByPid.get(e.pid) ?? 0) : null;
  return {
    pid: e.pid,
    ppid: e.ppid,
    name: e.name,
    startTimeMs: c.startTimeMs,
    user: c.facts.user,
    state: processStateFromThreads(e.threads, e.suspendedThreads),
    // 100-ns units; exact to well past a century of CPU time as a double.
    cpuTimeMs: Number(e.cpuTime100ns) / 10_000,
    // Wine leaves the private working set and the I/O transfer counts 0: unknown, not zero.
    memoryBytes: c.isWine ? null : e.privateWorkingSetBytes,
    residentBytes: e.workingSetBytes,
    commitBytes: e.pagefileUsageBytes,
    threads: e.threads,
    handles: e.handles,
    // All I/O (file, device, network), Task Manager's "I/O read/write bytes", until an ETW session exists.
    ioReadBytes: c.isWine ? null : e.ioReadBytes,
    ioWriteBytes: c.isWine ? null : e.ioWriteBytes,
    netRxBytes: null,
    netTxBytes: null,
    gpuEngineBusyNs: null,
    gpuPercent,
    gpuMemoryBytes: c.gpu.dedicatedBytesByPid ? (c.gpu.dedicatedBytesByPid.get(e.pid) ?? 0) : null,
    // Wine puts its PROCESS_PRIOCLASS_* value where Windows has the base priority.
    priority: c.isWine ? priorityFromWineClass(e.basePriority) : priorityFromBasePriority(e.basePriority),
    isEfficiencyMode: null,
    commandLine: c.facts.commandLine,
    exePath: c.facts.exePath,
    appScope: null,
    cgroupPath: null,
    isKernelThread: false,
    description: c.facts.description,
    publisher: c.facts.publisher,
    services: c.services,
    hasAppWindow: c.windows?.hasAppWindow ?? false,
    isNotResponding: c.windows?.isNotResponding ?? false,
    isCritical: c.facts.isCritical,
    isShell: c.isShell,
  };
}

/** The `\PhysicalDisk(*)` counters the disks are read from, by instance; null where a counter is unknown. */
export interface DiskCounterValues {
  /** Raw `Disk Read Bytes/sec` / `Disk Write Bytes/sec`: cumulative bytes. */
  readBytes: ReadonlyMap<string, number> | null;
  writeBytes: ReadonlyMap<string, number> | null;
  /** Formatted `% Idle Time` over the interval. */
  idlePercent: ReadonlyMap<string, number> | null;
  /** Raw `Disk Transfers/sec`: the cumulative transfer count (a 32-bit counter: a wrap reads as "—" for one tick). */
  transfers: ReadonlyMap<string, number> | null;
  /** Formatted `Avg. Disk sec/Transfer` over the interval, seconds. */
  secondsPerTransfer: ReadonlyMap<string, number> | null;
}

/**
 * Physical disks from `\PhysicalDisk(*)`: cumulative bytes from the raw Disk Read/Write Bytes/sec
 * counters, active time = 100 − `% Idle Time` (what Task Manager shows), the average response time as
 * PDH computes it with the transfer count that tells an idle interval apart, `_Total` left out.
 */
export function disksFromCounters(c: DiskCounterValues): RawDisk[] {
  if (!c.readBytes || !c.writeBytes) return [];
  const disks: RawDisk[] = [];
  for (const [instance, read] of c.readBytes) {
    const disk = diskFromInstance(instance);
    const write = c.writeBytes.get(instance);
    if (!disk || write === undefined) continue;
    const idle = c.idlePercent?.get(instance);
    disks.push({
      ...disk,
      readBytes: read,
      writeBytes: write,
      busyMs: null,
      activePercent: idle === undefined ? null : Math.min(100, Math.max(0, 100 - idle)),
      transfers: c.transfers?.get(instance) ?? null,
      transferMs: null,
      secondsPerTransfer: c.secondsPerTransfer?.get(instance) ?? null,
    });
  }
  return disks.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

/** Interfaces from `\Network Interface(*)`: cumulative bytes from the raw Bytes Received/Sent/sec counters. */
export function interfacesFromCounters(rxBytes: ReadonlyMap<string, number> | null, txBytes: ReadonlyMap<string, number> | null): RawInterface[] {
  if (!rxBytes || !txBytes) return [];
  const interfaces: RawInterface[] = [];
  for (const [name, rx] of rxBytes) {
    const tx = txBytes.get(name);
    if (tx !== undefined && isRealInterfaceInstance(name)) interfaces.push({ name, rxBytes: rx, txBytes: tx });
  }
  return interfaces;
}

/** The GPU counters, by instance; null where a counter is unknown (no WDDM 2 GPU, a rate's first collection). */
export interface GpuCounterValues {
  /** `\GPU Engine(*)\Utilization Percentage`. */
  engines: ReadonlyMap<string, number> | null;
  /** `\GPU Process Memory(*)\Dedicated Usage`, bytes. */
  processDedicated: ReadonlyMap<string, number> | null;
  /** `\GPU Adapter Memory(*)\Dedicated Usage` and `Shared Usage`, bytes. */
  adapterDedicated: ReadonlyMap<string, number> | null;
  adapterShared: ReadonlyMap<string, number> | null;
}

/**
 * GPU figures from the PDH GPU counters. Adapters are named `GPU 0`, `GPU 1`… in LUID order (PDH names them by LUID
 * only); their vendor is not known from the counters. Each adapter lists its engine types' busy share (every
 * process's share of that type summed, capped at 100) by name; `utilizationPercent` stays the busiest of them.
 */
export function gpuFromCounters(c: GpuCounterValues): { process: ProcessGpu; gpus: GpuFigures[] } {
  const samples: GpuEngineUtilization[] = [];
  for (const [name, percent] of c.engines ?? []) {
    const instance = parseGpuEngineInstance(name);
    if (instance) samples.push({ pid: instance.pid, adapterId: instance.adapterId, engineType: instance.engineType, percent });
  }
  const summary = c.engines ? summarizeGpuEngines(samples) : null;
  const processMemory: { key: number; bytes: number }[] = [];
  for (const [name, bytes] of c.processDedicated ?? []) {
    const instance = parseGpuProcessMemoryInstance(name);
    if (instance) processMemory.push({ key: instance.pid, bytes });
  }
  const adapterDedicated = adapterSums(c.adapterDedicated);
  const adapterShared = adapterSums(c.adapterShared);
  const adapterIds = [...new Set([...(summary?.byAdapter.keys() ?? []), ...adapterDedicated.keys()])].sort();
  return {
    process: { percentByPid: summary?.byProcess ?? null, dedicatedBytesByPid: c.processDedicated ? sumBytesBy(processMemory) : null },
    gpus: adapterIds.map((id, i) => ({
      id,
      name: `GPU ${i}`,
      vendor: 'other',
      utilizationPercent: summary ? (summary.byAdapter.get(id) ?? 0) : null,
      memoryUsedBytes: adapterDedicated.get(id) ?? null,
      memoryTotalBytes: null,
      sharedMemoryUsedBytes: adapterShared.get(id) ?? null,
      temperatureC: null,
      // While the engine counters work, an adapter no process uses lists no engine; unknown ones list none either.
      engines: summary?.enginesByAdapter.get(id) ?? [],
    })),
  };
}

/** Bytes per adapter from `\GPU Adapter Memory(*)` instances (`luid_…_phys_N`). */
function adapterSums(values: ReadonlyMap<string, number> | null): Map<string, number> {
  const sums = new Map<string, number>();
  for (const [name, bytes] of values ?? []) {
    const adapterId = parseGpuAdapterInstance(name);
    if (adapterId && Number.isFinite(bytes) && bytes >= 0) sums.set(adapterId, (sums.get(adapterId) ?? 0) + bytes);
  }
  return sums;
}

/** The sum of single-value counters (`\Memory\…`), bytes; null unless every one was read. */
export function sumOfCounters(values: readonly (ReadonlyMap<string, number> | null)[]): number | null {
  let sum = 0;
  for (const v of values) {
    const value = v?.values().next().value;
    if (value === undefined) return null;
    sum += value;
  }
  return sum;
}

/**
 * The current clock as Task Manager shows it: the base clock × `% Processor Performance` ÷ 100
 * (turbo reads above 100 %); the base clock when the counter is not known yet.
 */
export function currentSpeedMhz(baseMhz: number | null, performancePercent: number | undefined): number | null {
  if (baseMhz === null || !(baseMhz > 0)) return null;
  return performancePercent === undefined || !(performancePercent > 0) ? baseMhz : (baseMhz * performancePercent) / 100;
}
