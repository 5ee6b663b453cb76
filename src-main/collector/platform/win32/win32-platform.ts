/**
 * The Windows adapter. Per tick: one NtQuerySystemInformation(SystemProcessInformation) for every
 * process, SystemProcessorPerformanceInformation for the CPUs, GlobalMemoryStatusEx +
 * GetPerformanceInfo for memory, one collection of a long-lived PDH query (disks, network, GPU,
 * standby and modified lists, processor performance), and the top-level windows for app grouping.
 * Once per process identity: its account, path, command line, criticality and version strings
 * (process-facts.ts). Every few seconds, or when a service host starts: the services per process.
 * Every 5 s, off the sampling thread: the drive-letter volumes' sizes (win32-volumes.ts).
 * It reads; the math is in ../../compute/.
 */
import os from 'node:os';
import { cpuTimesFromWindows, sumCpuTimes } from '../../compute/cpu-percent.ts';
import { memoryFromWindows } from '../../compute/memory.ts';
import { filetimeToEpochMs, startTimeMsFromFiletime } from '../../compute/start-time.ts';
import type { PlatformSampler, RawProcess, RawSample } from '../platform.ts';
import { appWindowsByPid, type AppWindowHints } from './app-windows.ts';
import { PdhCounters, valuesByInstance, type CounterSpec } from './pdh-query.ts';
import { ProcessFactsCache } from './process-facts.ts';
import { uptimeSecFromTimeOfDay } from './system-information.ts';
import { loadWin32Api, type Win32Api } from './win32-api.ts';
import { WindowsVolumes } from './win32-volumes.ts';
import {
  PROCESSOR_BUFFER_BYTES,
  QueryBuffer,
  queryMemory,
  queryProcesses,
  queryProcessorTimes,
  queryServicesByPid,
  queryTimeOfDay,
} from './win32-queries.ts';
import {
  currentSpeedMhz,
  disksFromCounters,
  gpuFromCounters,
  interfacesFromCounters,
  rawProcessFromEntry,
  sumOfCounters,
} from './win32-sample.ts';

export const WINDOWS_COUNTERS = {
  diskRead: { path: '\\PhysicalDisk(*)\\Disk Read Bytes/sec', kind: 'raw' },
  diskWrite: { path: '\\PhysicalDisk(*)\\Disk Write Bytes/sec', kind: 'raw' },
  diskIdle: { path: '\\PhysicalDisk(*)\\% Idle Time', kind: 'formatted' },
  diskTransfers: { path: '\\PhysicalDisk(*)\\Disk Transfers/sec', kind: 'raw' },
  diskSecPerTransfer: { path: '\\PhysicalDisk(*)\\Avg. Disk sec/Transfer', kind: 'formatted' },
  netRx: { path: '\\Network Interface(*)\\Bytes Received/sec', kind: 'raw' },
  netTx: { path: '\\Network Interface(*)\\Bytes Sent/sec', kind: 'raw' },
  gpuEngine: { path: '\\GPU Engine(*)\\Utilization Percentage', kind: 'formatted' },
  gpuProcessDedicated: { path: '\\GPU Process Memory(*)\\Dedicated Usage', kind: 'formatted' },
  gpuAdapterDedicated: { path: '\\GPU Adapter Memory(*)\\Dedicated Usage', kind: 'formatted' },
  gpuAdapterShared: { path: '\\GPU Adapter Memory(*)\\Shared Usage', kind: 'formatted' },
  standbyReserve: { path: '\\Memory\\Standby Cache Reserve Bytes', kind: 'formatted' },
  standbyNormal: { path: '\\Memory\\Standby Cache Normal Priority Bytes', kind: 'formatted' },
  standbyCore: { path: '\\Memory\\Standby Cache Core Bytes', kind: 'formatted' },
  modified: { path: '\\Memory\\Modified Page List Bytes', kind: 'formatted' },
  freeAndZero: { path: '\\Memory\\Free & Zero Page List Bytes', kind: 'formatted' },
  processorPerformance: { path: '\\Processor Information(_Total)\\% Processor Performance', kind: 'formatted' },
} as const satisfies Record<string, CounterSpec>;

type CounterKey = keyof typeof WINDOWS_COUNTERS;

/** Services rarely start or stop; the SCM is asked again at most this often unless a service host starts. */
const SERVICES_REFRESH_MS = 5_000;
const INITIAL_PROCESS_BUFFER_BYTES = 1024 * 1024;

export interface WindowsPlatformOptions {
  intervalMs: number;
  includeLoopback: boolean;
  /** Tests inject a fake; the default binds the real DLLs. */
  api?: Win32Api;
}

export class WindowsPlatform implements PlatformSampler {
  /** Start times come from CreateTime itself; only System's falls back to the boot time. */
  readonly startTimeBasis = null;
  private readonly api: Win32Api;
  private readonly bootTimeMs: number;
  private readonly processBuffer = new QueryBuffer(INITIAL_PROCESS_BUFFER_BYTES);
  private readonly processorBuffer = new QueryBuffer(PROCESSOR_BUFFER_BYTES);
  private readonly facts: ProcessFactsCache;
  private readonly pdh: PdhCounters<CounterKey>;
  private readonly volumes: WindowsVolumes;
  private readonly cpuModel: string | null;
  private readonly baseSpeedMhz: number | null;
  /** Wine fills some fields of SYSTEM_PROCESS_INFORMATION its own way (`WINE_PROCESS_FIELDS`). */
  private readonly isWine: boolean;
  private services: Map<number, string[]> | null = null;
  private servicesReadAtMs = Number.NEGATIVE_INFINITY;
  private serviceHostKeys = new Set<string>();

  constructor(options: WindowsPlatformOptions) {
    this.api = options.api ?? loadWin32Api();
    // Read once per collector start, so a process without a CreateTime always gets the same start time.
    const bootTimeMs = filetimeToEpochMs(queryTimeOfDay(this.api).bootTime);
    if (bootTimeMs === null) throw new Error('SystemTimeOfDayInformation gave no boot time');
    this.bootTimeMs = bootTimeMs;
    this.facts = new ProcessFactsCache(this.api);
    this.pdh = new PdhCounters(this.api, WINDOWS_COUNTERS);
    this.volumes = new WindowsVolumes(this.api);
    const cpus = os.cpus();
    this.cpuModel = cpus[0]?.model.trim() || null;
    this.baseSpeedMhz = cpus[0]?.speed || null;
    this.isWine = this.api.wineVersion() !== null;
  }

  sample(): RawSample {
    const monotonicMs = performance.now();
    const takenAtMs = Date.now();
    const isCollected = this.pdh.collect();
    const counter = (key: CounterKey) => (isCollected ? valuesByInstance(this.pdh.read(key)) : null);

    const entries = queryProcesses(this.api, this.processBuffer);
    const cores = queryProcessorTimes(this.api, this.processorBuffer).map(cpuTimesFromWindows);
    const timeOfDay = queryTimeOfDay(this.api);
    const memory = queryMemory(this.api);
    const windows = this.appWindows();
    const shellPid = this.shellPid();
    const services = this.currentServices(monotonicMs, entries);
    const gpu = gpuFromCounters({
      engines: counter('gpuEngine'),
      processDedicated: counter('gpuProcessDedicated'),
      adapterDedicated: counter('gpuAdapterDedicated'),
      adapterShared: counter('gpuAdapterShared'),
    });

    const seen = new Set<string>();
    const processes: RawProcess[] = [];
    for (const e of entries) {
      if (e.pid === 0) continue; // the Idle process: not a process (and pid 0 is not a valid pid)
      const startTimeMs = startTimeMsFromFiletime(e.createTime, this.bootTimeMs);
      processes.push(
        rawProcessFromEntry(e, {
          startTimeMs,
          facts: this.facts.get(e.pid, startTimeMs, seen),
          windows: windows.get(e.pid),
          isShell: e.pid === shellPid,
          services: services ? (services.get(e.pid) ?? []) : null,
          gpu: gpu.process,
          isWine: this.isWine,
        }),
      );
    }
    this.facts.retain(seen);

    const performancePercent = counter('processorPerformance')?.values().next().value;
    return {
      monotonicMs,
      takenAtMs,
      cpu: {
        total: sumCpuTimes(cores),
        perCore: cores,
        model: this.cpuModel,
        speedMhz: currentSpeedMhz(this.baseSpeedMhz, performancePercent),
        uptimeSec: uptimeSecFromTimeOfDay(timeOfDay),
      },
      memory: memoryFromWindows({
        totalPhysBytes: memory.status.totalPhysBytes,
        availablePhysBytes: memory.status.availablePhysBytes,
        commitTotalPages: memory.performance.commitTotalPages,
        commitLimitPages: memory.performance.commitLimitPages,
        kernelPagedPages: memory.performance.kernelPagedPages,
        kernelNonpagedPages: memory.performance.kernelNonpagedPages,
        pageBytes: memory.performance.pageBytes,
        standbyBytes: sumOfCounters([counter('standbyReserve'), counter('standbyNormal'), counter('standbyCore')]),
        modifiedBytes: sumOfCounters([counter('modified')]),
        freeAndZeroBytes: sumOfCounters([counter('freeAndZero')]),
      }),
      disks: disksFromCounters({
        readBytes: counter('diskRead'),
        writeBytes: counter('diskWrite'),
        idlePercent: counter('diskIdle'),
        transfers: counter('diskTransfers'),
        secondsPerTransfer: counter('diskSecPerTransfer'),
      }),
      network: interfacesFromCounters(counter('netRx'), counter('netTx')),
      gpus: gpu.gpus,
      volumes: this.volumes.current(monotonicMs),
      handles: memory.performance.handleCount,
      processes,
      appRule: 'windows',
    };
  }

  close(): void {
    this.pdh.close();
    this.volumes.close();
  }

  /** App windows per process; none when the desktop can't be enumerated (a service session). */
  private appWindows(): Map<number, AppWindowHints> {
    try {
      return appWindowsByPid(this.api.enumTopLevelWindows());
    } catch {
      return new Map();
    }
  }

  private shellPid(): number | null {
    try {
      return this.api.shellProcessId();
    } catch {
      return null;
    }
  }

  /**
   * The services per process, asked again every SERVICES_REFRESH_MS and whenever a child of
   * services.exe appears (a service host starting); null when the SCM can't be asked.
   */
  private currentServices(monotonicMs: number, entries: readonly { pid: number; ppid: number; name: string; createTime: bigint }[]): Map<number, string[]> | null {
    const servicesPids = new Set(entries.filter((e) => e.name.toLowerCase() === 'services.exe').map((e) => e.pid));
    const hostKeys = new Set(entries.filter((e) => servicesPids.has(e.ppid)).map((e) => `${e.pid}:${e.createTime}`));
    const hasNewHost = [...hostKeys].some((key) => !this.serviceHostKeys.has(key));
    this.serviceHostKeys = hostKeys;
    if (hasNewHost || monotonicMs - this.servicesReadAtMs >= SERVICES_REFRESH_MS) {
      this.services = queryServicesByPid(this.api);
      this.servicesReadAtMs = monotonicMs;
    }
    return this.services;
  }
}
