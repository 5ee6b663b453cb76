/**
 * The new Performance figures against the real /proc: a disk's average response time (iostat's await) and the memory
 * composition bar. Each comparison is exact: the test reads the same /proc file itself just before and just after the
 * platform's sample, and only a window in which its two readings agree (no other I/O or allocation slipped in between)
 * is compared; a busy machine gets a few more tries.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotSchema } from '../../../../src-shared/snapshot.ts';
import { buildSnapshot } from '../../compute/snapshot.ts';
import type { RawSample } from '../platform.ts';
import { LinuxPlatform } from './linux-platform.ts';

const ATTEMPTS = 25;

/** The whole disk (kernel name) that holds `dir`: st_dev → /sys/dev/block/MAJ:MIN, its parent for a partition. */
function diskOf(dir: string): string | null {
  const dev = fs.statSync(dir).dev;
  const major = (dev >> 8) & 0xfff;
  const minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
  let real: string;
  try {
    real = fs.realpathSync(`/sys/dev/block/${major}:${minor}`);
  } catch {
    return null; // tmpfs, overlay: no block device
  }
  return fs.existsSync(`${real}/partition`) ? path.basename(path.dirname(real)) : path.basename(real);
}

/** Reads completed, ms reading, writes completed, ms writing of one disk, read here, independently of the adapter. */
function ownDiskstats(disk: string): number[] | null {
  for (const line of fs.readFileSync('/proc/diskstats', 'utf8').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[2] === disk) return [Number(f[3]), Number(f[6]), Number(f[7]), Number(f[10])];
  }
  return null;
}

/** A sample taken while `read` gave the same answer just before and just after it; null when it never did. */
function quietSample<T>(platform: LinuxPlatform, read: () => T): { sample: RawSample; own: T } | null {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const before = read();
    const sample = platform.sample();
    const after = read();
    if (JSON.stringify(before) === JSON.stringify(after)) return { sample, own: after };
  }
  return null;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('disk response time on the real /proc/diskstats', () => {
  it('a written and fsynced file shows a response time equal to Δ(read + write ms) ÷ Δ(reads + writes) over the same window', () => {
    // The temporary folder, or this checkout where /tmp is a tmpfs: somewhere a real disk is under the file.
    const base = [os.tmpdir(), process.cwd()].find((d) => diskOf(d) !== null);
    expect(base, 'no disk-backed folder to write to').toBeDefined();
    const dir = fs.mkdtempSync(path.join(base ?? os.tmpdir(), 'response-time-'));
    dirs.push(dir);
    const disk = diskOf(dir) ?? '';
    const platform = new LinuxPlatform({ intervalMs: 500, nvidiaSmiPath: null });
    try {
      expect(platform.sample().disks.map((d) => d.id)).toContain(disk);
      let compared = false;
      for (let attempt = 0; attempt < ATTEMPTS && !compared; attempt++) {
        const first = quietSample(platform, () => ownDiskstats(disk));
        const fd = fs.openSync(path.join(dir, `f${attempt}`), 'w');
        fs.writeSync(fd, Buffer.alloc(1024 * 1024, attempt + 1));
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        const second = quietSample(platform, () => ownDiskstats(disk));
        if (!first?.own || !second?.own) continue;
        const [reads0 = 0, readMs0 = 0, writes0 = 0, writeMs0 = 0] = first.own;
        const [reads1 = 0, readMs1 = 0, writes1 = 0, writeMs1 = 0] = second.own;
        const transfers = reads1 - reads0 + (writes1 - writes0);
        // The fsync waited for the write to complete: at least one transfer is in the window.
        expect(writes1 - writes0).toBeGreaterThan(0);
        const snapshot = snapshotSchema.parse(buildSnapshot(first.sample, second.sample, { seq: 1, ownPids: new Set() }));
        const figure = snapshot.disks.find((d) => d.id === disk)?.responseTimeMs;
        expect(figure).not.toBeNull();
        expect(figure).toBe((readMs1 - readMs0 + (writeMs1 - writeMs0)) / transfers);
        compared = true;
      }
      expect(compared, 'the disk was never quiet around a sample').toBe(true);
    } finally {
      platform.close();
    }
  });

  it('a disk with no transfer in the window has no response time (null, not 0 ms)', () => {
    const platform = new LinuxPlatform({ intervalMs: 500, nvidiaSmiPath: null });
    try {
      // A window that begins and ends with the same counters, found by sampling twice in quick succession.
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const first = platform.sample();
        const second = platform.sample();
        if (second.monotonicMs <= first.monotonicMs) continue;
        const idle = second.disks.find((d) => first.disks.some((p) => p.id === d.id && p.transfers === d.transfers));
        if (!idle) continue;
        const snapshot = buildSnapshot(first, second, { seq: 1, ownPids: new Set() });
        expect(snapshot.disks.find((d) => d.id === idle.id)?.responseTimeMs).toBeNull();
        return;
      }
      expect.fail('no disk was idle between two samples');
    } finally {
      platform.close();
    }
  });
});

describe('memory composition on the real /proc/meminfo', () => {
  const keys = ['MemTotal', 'MemFree', 'Buffers', 'Cached', 'SReclaimable', 'Shmem', 'Dirty', 'Writeback', 'AnonPages', 'SUnreclaim', 'KernelStack', 'PageTables'];
  const ownMeminfo = (): Record<string, number> => {
    const values: Record<string, number> = {};
    for (const line of fs.readFileSync('/proc/meminfo', 'utf8').split('\n')) {
      const [key, value] = line.split(/:\s+/);
      if (key !== undefined && keys.includes(key)) values[key] = Number.parseInt(value ?? '', 10) * 1024;
    }
    return values;
  };

  it('in use + modified + standby + free = total, each segment as defined, and in use holds at least the memory nothing can drop', () => {
    const platform = new LinuxPlatform({ intervalMs: 500, nvidiaSmiPath: null });
    try {
      // Exact when /proc/meminfo held still around a sample; on a machine too busy for that, within 16 MiB of the
      // reading just after it (MemFree moves by pages every few ms under load).
      const quiet = quietSample(platform, ownMeminfo);
      const sample = quiet?.sample ?? platform.sample();
      const m = quiet?.own ?? ownMeminfo();
      const tolerance = quiet ? 0 : 16 * 1024 * 1024;
      const at = (key: string) => m[key] ?? NaN;
      const close = (value: number | null | undefined, expected: number) => {
        expect(value).not.toBeNull();
        expect(Math.abs((value ?? NaN) - expected)).toBeLessThanOrEqual(tolerance);
      };
      const memory = sample.memory;
      expect(memory.totalBytes).toBe(at('MemTotal'));
      close(memory.freeBytes, at('MemFree'));
      close(memory.modifiedBytes, at('Dirty') + at('Writeback'));
      close(memory.standbyBytes, Math.max(0, at('Buffers') + at('Cached') + at('SReclaimable') - at('Shmem') - at('Dirty') - at('Writeback')));
      const modified = memory.modifiedBytes ?? NaN;
      const standby = memory.standbyBytes ?? NaN;
      const free = memory.freeBytes ?? NaN;
      const inUse = memory.totalBytes - modified - standby - free;
      expect(inUse + modified + standby + free).toBe(memory.totalBytes);
      // Process memory, tmpfs and the kernel's own unreclaimable memory can't be dropped: all of it is in use.
      expect(inUse + tolerance).toBeGreaterThanOrEqual(at('AnonPages') + at('Shmem') + at('SUnreclaim') + at('KernelStack') + at('PageTables'));
      expect(inUse).toBeLessThanOrEqual(memory.totalBytes);
      expect(memory.compressedBytes).toBeNull();
      expect(memory.pagedPoolBytes).toBeNull();
      expect(memory.nonPagedPoolBytes).toBeNull();
    } finally {
      platform.close();
    }
  });
});
