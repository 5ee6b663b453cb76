/**
 * System and process memory figures from raw counters (DESIGN.md "Definitions"). Pure.
 */
import type { MemoryFigures } from '../../../src-shared/snapshot.ts';

/** `/proc/meminfo` values in bytes by key (e.g. `MemTotal`). */
export type MeminfoBytes = ReadonlyMap<string, number>;

/**
 * used = total − available; cached = Buffers + Cached + SReclaimable;
 * swap used = SwapTotal − SwapFree; commit = Committed_AS of CommitLimit.
 * Kernels before 3.14 lack MemAvailable: then available is MemFree + Buffers + Cached, the
 * estimate `free` used before it existed.
 */
export function memoryFromMeminfo(info: MeminfoBytes): MemoryFigures {
  const get = (key: string): number | null => info.get(key) ?? null;
  const totalBytes = get('MemTotal');
  const free = get('MemFree');
  // Without these the text is not a meminfo: fail the sample rather than show zeros as data.
  if (totalBytes === null || free === null) throw new Error('/proc/meminfo has no MemTotal or MemFree');
  const availableBytes = Math.min(totalBytes, get('MemAvailable') ?? free + (get('Buffers') ?? 0) + (get('Cached') ?? 0));
  const buffers = get('Buffers');
  const cached = get('Cached');
  const swapTotal = get('SwapTotal');
  const swapFree = get('SwapFree');
  return {
    totalBytes,
    usedBytes: totalBytes - availableBytes,
    availableBytes,
    cachedBytes: buffers === null || cached === null ? null : buffers + cached + (get('SReclaimable') ?? 0),
    swapTotalBytes: swapTotal,
    swapUsedBytes: swapTotal === null || swapFree === null ? null : Math.max(0, swapTotal - swapFree),
    commitBytes: get('Committed_AS'),
    commitLimitBytes: get('CommitLimit'),
    modifiedBytes: null,
    standbyBytes: null,
    freeBytes: null,
    compressedBytes: null,
    pagedPoolBytes: null,
    nonPagedPoolBytes: null,
  };
}

/** Private resident memory on Linux: statm resident − shared (= RssAnon), in bytes. */
export function privateResidentBytes(residentPages: number, sharedPages: number, pageBytes: number): number {
  return Math.max(0, residentPages - sharedPages) * pageBytes;
}

/** What Windows reports, as read (see platform/win32/system-information.ts). */
export interface WindowsMemoryCounters {
  /** `GlobalMemoryStatusEx` ullTotalPhys / ullAvailPhys, bytes. Available = standby + free + zero lists. */
  totalPhysBytes: number;
  availablePhysBytes: number;
  /** `GetPerformanceInfo` CommitTotal / CommitLimit, pages of `pageBytes`. */
  commitTotalPages: number;
  commitLimitPages: number;
  pageBytes: number;
  /** Standby + modified page lists in bytes (PDH `\Memory\…`), null where the counters failed. */
  standbyAndModifiedBytes: number | null;
}

/**
 * used = total − available; cached = standby + modified (Task Manager's "Cached"); commit = CommitTotal
 * of CommitLimit, in bytes. Windows has no swap figure of Linux's kind (its page file backs commit): null.
 */
export function memoryFromWindows(c: WindowsMemoryCounters): MemoryFigures {
  const availableBytes = Math.min(c.totalPhysBytes, Math.max(0, c.availablePhysBytes));
  return {
    totalBytes: c.totalPhysBytes,
    usedBytes: c.totalPhysBytes - availableBytes,
    availableBytes,
    cachedBytes: c.standbyAndModifiedBytes,
    swapTotalBytes: null,
    swapUsedBytes: null,
    commitBytes: c.commitTotalPages * c.pageBytes,
    commitLimitBytes: c.commitLimitPages * c.pageBytes,
    modifiedBytes: null,
    standbyBytes: null,
    freeBytes: null,
    compressedBytes: null,
    pagedPoolBytes: null,
    nonPagedPoolBytes: null,
  };
}
