/**
 * Per-process GPU use from DRM fdinfo (kernel doc "DRM client usage stats"), for any DRM driver
 * (amdgpu, i915/xe, msm, panfrost, nouveau…). Only where `/dev/dri` exists.
 *
 * Which fds of which process are DRM clients is found by a scan of `/proc/<pid>/fd` links into
 * `/dev/dri/` every 5 s (a readlink per fd: too costly per tick); each tick then reads only the
 * fdinfo of those fds. Several fds of one process can share a client (`drm-client-id`): each
 * client is counted once.
 */
import fs from 'node:fs';
import { parseDrmFdinfo } from './gpu-parse.ts';
import { ReadBuffer } from './proc-file.ts';

const RESCAN_MS = 5_000;

export interface ProcessGpuUsage {
  /** Cumulative busy ns per engine name, summed over the process's clients. */
  engineBusyNs: Map<string, number>;
  memoryBytes: number;
}

export class LinuxDrmClients {
  private readonly procRoot: string;
  private readonly devDri: string;
  private readonly scratch = new ReadBuffer();
  private drmFds = new Map<number, number[]>();
  private scannedAtMs = -Infinity;

  constructor(procRoot: string, devDri = '/dev/dri') {
    this.procRoot = procRoot;
    this.devDri = devDri;
  }

  /** False where the machine has no DRM device: then nothing is ever scanned. */
  isAvailable(): boolean {
    return fs.existsSync(this.devDri);
  }

  /** GPU use of every process among `pids` that holds a DRM client. */
  read(pids: readonly number[], nowMs: number): Map<number, ProcessGpuUsage> {
    if (nowMs - this.scannedAtMs >= RESCAN_MS) {
      this.scannedAtMs = nowMs;
      this.scan(pids);
    }
    const usage = new Map<number, ProcessGpuUsage>();
    for (const [pid, fds] of this.drmFds) {
      const seenClients = new Set<string>();
      const total: ProcessGpuUsage = { engineBusyNs: new Map(), memoryBytes: 0 };
      for (const fd of fds) {
        let client;
        try {
          client = parseDrmFdinfo(this.scratch.readPath(`${this.procRoot}/${pid}/fdinfo/${fd}`));
        } catch {
          continue; // closed since the scan, or the process is gone
        }
        if (!client || seenClients.has(client.clientId)) continue;
        seenClients.add(client.clientId);
        for (const [engine, ns] of client.engineBusyNs) total.engineBusyNs.set(engine, (total.engineBusyNs.get(engine) ?? 0) + ns);
        total.memoryBytes += client.memoryBytes;
      }
      if (seenClients.size > 0) usage.set(pid, total);
    }
    return usage;
  }

  private scan(pids: readonly number[]): void {
    const found = new Map<number, number[]>();
    const prefix = `${this.devDri}/`;
    for (const pid of pids) {
      const dir = `${this.procRoot}/${pid}/fd`;
      let entries: string[];
      try {
        entries = fs.readdirSync(dir);
      } catch {
        continue;
      }
      const fds: number[] = [];
      for (const entry of entries) {
        try {
          if (fs.readlinkSync(`${dir}/${entry}`).startsWith(prefix)) fds.push(Number(entry));
        } catch {
          // closed meanwhile
        }
      }
      if (fds.length > 0) found.set(pid, fds);
    }
    this.drmFds = found;
  }
}
