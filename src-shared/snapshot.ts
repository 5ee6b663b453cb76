/**
 * The snapshot: everything the collector knows at one tick, as one typed value.
 *
 * The zod schemas are the source of truth and the TypeScript types are inferred from them, so the
 * runtime check and the compile-time type can't drift. Units are in the names (`Bytes`, `PerSec`,
 * `Ms`, `Percent` is 0–100). `null` means the OS has no such number here (shown as "—"), never 0.
 * Definitions of every figure: DESIGN.md "Definitions" and docs/definitions.md.
 */
import { z } from 'zod';
import { APP_CATEGORIES, GPU_VENDORS, PRIORITIES, PROCESS_STATES } from './enums.ts';

export { APP_CATEGORIES, GPU_VENDORS, PRIORITIES, PROCESS_STATES };

/** A percentage 0–100, or null when it can't be known yet (first sample) or here. */
const percent = z.number().min(0).max(100).nullable();
/** A count of bytes or a rate in bytes per second, or null where the OS has none. */
const bytes = z.number().nonnegative().nullable();
const count = z.number().int().nonnegative();

/** A valid pid in any command: an integer from 1 to 2³²−1 (DESIGN.md "Valid pid"). */
export const pidSchema = z
  .number({ error: 'a pid must be a number' })
  .int({ error: 'a pid must be a whole number from 1 to 4294967295' })
  .min(1, { error: 'a pid must be a whole number from 1 to 4294967295' })
  .max(2 ** 32 - 1, { error: 'a pid must be a whole number from 1 to 4294967295' });
/** Milliseconds since the Unix epoch, an integer computed the same way every time (identity). */
export const startTimeMsSchema = z
  .number({ error: 'startTimeMs (the process start time, ms since the epoch) is required' })
  .int({ error: 'startTimeMs must be a whole number of ms since the epoch' })
  .nonnegative({ error: 'startTimeMs must be a whole number of ms since the epoch' });

export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

export const processStateSchema = z.enum(PROCESS_STATES);
export type ProcessState = z.infer<typeof processStateSchema>;

/** Identity of a process: a pid alone can be reused, a (pid, start time) pair can't. */
export const processIdentitySchema = z.object({ pid: pidSchema, startTimeMs: startTimeMsSchema });
export type ProcessIdentity = z.infer<typeof processIdentitySchema>;

export const processRowSchema = z.object({
  pid: pidSchema,
  /** 0 when the process has no parent (pid 1, kernel roots, Windows' System). */
  ppid: z.number().int().nonnegative(),
  /** The executable's name, in full (never Linux's 15-character `comm` when the full one is known). */
  name: z.string(),
  startTimeMs: startTimeMsSchema,
  user: z.string().nullable(),
  state: processStateSchema,
  /** Share of the whole machine (0–100; the rows add up to `cpu.totalPercent`); null on a process's first sample. */
  cpuPercent: percent,
  /** Private resident memory (Task Manager's "Memory"): private working set / Linux RssAnon. */
  memoryBytes: bytes,
  /** Resident set (working set). */
  residentBytes: bytes,
  /** Commit: private bytes on Windows, data + stack (statm `data`) on Linux. */
  commitBytes: bytes,
  threads: count.nullable(),
  handles: count.nullable(),
  /** Bytes per second that reached storage (Linux) or all I/O transfers (Windows, labelled "I/O"). */
  ioReadBytesPerSec: bytes,
  ioWriteBytesPerSec: bytes,
  netRxBytesPerSec: bytes,
  netTxBytesPerSec: bytes,
  gpuPercent: percent,
  gpuMemoryBytes: bytes,
  priority: prioritySchema.nullable(),
  /** Windows 11 efficiency mode; null where the OS has no such thing. */
  isEfficiencyMode: z.boolean().nullable(),
  commandLine: z.string().nullable(),
  exePath: z.string().nullable(),
  /** The executable's version-resource FileDescription (Windows; what Task Manager names a process by); null elsewhere or when it has none. */
  description: z.string().nullable(),
  /** The executable's version-resource CompanyName (Windows); null elsewhere or when it has none. */
  publisher: z.string().nullable(),
  /**
   * Names (the Service Control Manager's short names, sorted) of the Windows services this process hosts: `[]` for a
   * process that hosts none; null where the OS has no such thing (Linux) or the service list could not be read.
   */
  services: z.array(z.string()).nullable(),
});
export type ProcessRow = z.infer<typeof processRowSchema>;

export const appCategorySchema = z.enum(APP_CATEGORIES);
export type AppCategory = z.infer<typeof appCategorySchema>;

export const appSchema = z.object({
  /** Stable while the app lives: derived from its scope, its executable (Linux) or its root process's identity (Windows). */
  id: z.string().min(1),
  name: z.string(),
  category: appCategorySchema,
  members: z.array(processIdentitySchema).min(1),
  /**
   * Windows: false when one of the app's windows does not answer messages ("Not responding", `IsHungAppWindow`),
   * true when they all do; null for background and system processes and where the OS has no such notion (Linux).
   */
  isResponding: z.boolean().nullable(),
});
export type App = z.infer<typeof appSchema>;

export const cpuSchema = z.object({
  /** Busy share of all logical CPUs over the interval. */
  totalPercent: percent,
  /** Kernel (system + irq + softirq) share of all logical CPUs over the interval. */
  kernelPercent: percent,
  perCorePercent: z.array(percent),
  logicalCores: z.number().int().positive(),
  model: z.string().nullable(),
  speedMhz: z.number().nonnegative().nullable(),
  /** Null where the OS won't say. */
  uptimeSec: z.number().nonnegative().nullable(),
});
export type CpuFigures = z.infer<typeof cpuSchema>;

export const memorySchema = z.object({
  totalBytes: z.number().nonnegative(),
  /** total − available. */
  usedBytes: z.number().nonnegative(),
  availableBytes: z.number().nonnegative(),
  /** Linux: Buffers + Cached + SReclaimable; Windows: standby + modified lists. */
  cachedBytes: bytes,
  swapTotalBytes: bytes,
  swapUsedBytes: bytes,
  commitBytes: bytes,
  commitLimitBytes: bytes,
  /**
   * The composition bar as Task Manager draws it (in use + modified + standby + free = total;
   * Linux's closest exact equivalents: docs/definitions.md). Null where the OS has no such figure.
   */
  modifiedBytes: bytes,
  standbyBytes: bytes,
  freeBytes: bytes,
  /** Windows: memory in the compression store; null elsewhere. */
  compressedBytes: bytes,
  /** Windows: the kernel's paged and non-paged pools; null elsewhere. */
  pagedPoolBytes: bytes,
  nonPagedPoolBytes: bytes,
});
export type MemoryFigures = z.infer<typeof memorySchema>;

export const diskSchema = z.object({
  id: z.string(),
  name: z.string(),
  readBytesPerSec: bytes,
  writeBytesPerSec: bytes,
  /** Time spent doing I/O over the interval, capped at 100. */
  activePercent: percent,
  /**
   * Average response time over the interval, ms: Δ(read ms + write ms) ÷ Δ(reads + writes) from
   * /proc/diskstats as iostat computes it (Linux), PDH `Avg. Disk sec/Transfer` (Windows). Null with no
   * transfers in the interval or where the OS has no such figure.
   */
  responseTimeMs: z.number().nonnegative().nullable(),
});
export type DiskFigures = z.infer<typeof diskSchema>;

export const volumeSchema = z.object({
  mount: z.string(),
  fsType: z.string(),
  totalBytes: z.number().nonnegative(),
  usedBytes: z.number().nonnegative(),
});
export type VolumeFigures = z.infer<typeof volumeSchema>;

export const networkSchema = z.object({
  name: z.string(),
  rxBytesPerSec: bytes,
  txBytesPerSec: bytes,
  rxTotalBytes: z.number().nonnegative(),
  txTotalBytes: z.number().nonnegative(),
});
export type NetworkFigures = z.infer<typeof networkSchema>;

export const gpuSchema = z.object({
  id: z.string(),
  name: z.string(),
  vendor: z.enum(GPU_VENDORS),
  utilizationPercent: percent,
  memoryUsedBytes: bytes,
  memoryTotalBytes: bytes,
  /** Shared GPU memory in use (system memory the GPU maps; Windows); null elsewhere. */
  sharedMemoryUsedBytes: bytes,
  temperatureC: z.number().nullable(),
  /**
   * Busy share of each engine type over the interval (PDH's engine types "3D", "Copy", "VideoDecode" on Windows; the
   * DRM engine names "render", "video", … on Linux), sorted by name (a stable order: the OS lists engines as processes
   * use them); empty where the OS gives none.
   */
  engines: z.array(z.object({ name: z.string(), utilizationPercent: percent })),
});
export type GpuFigures = z.infer<typeof gpuSchema>;

export const snapshotSchema = z.object({
  /** Increases by one per snapshot of one collector run; restarts at 1 with the collector. */
  seq: z.number().int().positive(),
  takenAtMs: z.number().int().nonnegative(),
  /** Measured time between this sample and the previous one (not the configured interval). */
  intervalMs: z.number().positive(),
  /** What watching costs: this app's own processes together. */
  self: z.object({
    cpuPercent: percent,
    memoryBytes: bytes,
    /**
     * Each of the app's own processes with its CPU time since it started (user + kernel, seconds: /proc/<pid>/stat on
     * Linux, the process information's times on Windows), for `/metrics`' counters. Absent from older collectors.
     */
    processes: z.array(z.object({ pid: pidSchema, cpuSeconds: z.number().nonnegative() })).optional(),
  }),
  cpu: cpuSchema,
  memory: memorySchema,
  disks: z.array(diskSchema),
  volumes: z.array(volumeSchema),
  network: z.array(networkSchema),
  gpus: z.array(gpuSchema),
  totals: z.object({ processes: count, threads: count, handles: count.nullable() }),
  processes: z.array(processRowSchema),
  apps: z.array(appSchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;
