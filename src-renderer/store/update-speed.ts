/**
 * The update speed a user chose, what it asks of the API, and what is actually in effect: the
 * page receives at its own speed, but never faster than its source samples (a host started with
 * `--interval-ms 2000` gives a "Fast" page a snapshot every 2 s), and holding Ctrl stops the view
 * as in Task Manager. Pure.
 */
import type { ViewCadence } from '../../src-shared/stream.ts';
import { UPDATE_SPEED_MS, type UpdateSpeed } from './settings.ts';

/** The cadence that `TaskManagerApi.setUpdateSpeed` is given for a choice. */
export function cadenceOf(speed: UpdateSpeed): ViewCadence {
  return speed === 'paused' ? { isPaused: true, intervalMs: UPDATE_SPEED_MS.normal } : { isPaused: false, intervalMs: UPDATE_SPEED_MS[speed] };
}

export type SpeedInEffect =
  | { kind: 'paused' }
  /** Ctrl is held down: the view stands still until it is let go. */
  | { kind: 'held' }
  /** `isSlowedBySource`: the source samples less often than the page asked for. */
  | { kind: 'live'; intervalMs: number; isSlowedBySource: boolean };

/**
 * `samplingIntervalMs`: the source's measured interval (`snapshot.intervalMs`), null before two
 * samples. Measured intervals jitter: a source counts as slower only beyond 20 % of the choice.
 */
export function speedInEffect(speed: UpdateSpeed, isHeld: boolean, samplingIntervalMs: number | null): SpeedInEffect {
  if (speed === 'paused') return { kind: 'paused' };
  if (isHeld) return { kind: 'held' };
  const chosen = UPDATE_SPEED_MS[speed];
  if (samplingIntervalMs !== null && samplingIntervalMs > chosen * 1.2) {
    // Shown in whole 0.5 s steps: "every 2 s", not "every 2.013 s".
    return { kind: 'live', intervalMs: Math.max(500, Math.round(samplingIntervalMs / 500) * 500), isSlowedBySource: true };
  }
  return { kind: 'live', intervalMs: chosen, isSlowedBySource: false };
}
