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
