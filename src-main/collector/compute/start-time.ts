/**
 * Process start time as an identity (DESIGN.md "Identity"). Pure.
 *
 * Linux: boot time (read once per collector start, ms) + start ticks × 1000 / ticks per second,
 * floored to an integer so that the same process always gets the very same number.
 */
export function startTimeMsFromTicks(bootTimeMs: number, startTicks: number, ticksPerSec: number): number {
  return bootTimeMs + Math.floor((startTicks * 1000) / ticksPerSec);
}

/** CPU time in ms from clock ticks. */
export function ticksToMs(ticks: number, ticksPerSec: number): number {
  return (ticks * 1000) / ticksPerSec;
}

/** 100-ns intervals between 1601-01-01 (FILETIME's epoch) and 1970-01-01, in ms. */
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000;

/**
 * Windows: a process's CreateTime (FILETIME: 100-ns intervals since 1601, UTC) as ms since 1970,
 * floored to an integer in exact (BigInt) arithmetic, so the same process always gets the very same
 * number. A CreateTime of 0 or before 1970 (System and the Idle process report none) is the boot
 * time, read once per collector start.
 */
export function startTimeMsFromFiletime(createTime: bigint, bootTimeMs: number): number {
  return filetimeToEpochMs(createTime) ?? bootTimeMs;
}

/** A FILETIME (100 ns since 1601) as ms since 1970, floored; null when before 1970. */
export function filetimeToEpochMs(filetime: bigint): number | null {
  const ms = Number(filetime / 10_000n) - FILETIME_EPOCH_OFFSET_MS;
  return filetime > 0n && ms >= 0 ? ms : null;
}
