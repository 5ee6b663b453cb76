/**
 * What a platform adapter gives the collector each tick: raw counters, read as the OS keeps them
 * (cumulative CPU time, cumulative bytes), plus instantaneous figures that the OS already gives as
 * such (memory, GPU utilisation from its driver). All rates and percentages are computed from two
 * of these by the pure functions in `../compute/`.
 */
import type { CpuTimes } from '../compute/cpu-percent.ts';
import type { GpuClientCounters } from '../compute/gpu.ts';
import type {
  GpuFigures,
  MemoryFigures,
  Priority,
  ProcessState,
  VolumeFigures,
} from '../../../src-shared/snapshot.ts';

export interface RawProcess {
  pid: number;
  ppid: number;
  name: string;
  startTimeMs: number;
  user: string | null;
  state: ProcessState;
  /** Cumulative user + kernel CPU time, ms. */
  cpuTimeMs: number;
  memoryBytes: number | null;
  residentBytes: number | null;
  commitBytes: number | null;
  threads: number | null;
  handles: number | null;
  /** Cumulative bytes; null where the OS won't say (permissions) or has no such counter. */
  ioReadBytes: number | null;
  ioWriteBytes: number | null;
  netRxBytes: number | null;
  netTxBytes: number | null;
  /** Cumulative busy ns per GPU engine (DRM fdinfo), null when the process uses no GPU we can see. */
  gpuEngineBusyNs: ReadonlyMap<string, number> | null;
  gpuMemoryBytes: number | null;
  priority: Priority | null;
  isEfficiencyMode: boolean | null;
  commandLine: string | null;
  exePath: string | null;
  /** Hints for app grouping (compute/apps.ts). */
  appScope: string | null;
  cgroupPath: string | null;
  isKernelThread: boolean;
  /**
   * GPU utilisation the OS already gives as a share of the interval (Windows PDH `GPU Engine`, busiest engine type),
   * 0–100, null when unknown. When present it is used as is instead of `gpuEngineBusyNs`; absent on Linux.
   */
  gpuPercent?: number | null;
  /** Version-resource FileDescription and CompanyName of the executable (Windows); absent on Linux (null rows). */
  description?: string | null;
  publisher?: string | null;
  /** Windows services hosted (short names, sorted); absent on Linux. See `processRowSchema.services`. */
  services?: readonly string[] | null;
  /** Windows app-grouping hints (compute/apps.ts `groupWindowsApps`); absent on Linux. */
  hasAppWindow?: boolean;
  /** One of its app windows does not answer messages (`IsHungAppWindow`). */
  isNotResponding?: boolean;
  /** `IsProcessCritical` (Windows): ending it stops the machine. */
  isCritical?: boolean;
  /** It is the desktop shell (the process of `GetShellWindow()`, explorer.exe). */
  isShell?: boolean;
}

export interface RawDisk {
  id: string;
  name: string;
  readBytes: number;
  writeBytes: number;
  /** Cumulative ms spent doing I/O (Linux); null where the OS gives the share directly (`activePercent`). */
  busyMs: number | null;
  /** Active time over the interval the OS measured itself (Windows PDH: 100 − `% Idle Time`), 0–100; absent on Linux. */
  activePercent?: number | null;
  /**
   * Cumulative transfers completed (Linux: reads + writes of diskstats; Windows: the raw `Disk Transfers/sec` count),
   * null where unknown. Tells an idle interval (no response time) from a fast one.
   */
  transfers: number | null;
  /** Cumulative ms spent on those transfers (Linux: ms reading + ms writing); null where the OS averages itself (Windows). */
  transferMs: number | null;
  /** Average seconds per transfer over the interval the OS measured itself (Windows PDH `Avg. Disk sec/Transfer`); absent on Linux. */
  secondsPerTransfer?: number | null;
}

export interface RawInterface {
  name: string;
  rxBytes: number;
  txBytes: number;
}

export interface RawSample {
  /** Monotonic clock at the sample (ms): intervals are measured on it, never on wall time. */
  monotonicMs: number;
  /** Wall clock at the sample, ms since the epoch (integer). */
  takenAtMs: number;
  cpu: {
    total: CpuTimes;
    perCore: CpuTimes[];
    model: string | null;
    speedMhz: number | null;
    uptimeSec: number | null;
  };
  memory: MemoryFigures;
  disks: RawDisk[];
  network: RawInterface[];
  gpus: GpuFigures[];
  volumes: VolumeFigures[];
  /** System-wide open handles (file descriptors on Linux), null where unknown. */
  handles: number | null;
  processes: RawProcess[];
  /**
   * Linux: every DRM client's cumulative engine counters with its card, from which each card's engines are computed
   * (`GpuFigures.engines`, compute/gpu.ts `gpuEnginesFromClients`); absent where the OS gives engines as figures.
   */
  gpuClients?: readonly GpuClientCounters[];
  /** Which DESIGN.md "Apps" rule groups these processes; Linux's when absent. */
  appRule?: 'linux' | 'windows';
}

export interface PlatformOptions {
  /** Lists the loopback interface too. */
  includeLoopback?: boolean;
  /** Where procfs and sysfs are (tests point these at fixtures). */
  procRoot?: string;
  sysRoot?: string;
}

/**
 * What start times are computed from (Linux: boot time + start ticks). Kept by the supervisor and
 * handed to a restarted collector, so that a process keeps the very same `startTimeMs` (its
 * identity) across collector restarts even if the clock was stepped meanwhile. Valid only for the
 * boot it names.
 */
export interface StartTimeBasis {
  bootId: string;
  bootTimeMs: number;
}

/** One per collector; `sample` is synchronous and never forks. */
export interface PlatformSampler {
  /** The basis this sampler computes start times from, where it has one. */
  readonly startTimeBasis?: StartTimeBasis | null;
  sample(): RawSample;
  /** Releases kept-open files and child processes (the NVIDIA stream). */
  close(): void;
}
