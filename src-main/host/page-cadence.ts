/**
 * Which tick a page of the host receives (`ViewCadence` in src-shared/stream.ts). The host samples
 * at its own rate; a page that asked for a slower update speed gets the latest snapshot once its
 * interval is up, and nothing while paused. Pure.
 */
import type { ViewCadence } from '../../src-shared/stream.ts';

/** What a page gets until it says otherwise: every snapshot the host takes. */
export const EVERY_TICK: ViewCadence = { isPaused: false, intervalMs: 250 };

/**
 * Whether a page should be sent this tick. `lastSentMs`: when it was last sent one (null: never, or
 * it needs a whole snapshot); `samplingIntervalMs`: the host's measured interval. A page is due
 * when the next tick would be later than its interval than this one is early, so a 1 s page on a
 * 1 s host gets every tick whatever the jitter, and a 1 s page on a 500 ms host every second one.
 */
export function isPageDue(cadence: ViewCadence, lastSentMs: number | null, nowMs: number, samplingIntervalMs: number): boolean {
  if (cadence.isPaused) return false;
  if (lastSentMs === null) return true;
  return nowMs - lastSentMs + Math.max(0, samplingIntervalMs) / 2 >= cadence.intervalMs;
}
