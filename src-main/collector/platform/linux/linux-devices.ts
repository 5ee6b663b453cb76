/**
 * Which block devices are disks and which network interfaces are real (DESIGN.md "Disks",
 * "Network"), decided from sysfs and re-checked every 30 s for hot-plug.
 *  - A disk is a whole block device backed by hardware: `/sys/block/X` does not resolve under
 *    `/devices/virtual/` (that excludes loop, ram, zram, dm-*, md*).
 *  - A real interface is backed by a device, or is a tunnel/VPN/PPP link (ARPHRD_NONE 65534,
 *    ARPHRD_PPP 512), which Task Manager lists too; loopback only when asked for; bridges, veths
 *    and other software-only links are hidden.
 */
import fs from 'node:fs';

const RESCAN_MS = 30_000;
const ARPHRD_PPP = 512;
const ARPHRD_NONE = 65534;

export class LinuxDevices {
  private disks = new Map<string, string>();
  private interfaces = new Set<string>();
  private scannedAtMs = -Infinity;

  private readonly sysRoot: string;
  private readonly includeLoopback: boolean;

  constructor(
    sysRoot: string,
    includeLoopback: boolean,
  ) {
    this.sysRoot = sysRoot;
    this.includeLoopback = includeLoopback;
  }

  /** Disk id (kernel name) → display name (model, or the kernel name). */
  diskNames(nowMs: number): ReadonlyMap<string, string> {
    this.rescanIfDue(nowMs);
    return this.disks;
  }

  isRealInterface(name: string, nowMs: number): boolean {
    this.rescanIfDue(nowMs);
    return this.interfaces.has(name);
  }

  private rescanIfDue(nowMs: number): void {
    if (nowMs - this.scannedAtMs < RESCAN_MS) return;
    this.scannedAtMs = nowMs;
    this.disks = new Map();
    for (const name of listDir(`${this.sysRoot}/block`)) {
      const real = realpath(`${this.sysRoot}/block/${name}`);
      if (real === null || real.includes('/devices/virtual/')) continue;
      const model = readTrimmed(`${this.sysRoot}/block/${name}/device/model`);
      this.disks.set(name, model ? `${name} (${model})` : name);
    }
    this.interfaces = new Set();
    for (const name of listDir(`${this.sysRoot}/class/net`)) {
      if (name === 'lo') {
        if (this.includeLoopback) this.interfaces.add(name);
        continue;
      }
      const real = realpath(`${this.sysRoot}/class/net/${name}`);
      const type = Number(readTrimmed(`${this.sysRoot}/class/net/${name}/type`));
      const isHardware = real !== null && !real.includes('/devices/virtual/');
      if (isHardware || type === ARPHRD_NONE || type === ARPHRD_PPP) this.interfaces.add(name);
    }
  }
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function realpath(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}

export function readTrimmed(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}
