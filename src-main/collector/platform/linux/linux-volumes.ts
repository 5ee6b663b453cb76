/**
 * Mounted volumes and their sizes. `statfs` runs asynchronously on a slower cadence (5 s) and
 * never blocks the sampling loop: a hung network mount keeps its last figures (or none) while its
 * `statfs` is outstanding, and no second call is made for it until the first returns.
 */
import fs from 'node:fs';
import type { VolumeFigures } from '../../../../src-shared/snapshot.ts';
import { parseMounts, type MountEntry } from './proc-parse.ts';

const REFRESH_MS = 5_000;

/** `fs.statfs`'s shape; tests inject one that never answers, as a hung NFS mount does. */
export type StatfsFunction = (
  path: string,
  callback: (error: NodeJS.ErrnoException | null, stats: { bsize: number; blocks: number; bfree: number }) => void,
) => void;

export class LinuxVolumes {
  private mounts: MountEntry[] = [];
  private readonly figures = new Map<string, VolumeFigures>();
  private readonly pending = new Set<string>();
  private refreshedAtMs = -Infinity;

  private readonly mountsPath: string;

  private readonly statfs: StatfsFunction;

  constructor(mountsPath: string, statfs: StatfsFunction = (path, callback) => fs.statfs(path, callback)) {
    this.mountsPath = mountsPath;
    this.statfs = statfs;
  }

  /** The latest known figures; starts a refresh when one is due. */
  current(nowMs: number): VolumeFigures[] {
    if (nowMs - this.refreshedAtMs >= REFRESH_MS) {
      this.refreshedAtMs = nowMs;
      this.refresh();
    }
    const result: VolumeFigures[] = [];
    for (const mount of this.mounts) {
      const figures = this.figures.get(mount.mount);
      if (figures) result.push(figures);
    }
    return result;
  }

  private refresh(): void {
    try {
      this.mounts = parseMounts(fs.readFileSync(this.mountsPath, 'utf8'));
    } catch {
      this.mounts = [];
    }
    const mounted = new Set(this.mounts.map((m) => m.mount));
    for (const key of this.figures.keys()) if (!mounted.has(key)) this.figures.delete(key);
    for (const mount of this.mounts) {
      if (this.pending.has(mount.mount)) continue;
      this.pending.add(mount.mount);
      this.statfs(mount.mount, (error, stats) => {
        this.pending.delete(mount.mount);
        if (error) {
          this.figures.delete(mount.mount);
          return;
        }
        this.figures.set(mount.mount, volumeFromStatfs(mount, stats));
      });
    }
  }
}

/** Sizes as `df` shows them: total = blocks × bsize, used = (blocks − bfree) × bsize. */
export function volumeFromStatfs(
  mount: MountEntry,
  stats: { bsize: number; blocks: number; bfree: number },
): VolumeFigures {
  return {
    mount: mount.mount,
    fsType: mount.fsType,
    totalBytes: stats.blocks * stats.bsize,
    usedBytes: Math.max(0, stats.blocks - stats.bfree) * stats.bsize,
  };
}
