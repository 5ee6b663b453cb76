/**
 * The seam between the pure rule evaluator (rule-evaluator.ts: snapshots in, alerts and intended
 * actions out, no I/O, no clock of its own) and the alert service that feeds it (alert-service.ts:
 * the snapshot stream, baselines read from history off the tick, actions through the command
 * handlers, broadcasts, history events, OS notifications).
 */
import type { Alert, Rule, RuleAction, RuleState } from '../../src-shared/alerts.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';

/**
 * An anomaly rule's baseline: the figure's minute roll-ups at the same hour of the day over the
 * last `BASELINE_DAYS` days (up to 420 samples), in the metric's units.
 */
export interface Baseline {
  mean: number;
  /** Population standard deviation of the samples. */
  sigma: number;
  /** Distinct days with samples at this hour; the rule is inactive below `BASELINE_MIN_DAYS`. */
  days: number;
  samples: number;
  /** Local hour of the day (0–23) it describes. */
  hourOfDay: number;
}

/** A baseline the evaluator needs: which figure, at which local hour. The service reads it from history and answers in `EvaluationInput.baselines`. */
export interface BaselineRequest {
  /** `baselineKey(...)`: one per (scope, metric, app) at an hour, shared by rules that watch the same. */
  key: string;
  scope: 'machine' | 'app';
  metric: 'cpuPercent' | 'memoryUsedPercent' | 'diskBytesPerSec' | 'networkBytesPerSec' | 'memoryBytes';
  /** The app's name (scope app). */
  app: string | null;
  hourOfDay: number;
}

/** A baseline as the service knows it: read, being read, or not readable with the reason (no history, recording off). */
export type BaselineAnswer = { state: 'known'; baseline: Baseline } | { state: 'reading' } | { state: 'missing'; reason: string };

export interface EvaluationInput {
  snapshot: Snapshot;
  /** `snapshot.takenAtMs` unless a test says otherwise; the evaluator has no clock of its own. */
  nowMs: number;
  /** The local hour of the day at `nowMs` (the service's time zone), for baselines. */
  hourOfDay: number;
  baselines: ReadonlyMap<string, BaselineAnswer>;
  /** Whether armed actions may act now (the desktop app: yes; the host: `--allow-control`); otherwise they are dry runs and say why. */
  isControlAllowed: boolean;
  /** This app's own processes: never acted on. */
  ownPids: ReadonlySet<number>;
  /** The user this app runs as (its processes' `user` in the snapshot), for actions without `anyUser`; null when unknown (then only `anyUser` rules act). */
  ownUser: string | null;
  /** How names and paths compare: case-insensitively on win32 and darwin, exactly elsewhere. */
  platform: NodeJS.Platform;
}

/**
 * An action the evaluator intends on one process, with the decision already taken: `act` goes
 * through the command path (which still checks identity and PROTECTED), `dryRun` and `skipped` are
 * only recorded, with `reason` in plain words.
 */
export interface ActionIntent {
  alertId: string;
  ruleId: string;
  action: RuleAction;
  target: { pid: number; startTimeMs: number; name: string };
  decision: 'act' | 'dryRun' | 'skipped';
  /** Null for `act`; "the rule is not armed", "control is not allowed (--allow-control)", "another user's process", "this app's own process", "rate limit: 20 actions a minute". */
  reason: string | null;
}

export interface EvaluationOutput {
  /** Alerts that fired at this tick (new `id`s). */
  fired: Alert[];
  /** Alerts that cleared at this tick (the same `id` as when they fired, `clearedAtMs` set). */
  cleared: Alert[];
  intents: ActionIntent[];
  /** Every rule's state after this tick, in the order of the rules. */
  states: RuleState[];
  /** Whether any state differs from the last tick's (the service broadcasts `rules` only then). */
  isStateChanged: boolean;
}

export interface RuleEvaluator {
  /** Replaces the rules; a rule whose fields changed starts afresh (its active alerts clear at the next tick), others keep their state. */
  setRules(rules: readonly Rule[]): void;
  /** One tick. Pure apart from the evaluator's own state. */
  evaluate(input: EvaluationInput): EvaluationOutput;
  /** The baselines the current rules need at `hourOfDay`. */
  baselineRequests(hourOfDay: number): BaselineRequest[];
  /** What is active now and the latest that cleared (at most `MAX_RECENT_ALERTS`). */
  active(): Alert[];
  recent(): Alert[];
  /** Adds outcomes of an alert's actions (done, failed, dry run) to it; returns the updated alert, or null if it is not known any more. */
  recordOutcomes(alertId: string, outcomes: Alert['actions']): Alert | null;
}

/** The one key of a baseline. */
export function baselineKey(request: Omit<BaselineRequest, 'key'>): string {
  return `${request.scope}:${request.metric}:${request.app ?? ''}:${request.hourOfDay}`;
}
