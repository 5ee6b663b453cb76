/**
 * Per-process GPU use from DRM fdinfo (kernel doc "DRM client usage stats"), for any DRM driver
 * (amdgpu, i915/xe, msm, panfrost, nouveau…). Only where `/dev/dri` exists.
 *
 * Which fds of which process are DRM clients is found by a scan of `/proc/<pid>/fd` links into
 * `/dev/dri/` every 5 s (a readlink per fd: too costly per tick); each tick then reads only the
 * fdinfo of those fds. Several fds of one process can share a client (`drm-client-id`): each
 * client is counted once per process, and once on its card (processes can share a client too).
 * Cards are named as sysfs names them (`card0`), matched by the client's `drm-pdev` to the device
 * each `/sys/class/drm/cardN/device` links to.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GpuClientCounters } from '../../compute/gpu.ts';
import { parseDrmFdinfo } from './gpu-parse.ts';
import { ReadBuffer } from './proc-file.ts';

const RESCAN_MS = 5_000;

export interface ProcessGpuUsage {
  /** Cumulative busy ns per engine name, summed over the process's clients. */
  engineBusyNs: Map<string, number>;
  memoryBytes: number;
}

/** What one read finds: per process, and per client with its card (for the card's engines). */
export interface DrmUsage {
  byPid: Map<number, ProcessGpuUsage>;
  clients: GpuClientCounters[];
}

export class LinuxDrmClients {
  private readonly procRoot: string;
  private readonly devDri: string;
  private readonly sysRoot: string;
  /** `drm-pdev` → card name, found with the fds. */
  private cardsByPdev = new Map<string, string>();
  private readonly scratch = new ReadBuffer();
  private drmFds = new Map<number, number[]>();
  private scannedAtMs = -Infinity;

  constructor(procRoot: string, devDri = '/dev/dri', sysRoot = '/sys') {
    this.procRoot = procRoot;
    this.devDri = devDri;
    this.sysRoot = sysRoot;
  }

  /** False where the machine has no DRM device: then nothing is ever scanned. */
  isAvailable(): boolean {
    return fs.existsSync(this.devDri);
  }

  /** GPU use of every process among `pids` that holds a DRM client, and every client's counters on its card. */
  read(pids: readonly number[], nowMs: number): DrmUsage {
    if (nowMs - this.scannedAtMs >= RESCAN_MS) {
      this.scannedAtMs = nowMs;
      this.scan(pids);
      this.cardsByPdev = cardsByDevice(`${this.sysRoot}/class/drm`);
    }
    const usage = new Map<number, ProcessGpuUsage>();
    const clients = new Map<string, GpuClientCounters>();
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
        const gpuId = client.pdev === null ? undefined : this.cardsByPdev.get(client.pdev);
        const clientKey = `${client.pdev ?? ''}/${client.clientId}`;
        if (gpuId !== undefined && !clients.has(clientKey)) clients.set(clientKey, { gpuId, clientKey, engineBusyNs: client.engineBusyNs });
        for (const [engine, ns] of client.engineBusyNs) total.engineBusyNs.set(engine, (total.engineBusyNs.get(engine) ?? 0) + ns);
        total.memoryBytes += client.memoryBytes;
      }
      if (seenClients.size > 0) usage.set(pid, total);
    }
    return { byPid: usage, clients: [...clients.values()] };
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

/** `card0` … by the bus address (`0000:03:00.0`) its `device` link resolves to; cards without one are left out. */
function cardsByDevice(drmClass: string): Map<string, string> {
  const cards = new Map<string, string>();
  let names: string[];
  try {
    names = fs.readdirSync(drmClass).filter((name) => /^card\d+$/.test(name));
  } catch {
    return cards;
  }
  for (const card of names) {
    try {
      cards.set(path.basename(fs.realpathSync(`${drmClass}/${card}/device`)), card);
    } catch {
      // a card without a device link (a virtual display)
    }
  }
  return cards;
}
