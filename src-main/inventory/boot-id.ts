/**
 * Which boot this is, so the inventory cached in one boot is reused only in the same boot. Pure but
 * for `readBootId`.
 *
 * - Linux: `/proc/sys/kernel/random/boot_id`, a random UUID the kernel makes at each boot.
 * - Windows (and elsewhere): the boot time, now − uptime, in whole minutes. Two readings in the
 *   same boot differ by the rounding of uptime and any clock adjustment since, so `isSameBoot`
 *   accepts the neighbouring minute; two boots a minute apart are not something a cache must tell apart.
 */
import fs from 'node:fs';
import os from 'node:os';

const MINUTE_MS = 60_000;

export function linuxBootId(text: string): string | null {
  const id = text.trim().toLowerCase();
  return /^[0-9a-f-]{32,36}$/.test(id) ? `linux:${id}` : null;
}

export function bootTimeId(nowMs: number, uptimeSec: number): string {
  return `boot-minute:${Math.round((nowMs - uptimeSec * 1000) / MINUTE_MS)}`;
}

export function isSameBoot(a: string, b: string): boolean {
  if (a === b) return true;
  const minute = (id: string) => (id.startsWith('boot-minute:') ? Number(id.slice('boot-minute:'.length)) : NaN);
  const [ma, mb] = [minute(a), minute(b)];
  return Number.isInteger(ma) && Number.isInteger(mb) && Math.abs(ma - mb) <= 1;
}

export interface BootIdSources {
  platform: NodeJS.Platform;
  readFile: (path: string) => string;
  nowMs: () => number;
  uptimeSec: () => number;
}

const realSources: BootIdSources = {
  platform: process.platform,
  readFile: (path) => fs.readFileSync(path, 'utf8'),
  nowMs: () => Date.now(),
  uptimeSec: () => os.uptime(),
};

export function readBootId(sources: BootIdSources = realSources): string {
  if (sources.platform === 'linux') {
    try {
      const id = linuxBootId(sources.readFile('/proc/sys/kernel/random/boot_id'));
      if (id !== null) return id;
    } catch {
      // Not readable (a locked-down container): the boot time below still tells boots apart.
    }
  }
  return bootTimeId(sources.nowMs(), sources.uptimeSec());
}
