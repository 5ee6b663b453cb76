/**
 * A disk's average response time over an interval (DESIGN.md "Disks"; docs/definitions.md). Pure.
 *
 * Linux, as iostat's `await`: Δ(ms spent reading + ms spent writing) ÷ Δ(reads completed + writes completed), both
 * from `/proc/diskstats` (Documentation/admin-guide/iostats.rst fields 1, 4, 5, 8). The ms fields count each request
 * from its queueing to its completion, so this is the time a request waited plus the time it was served, which is
 * what Windows' `Avg. Disk sec/Transfer` measures too. Discards and flushes (fields 12–17, kernels ≥ 4.18 / 5.5) are
 * left out, as iostat did before sysstat 12 and as the issue defines the figure.
 */

/** Cumulative counters of one disk, as the kernel keeps them. */
export interface DiskTransferCounters {
  /** Reads completed + writes completed. */
  transfers: number;
  /** Ms spent reading + ms spent writing (summed over requests: overlapping requests each count). */
  transferMs: number;
}

/**
 * Average ms per transfer completed between two readings; null when either reading is missing, when no transfer
 * completed (an idle disk has no response time: "—", not 0 ms), or when a counter went backwards (the device was
 * re-attached, or a 32-bit kernel's `unsigned long` wrapped): a wrapped delta would be a made-up figure.
 */
export function diskResponseTimeMs(
  prev: DiskTransferCounters | null | undefined,
  next: DiskTransferCounters | null | undefined,
): number | null {
  if (!prev || !next) return null;
  const transfers = next.transfers - prev.transfers;
  const ms = next.transferMs - prev.transferMs;
  if (!Number.isFinite(transfers) || !Number.isFinite(ms) || transfers <= 0 || ms < 0) return null;
  return ms / transfers;
}

/**
 * Windows: PDH computes `\PhysicalDisk(*)\Avg. Disk sec/Transfer` itself over the last two collections (seconds),
 * and reads 0 for an interval with no transfer. With the cumulative transfer count (`Disk Transfers/sec`, raw)
 * of both samples an idle interval is told apart from a fast one: null then, as on Linux.
 */
export function windowsResponseTimeMs(
  secondsPerTransfer: number | null | undefined,
  prevTransfers: number | null | undefined,
  nextTransfers: number | null | undefined,
): number | null {
  if (secondsPerTransfer === null || secondsPerTransfer === undefined || !Number.isFinite(secondsPerTransfer) || secondsPerTransfer < 0) return null;
  if (prevTransfers === null || prevTransfers === undefined || nextTransfers === null || nextTransfers === undefined) return null;
  if (!(nextTransfers > prevTransfers)) return null;
  return secondsPerTransfer * 1000;
}
