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
    ...linuxComposition(info, totalBytes, free),
    // Linux has no compression store of Windows' kind (zswap/zram are swap, counted there) and no kernel pools.
    compressedBytes: null,
    pagedPoolBytes: null,
    nonPagedPoolBytes: null,
  };
}

/**
 * Task Manager's composition bar on Linux, in its closest exact equivalents (docs/definitions.md):
 *  - free = MemFree: pages holding nothing (Windows' free + zero lists).
 *  - modified = Dirty + Writeback: file pages changed in memory and not yet on disk, or being written now. Like
 *    Windows' modified list they hold data that must be written before the page can be reused.
 *  - standby = Buffers + Cached + SReclaimable − Shmem − Dirty − Writeback (never negative): clean page cache and
 *    reclaimable slab (dentries, inodes), which the kernel drops without any I/O when memory is needed, as Windows
 *    repurposes its standby list. Shmem (tmpfs, shared anonymous memory, System V segments) is counted in Cached but
 *    can only leave memory through swap, like a process's own pages: it stays in "in use". Dirty and Writeback pages
 *    are in Cached too (Buffers for block-device pages) and are the modified segment, so they are taken out here.
 *  - in use = total − modified − standby − free (what the bar draws; not a field): process memory, Shmem, kernel
 *    memory, unreclaimable slab and page tables.
 * So cachedBytes = standby + modified + Shmem. Null where a key is missing (a kernel before 2.6.32 has no Shmem).
 */
function linuxComposition(info: MeminfoBytes, totalBytes: number, freeBytes: number): Pick<MemoryFigures, 'modifiedBytes' | 'standbyBytes' | 'freeBytes'> {
  const dirty = info.get('Dirty');
  const writeback = info.get('Writeback');
  const modifiedBytes = dirty === undefined || writeback === undefined ? null : dirty + writeback;
  const pageCache = ['Buffers', 'Cached', 'SReclaimable', 'Shmem'].map((key) => info.get(key));
  const [buffers, cached, reclaimable, shmem] = pageCache;
  let standbyBytes: number | null = null;
  if (modifiedBytes !== null && buffers !== undefined && cached !== undefined && reclaimable !== undefined && shmem !== undefined) {
    // The lines are read at slightly different instants: never let the segments add up past the total.
    const room = Math.max(0, totalBytes - freeBytes - modifiedBytes);
    standbyBytes = Math.min(room, Math.max(0, buffers + cached + reclaimable - shmem - modifiedBytes));
  }
  return { modifiedBytes, standbyBytes, freeBytes };
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
  /** `GetPerformanceInfo` CommitTotal / CommitLimit / KernelPaged / KernelNonpaged, pages of `pageBytes`. */
  commitTotalPages: number;
  commitLimitPages: number;
  kernelPagedPages: number;
  kernelNonpagedPages: number;
  pageBytes: number;
  /** The page lists in bytes (PDH `\Memory\…`), each null where its counters failed (standby: the three bands summed). */
  standbyBytes: number | null;
  modifiedBytes: number | null;
  freeAndZeroBytes: number | null;
}

/**
 * used = total − available; cached = standby + modified (Task Manager's "Cached"); commit = CommitTotal
 * of CommitLimit, in bytes. Windows has no swap figure of Linux's kind (its page file backs commit): null.
 * The composition bar is the page lists themselves; in use = total − modified − standby − free.
 * Pools: a non-paged pool of 0 pages is impossible on Windows (the kernel's own structures live in it), so a 0
 * means the source has no figure (a Windows API implementation that fills none: Wine 8 reports 0): null, not 0.
 */
export function memoryFromWindows(c: WindowsMemoryCounters): MemoryFigures {
  const availableBytes = Math.min(c.totalPhysBytes, Math.max(0, c.availablePhysBytes));
  const hasPools = c.kernelNonpagedPages > 0;
  return {
    totalBytes: c.totalPhysBytes,
    usedBytes: c.totalPhysBytes - availableBytes,
    availableBytes,
    cachedBytes: c.standbyBytes === null || c.modifiedBytes === null ? null : c.standbyBytes + c.modifiedBytes,
    swapTotalBytes: null,
    swapUsedBytes: null,
    commitBytes: c.commitTotalPages * c.pageBytes,
    commitLimitBytes: c.commitLimitPages * c.pageBytes,
    modifiedBytes: c.modifiedBytes,
    standbyBytes: c.standbyBytes,
    freeBytes: c.freeAndZeroBytes,
    // No public API or counter gives the compression store's size (Task Manager asks an undocumented
    // information class); the Memory Compression process's working set is not it either.
    compressedBytes: null,
    pagedPoolBytes: hasPools ? c.kernelPagedPages * c.pageBytes : null,
    nonPagedPoolBytes: hasPools ? c.kernelNonpagedPages * c.pageBytes : null,
  };
}
