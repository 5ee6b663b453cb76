/**
 * History's pure math (DESIGN.md "Pure math"): which step a moment falls in, the mean of several
 * system points (a roll-up), which tier answers a step, and where each tier's retention ends. No
 * clock, no I/O: the store (history-db.ts) passes the moments in.
 */
import type { SystemPoint } from '../../src-shared/query.ts';

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * How long each kind of history is kept, ms (issue 15's tiers; `serve --history-keep`, the stores'
 * `retention` option). Pruned by age each minute; the size cap is a guard on top of it.
 */
export interface HistoryRetention {
  /** System figures at 1 s, and the active processes' 1 s samples (default a day). */
  secondsMs: number;
  /** System figures rolled up to 1 min (default 30 days). */
  minutesMs: number;
  /** System figures rolled up to 1 h (default a year). */
  hoursMs: number;
  /** Complete process lists each minute, events, and each process's usage by the minute (default 7 days). */
  processListsMs: number;
  /** Usage per app and executable by the minute, with the processes that stood out (default 30 days). */
  usageMinutesMs: number;
  /** Usage per app and executable by the hour (default a year). */
  usageHoursMs: number;
}

export const DEFAULT_RETENTION: HistoryRetention = {
  secondsMs: DAY_MS,
  minutesMs: 30 * DAY_MS,
  hoursMs: 365 * DAY_MS,
  processListsMs: 7 * DAY_MS,
  usageMinutesMs: 30 * DAY_MS,
  usageHoursMs: 365 * DAY_MS,
};

/** The shortest and longest a retention may be: an hour (less would drop what the next roll-up needs), ten years. */
export const MIN_RETENTION_MS = HOUR_MS;
export const MAX_RETENTION_MS = 10 * 365 * DAY_MS;

/**
 * Why `retention` can't be used, in words naming the field, or null. Each from an hour to ten
 * years, and a coarser tier kept at least as long as the finer one it is rolled up from (else the
 * long graphs would end before the short ones).
 */
export function retentionProblem(retention: HistoryRetention): string | null {
  for (const [name, ms] of Object.entries(retention)) {
    if (!Number.isFinite(ms) || ms < MIN_RETENTION_MS) return `${name}: at least an hour`;
    if (ms > MAX_RETENTION_MS) return `${name}: at most ten years`;
  }
  const ordered: [keyof HistoryRetention, keyof HistoryRetention][] = [
    ['secondsMs', 'minutesMs'],
    ['minutesMs', 'hoursMs'],
    ['secondsMs', 'processListsMs'],
    ['processListsMs', 'usageMinutesMs'],
    ['usageMinutesMs', 'usageHoursMs'],
  ];
  for (const [finer, coarser] of ordered) {
    if (retention[coarser] < retention[finer]) return `${coarser}: kept at least as long as ${finer}`;
  }
  return null;
}

/** The system tiers: their step and which retention keeps them. */
export const SYSTEM_TIERS = [
  { table: 'system_1s', stepMs: SECOND_MS, keep: 'secondsMs' },
  { table: 'system_1m', stepMs: MINUTE_MS, keep: 'minutesMs' },
  { table: 'system_1h', stepMs: HOUR_MS, keep: 'hoursMs' },
] as const;
export type SystemTier = (typeof SYSTEM_TIERS)[number];

/** The start of the step `t` falls in (steps aligned on the epoch, so 1 min and 1 h are the clock's). */
export function stepStart(tMs: number, stepMs: number): number {
  return Math.floor(tMs / stepMs) * stepMs;
}

/**
 * The tier a range is read from: the coarsest whose step is no longer than `stepMs` (fewest rows
 * read), unless it holds nothing that old — then finer ones are never better, so the coarsest that
 * still covers `fromMs`, else the coarsest allowed.
 */
export function tierFor(stepMs: number, fromMs: number, nowMs: number, retention: HistoryRetention = DEFAULT_RETENTION): SystemTier {
  const allowed = SYSTEM_TIERS.filter((tier) => tier.stepMs <= stepMs);
  const finest = SYSTEM_TIERS[0];
  if (allowed.length === 0) return finest;
  const covering = allowed.filter((tier) => fromMs >= nowMs - retention[tier.keep]);
  return covering.at(-1) ?? allowed.at(-1) ?? finest;
}

/** For each table, rows older than this moment are deleted. */
export function retentionCutoffs(
  nowMs: number,
  retention: HistoryRetention = DEFAULT_RETENTION,
): { system: Record<SystemTier['table'], number>; activeSamples: number; minuteLists: number; usageMinutes: number; usageHours: number } {
  return {
    system: { system_1s: nowMs - retention.secondsMs, system_1m: nowMs - retention.minutesMs, system_1h: nowMs - retention.hoursMs },
    activeSamples: nowMs - retention.secondsMs,
    minuteLists: nowMs - retention.processListsMs,
    usageMinutes: nowMs - retention.usageMinutesMs,
    usageHours: nowMs - retention.usageHoursMs,
  };
}

export interface WeightedPoint {
  point: SystemPoint;
  /** How many 1 s points it stands for (1 for a raw point, n for a roll-up of n). */
  weight: number;
}

/**
 * The roll-up of `points` (oldest first, at least one) into one point of the step starting at
 * `startMs`: every figure the weighted mean of the points that have it as a number (null when none
 * has), disks/interfaces/GPUs/engines matched by id or name (one present in only some points is the
 * mean of those), names and other text from the newest point. `takenAtMs` is the step's start,
 * `intervalMs` the step, `seq` the newest point's. Counts (processes, threads) become means too.
 */
export function rollUp(points: readonly WeightedPoint[], startMs: number, stepMs: number): WeightedPoint {
  const newest = points.at(-1);
  if (!newest) throw new RangeError('rollUp needs at least one point');
  const weight = points.reduce((sum, p) => sum + p.weight, 0);
  const mean = meanOf(
    points.map((p) => p.point),
    points.map((p) => p.weight),
  ) as SystemPoint; // meanOf keeps the shape of its inputs, all SystemPoints.
  return { point: { ...mean, takenAtMs: startMs, intervalMs: stepMs, seq: newest.point.seq }, weight };
}

/**
 * Groups points (oldest first) by the step they fall in and rolls each group up; empty steps are
 * absent (gaps). `isLoneKept`: a step holding one point gives that point as recorded (1 s steps of
 * the raw tier: exact figures and moment; several ticks a second, 250 ms sampling, are still rolled).
 */
export function rollUpBySteps(points: readonly WeightedPoint[], stepMs: number, isLoneKept = false): WeightedPoint[] {
  const answer: WeightedPoint[] = [];
  let group: WeightedPoint[] = [];
  let groupStart = Number.NaN;
  for (const p of points) {
    const start = stepStart(p.point.takenAtMs, stepMs);
    if (start !== groupStart && group.length > 0) {
      answer.push(isLoneKept && group.length === 1 && group[0] ? group[0] : rollUp(group, groupStart, stepMs));
      group = [];
    }
    groupStart = start;
    group.push(p);
  }
  if (group.length > 0) answer.push(isLoneKept && group.length === 1 && group[0] ? group[0] : rollUp(group, groupStart, stepMs));
  return answer;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The key an array element is matched by across points: its id, else its name, else its index. */
function elementKey(element: unknown, index: number): string {
  if (isRecord(element)) {
    if (typeof element['id'] === 'string') return `id:${element['id']}`;
    if (typeof element['name'] === 'string') return `name:${element['name']}`;
  }
  return `#${index}`;
}

function meanOf(values: readonly unknown[], weights: readonly number[]): Json {
  const last = values.at(-1);
  if (typeof last === 'number' || last === null) {
    let sum = 0;
    let total = 0;
    values.forEach((v, i) => {
      if (typeof v === 'number') {
        sum += v * (weights[i] ?? 1);
        total += weights[i] ?? 1;
      }
    });
    return total > 0 ? sum / total : null;
  }
  if (Array.isArray(last)) {
    // Every key in order of first appearance, so a disk seen only early still gets its mean.
    const byKey = new Map<string, { values: unknown[]; weights: number[] }>();
    values.forEach((v, i) => {
      if (!Array.isArray(v)) return;
      v.forEach((element: unknown, index) => {
        const key = elementKey(element, index);
        const entry = byKey.get(key) ?? { values: [], weights: [] };
        entry.values.push(element);
        entry.weights.push(weights[i] ?? 1);
        byKey.set(key, entry);
      });
    });
    return [...byKey.values()].map((entry) => meanOf(entry.values, entry.weights));
  }
  if (isRecord(last)) {
    const answer: Record<string, Json> = {};
    for (const key of Object.keys(last)) {
      const present: unknown[] = [];
      const presentWeights: number[] = [];
      values.forEach((v, i) => {
        if (isRecord(v) && key in v) {
          present.push(v[key]);
          presentWeights.push(weights[i] ?? 1);
        }
      });
      answer[key] = meanOf(present, presentWeights);
    }
    return answer;
  }
  // Text and flags (names, models, vendor): the newest point's.
  return typeof last === 'string' || typeof last === 'boolean' ? last : null;
}
