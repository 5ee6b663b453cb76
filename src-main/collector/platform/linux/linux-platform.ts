/**
 * The Linux adapter: reads `/proc` and `/sys` directly, synchronously, with files kept open.
 * It reads raw counters only; percentages and rates are computed in `../../compute/`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { GpuClientCounters } from '../../compute/gpu.ts';
import { memoryFromMeminfo } from '../../compute/memory.ts';
import type { PlatformOptions, PlatformSampler, RawDisk, RawInterface, RawSample, StartTimeBasis } from '../platform.ts';
import { LinuxDevices } from './linux-devices.ts';
import { LinuxDrmClients } from './linux-drm-clients.ts';
import { findOnPath, NvidiaSmiStream, readSysfsGpus } from './linux-gpu.ts';
import { LinuxProcessReader } from './linux-processes.ts';
import { LinuxVolumes } from './linux-volumes.ts';
import { FileBudget, fileBudgetFromLimits, KeptFile, ReadBuffer } from './proc-file.ts';
import {
  parseCpuinfo,
  parseDiskstats,
  parseFileNr,
  parseMeminfo,
  parseNetDev,
  parseSystemStat,
} from './proc-parse.ts';
import { UserNames } from './user-names.ts';

export interface LinuxPlatformOptions extends PlatformOptions {
  /** The sampling interval, for the NVIDIA stream's own cadence. */
  intervalMs: number;
  /** Where to look for nvidia-smi (tests point this at a stand-in); null disables it. */
  nvidiaSmiPath?: string | null;
  /** The DRM device folder (tests point this at a fixture). */
  devDriPath?: string;
  /** How many files may be kept open; by default derived from RLIMIT_NOFILE. */
  maxKeptFiles?: number;
  /** A previous collector's basis: used when it is of this boot (see StartTimeBasis). */
  startTimeBasis?: StartTimeBasis | null;
}

export class LinuxPlatform implements PlatformSampler {
  private readonly procRoot: string;
  private readonly sysRoot: string;
  private readonly scratch = new ReadBuffer();
  private readonly files: Record<'stat' | 'meminfo' | 'diskstats' | 'netDev' | 'uptime' | 'fileNr', KeptFile>;
  private readonly processes: LinuxProcessReader;
  private readonly devices: LinuxDevices;
  private readonly volumes: LinuxVolumes;
  private readonly nvidia: NvidiaSmiStream | null;
  private readonly drmClients: LinuxDrmClients | null;
  readonly startTimeBasis: StartTimeBasis | null;
  private readonly cpuModel: string | null;
  private readonly cpuSpeedMhz: number | null;
  /** Cleared at the first cpufreq read that fails (VMs have none): not retried every tick. */
  private hasCpufreq = true;

  constructor(options: LinuxPlatformOptions) {
    this.procRoot = options.procRoot ?? '/proc';
    this.sysRoot = options.sysRoot ?? '/sys';
    const fileBudget = new FileBudget(options.maxKeptFiles ?? fileBudgetFromLimits(readOrNull(() => this.scratch.readPath('/proc/self/limits'))));
    const kept = (name: string) => new KeptFile(`${this.procRoot}/${name}`, this.scratch, fileBudget);
    this.files = {
      stat: kept('stat'),
      meminfo: kept('meminfo'),
      diskstats: kept('diskstats'),
      netDev: kept('net/dev'),
      uptime: kept('uptime'),
      fileNr: kept('sys/fs/file-nr'),
    };
    // Boot time is read once per collector start (or taken from the previous collector of this
    // boot), so every start time is computed the same way.
    const bootId = readOrNull(() => this.scratch.readPath(`${this.procRoot}/sys/kernel/random/boot_id`).trim());
    let bootTimeMs: number;
    if (options.startTimeBasis && bootId !== null && options.startTimeBasis.bootId === bootId) {
      bootTimeMs = options.startTimeBasis.bootTimeMs;
    } else {
      const bootTimeSec = parseSystemStat(this.files.stat.read())?.bootTimeSec;
      if (bootTimeSec === null || bootTimeSec === undefined) throw new Error(`${this.procRoot}/stat has no btime`);
      bootTimeMs = bootTimeSec * 1000;
    }
    this.startTimeBasis = bootId === null ? null : { bootId, bootTimeMs };
    this.processes = new LinuxProcessReader({
      procRoot: this.procRoot,
      bootTimeMs,
      ticksPerSec: clockTicksPerSecond(),
      pageBytes: pageSizeBytes(),
      users: new UserNames(),
      fileBudget,
    });
    this.devices = new LinuxDevices(this.sysRoot, options.includeLoopback ?? false);
    this.volumes = new LinuxVolumes(`${this.procRoot}/self/mounts`);
    const cpuinfo = parseCpuinfo(this.scratch.readPath(`${this.procRoot}/cpuinfo`));
    this.cpuModel = cpuinfo.model;
    this.cpuSpeedMhz = cpuinfo.speedMhz;
    const nvidiaSmi = options.nvidiaSmiPath === undefined ? findOnPath('nvidia-smi') : options.nvidiaSmiPath;
    this.nvidia = nvidiaSmi ? new NvidiaSmiStream(nvidiaSmi, options.intervalMs) : null;
    const drmClients = new LinuxDrmClients(this.procRoot, options.devDriPath, this.sysRoot);
    this.drmClients = drmClients.isAvailable() ? drmClients : null;
  }

  sample(): RawSample {
    const monotonicMs = performance.now();
    const takenAtMs = Date.now();
    const stat = parseSystemStat(this.files.stat.read());
    if (!stat) throw new Error(`${this.procRoot}/stat could not be parsed`);
    const diskNames = this.devices.diskNames(monotonicMs);
    const disks: RawDisk[] = [];
    for (const d of parseDiskstats(this.files.diskstats.read())) {
      const name = diskNames.get(d.name);
      if (name !== undefined) {
        disks.push({ id: d.name, name, readBytes: d.readBytes, writeBytes: d.writeBytes, busyMs: d.busyMs, transfers: d.transfers, transferMs: d.transferMs });
      }
    }
    const network: RawInterface[] = parseNetDev(this.files.netDev.read()).filter((i) =>
      this.devices.isRealInterface(i.name, monotonicMs),
    );
    const uptimeSec = Number(this.files.uptime.read().split(' ')[0]);
    const processes = this.processes.read();
    let gpuClients: GpuClientCounters[] | undefined;
    if (this.drmClients) {
      const usage = this.drmClients.read(processes.map((p) => p.pid), monotonicMs);
      gpuClients = usage.clients;
      for (const p of processes) {
        const gpu = usage.byPid.get(p.pid);
        if (gpu) {
          p.gpuEngineBusyNs = gpu.engineBusyNs;
          p.gpuMemoryBytes = gpu.memoryBytes;
        }
      }
    }
    return {
      monotonicMs,
      takenAtMs,
      cpu: {
        total: stat.total,
        perCore: stat.perCore,
        model: this.cpuModel,
        speedMhz: this.currentSpeedMhz(stat.perCore.length),
        uptimeSec: Number.isFinite(uptimeSec) ? uptimeSec : null,
      },
      memory: memoryFromMeminfo(parseMeminfo(this.files.meminfo.read())),
      disks,
      network,
      gpus: [...(this.nvidia?.current() ?? []), ...readSysfsGpus(this.sysRoot, this.nvidia !== null)],
      volumes: this.volumes.current(monotonicMs),
      handles: readOrNull(() => parseFileNr(this.files.fileNr.read())),
      processes,
      ...(gpuClients ? { gpuClients } : {}),
    };
  }

  close(): void {
    for (const file of Object.values(this.files)) file.close();
    this.processes.close();
    this.nvidia?.close();
  }

  /** Mean current frequency from cpufreq when the kernel has it; else /proc/cpuinfo's at start. */
  private currentSpeedMhz(cores: number): number | null {
    if (!this.hasCpufreq) return this.cpuSpeedMhz;
    let sumKhz = 0;
    let count = 0;
    for (let cpu = 0; cpu < cores; cpu++) {
      try {
        const khz = Number(this.scratch.readPath(`${this.sysRoot}/devices/system/cpu/cpu${cpu}/cpufreq/scaling_cur_freq`));
        if (Number.isFinite(khz)) {
          sumKhz += khz;
          count += 1;
        }
      } catch {
        this.hasCpufreq = cpu > 0; // none at all here (VMs): keep the figure read at start
        break;
      }
    }
    return count > 0 ? sumKhz / count / 1000 : this.cpuSpeedMhz;
  }
}

function readOrNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** CLK_TCK, asked of the C library once (a fork at start, never per tick); 100 on every mainstream Linux. */
export function clockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    if (Number.isInteger(value) && value > 0) return value;
  } catch {
    // no getconf: the kernel's USER_HZ default
  }
  return 100;
}

function pageSizeBytes(): number {
  try {
    const value = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim());
    if (Number.isInteger(value) && value > 0) return value;
  } catch {
    // fall through
  }
  return 4096;
}

export function isLinuxProcAvailable(procRoot = '/proc'): boolean {
  return fs.existsSync(`${procRoot}/stat`);
}
