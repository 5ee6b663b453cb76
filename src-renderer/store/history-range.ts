/**
 * The Performance charts' ranges (Live, or the last hour, day, week, month from the history store)
 * and the step each is read at. Pure: no clock, the caller passes `nowMs`.
 */

/**
 * The steps the query schema allows (src-shared/query-schema.ts `HISTORY_STEPS_MS`), copied: that
 * module builds zod schemas, which the page does not load. The test holds the two equal.
 */
export const HISTORY_STEPS_MS = [1_000, 5_000, 15_000, 60_000, 300_000, 900_000, 3_600_000, 21_600_000, 86_400_000] as const;
const COARSEST_STEP_MS = HISTORY_STEPS_MS[HISTORY_STEPS_MS.length - 1] ?? 86_400_000;

export const HISTORY_RANGES = ['live', '1h', '24h', '7d', '30d'] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];
/** A range read from the store (not Live). */
export type PastRange = Exclude<HistoryRange, 'live'>;

const HOUR_MS = 3_600_000;
export const RANGE_MS: Record<PastRange, number> = { '1h': HOUR_MS, '24h': 24 * HOUR_MS, '7d': 7 * 24 * HOUR_MS, '30d': 30 * 24 * HOUR_MS };

/**
 * About as many points as a chart is pixels wide: more cannot be seen, and each costs the host a
 * row read and the page a row drawn.
 */
export const CHART_POINTS = 1_500;

/**
 * The finest step the schema allows that keeps `rangeMs` at most `maxPoints` points; the coarsest
 * step when even that is too fine (the schema then refuses the range, naming it).
 */
export function historyStepMs(rangeMs: number, maxPoints = CHART_POINTS): number {
  for (const step of HISTORY_STEPS_MS) if (rangeMs / step <= maxPoints) return step;
  return COARSEST_STEP_MS;
}

/** The `historySeries` query for `range` ending at `nowMs`, its ends on whole steps so a minute's re-read asks the same rows. */
export function rangeQuery(range: PastRange, nowMs: number): { kind: 'historySeries'; fromMs: number; toMs: number; stepMs: number } {
  const rangeMs = RANGE_MS[range];
  const stepMs = historyStepMs(rangeMs);
  const toMs = Math.floor(nowMs / stepMs) * stepMs;
  return { kind: 'historySeries', fromMs: toMs - rangeMs, toMs, stepMs };
}

/**
 * A hole between two points longer than this is a gap (drawn as one, never bridged): one missing
 * step is already time nothing was recorded, but a point landing a little late is not, hence 1.5.
 */
export const gapMsOf = (stepMs: number): number => stepMs * 1.5;
