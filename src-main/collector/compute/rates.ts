/**
 * Byte rates over a measured interval (DESIGN.md "Rates"). Pure.
 */

/**
 * Bytes per second between two readings of a cumulative byte counter.
 * Null when either reading is missing, the interval is not positive, or the counter went
 * backwards (wrapped, reset, or a different process/device): never a made-up 0.
 */
export function bytesPerSec(prevBytes: number | null | undefined, nextBytes: number | null, intervalMs: number): number | null {
  if (prevBytes === null || prevBytes === undefined || nextBytes === null || !(intervalMs > 0)) return null;
  const delta = nextBytes - prevBytes;
  if (delta < 0 || !Number.isFinite(delta)) return null;
  return (delta * 1000) / intervalMs;
}

/**
 * Share of wall time a device spent doing I/O (Linux diskstats "time spent doing I/Os", ms),
 * capped at 100: requests in flight overlap, and the counter is sampled at a slightly different
 * instant than our clock.
 */
export function activePercent(prevBusyMs: number | null | undefined, nextBusyMs: number | null, intervalMs: number): number | null {
  if (prevBusyMs === null || prevBusyMs === undefined || nextBusyMs === null || !(intervalMs > 0)) return null;
  const delta = nextBusyMs - prevBusyMs;
  if (delta < 0) return null;
  return Math.min(100, (delta / intervalMs) * 100);
}
