/**
 * Windows FILETIME values (100 ns intervals since 1601-01-01 UTC, an unsigned 64-bit integer in two
 * DWORD halves, low first). Pure. Values above 2⁵³ are common (~1.3 × 10¹⁷ today), hence BigInt.
 *
 * The conversion of a process's creation time to the contract's `startTimeMs` is NOT here: it is
 * the collector's `startTimeMsFromFiletime` (src-main/collector/compute/start-time.ts), used by the
 * control as well, so that the start time a command carries and the one it is compared with are
 * computed by the very same function (else every command would be STALE_PID).
 */

/** 100 ns intervals per millisecond. */
const TICKS_PER_MS = 10_000n;
/** Milliseconds from 1601-01-01 to 1970-01-01 (11,644,473,600 s). */
const EPOCH_DIFFERENCE_MS = 11_644_473_600_000n;

/** The FILETIME of its two 32-bit halves (`dwLowDateTime`, `dwHighDateTime`), read as unsigned. */
export function fileTimeFromHalves(low: number, high: number): bigint {
  return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
}

/** The FILETIME of a whole epoch time in ms (tests build fixtures with it). */
export function epochMsToFileTime(epochMs: number): bigint {
  return (BigInt(epochMs) + EPOCH_DIFFERENCE_MS) * TICKS_PER_MS;
}
