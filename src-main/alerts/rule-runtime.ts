/**
 * What the rule evaluator keeps per rule between ticks (rule-evaluator.ts): the rule, its matching
 * prepared, one state per subject while its condition holds or its alert is active, the times it
 * fired, what an event rule saw last, a leak rule's windows.
 */
import type { Alert, Rule, RuleState } from '../../src-shared/alerts.ts';
import type { ActionIntent, EvaluationInput } from './evaluation.ts';
import type { Source } from './alert-message.ts';
import { LeakWindow } from './leak-slope.ts';
import { prepareMatch, type PreparedMatch, type SnapshotIndex } from './rule-match.ts';

export const HOUR_MS = 3_600_000;

/** A process by pid (its start time kept beside), an app by id, a device by name ('' the machine). */
export type SubjectKey = number | string;

export interface SubjectState {
  /** The process's start time (identity with the pid); 0 for others. */
  startTimeMs: number;
  /** When the condition became true (this episode), null while false. */
  trueSinceMs: number | null;
  /** When the condition became false while the episode lasts (hysteresis), null while true. */
  falseSinceMs: number | null;
  /** The episode's alert while active. */
  alertId: string | null;
  /** The episode would have fired but `maxPerHour` was reached: it runs its course unshown. */
  isSuppressed: boolean;
  seenTick: number;
}

export interface RuleRuntime {
  rule: Rule;
  json: string;
  match: PreparedMatch;
  subjects: Map<SubjectKey, SubjectState>;
  firedAtMs: number[];
  suppressedAtMs: number[];
  lastFiredAtMs: number | null;
  /** Events: what matched at the previous tick; null before the rule's first tick. */
  present: Map<SubjectKey, Source> | null;
  /** Leaks: each tracked process's memory over the window. */
  leaks: Map<number, TrackedLeak>;
  /** Leaks: the time of the rule's previous tick, null before its first. */
  leakPreviousMs: number | null;
}

export interface Tick {
  input: EvaluationInput;
  nowMs: number;
  index: SnapshotIndex;
  fired: Alert[];
  cleared: Alert[];
  intents: ActionIntent[];
  tick: number;
  /** Per figure, the loosest limits of the rules that watch any process. */
  limits: ReadonlyMap<string, { floorAbove: number; ceilBelow: number }>;
}

/** A process's leak window with its identity and when the rule last sampled it: one object a process, one less hop a sample. */
export class TrackedLeak extends LeakWindow {
  readonly startTimeMs: number;
  sampledAtMs: number;

  constructor(windowMs: number, startTimeMs: number, sampledAtMs: number) {
    super(windowMs);
    this.startTimeMs = startTimeMs;
    this.sampledAtMs = sampledAtMs;
  }
}

export const newRuntime = (rule: Rule, json: string): RuleRuntime => ({
  rule,
  json,
  match: prepareMatch(rule.match, 'linux'),
  subjects: new Map(),
  firedAtMs: [],
  suppressedAtMs: [],
  lastFiredAtMs: null,
  present: null,
  leaks: new Map(),
  leakPreviousMs: null,
});

export function dropOlder(times: number[], sinceMs: number): void {
  let old = 0;
  while (old < times.length && (times[old] as number) <= sinceMs) old++;
  if (old > 0) times.splice(0, old);
}

export function sameState(a: RuleState, b: RuleState | undefined): boolean {
  return (
    b !== undefined &&
    a.ruleId === b.ruleId &&
    a.state === b.state &&
    a.reason === b.reason &&
    a.activeCount === b.activeCount &&
    a.lastFiredAtMs === b.lastFiredAtMs &&
    a.firedLastHour === b.firedLastHour &&
    a.suppressedLastHour === b.suppressedLastHour
  );
}
