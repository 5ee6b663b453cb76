/**
 * Alerts and rules (the contract): a rule watches the snapshot stream (or, for an anomaly, the
 * history store's baseline), an alert is one episode of a rule's condition being true, and an
 * action is what an armed rule does to a process through the same command path as a user's click.
 *
 * Plain types and pure checks, so the page can read them without a schema library; every rule that
 * crosses a boundary (IPC, HTTP, the rules file) is parsed in main by alert-schema.ts `parseRule`,
 * whose schema can't drift from these types. Definitions: docs/definitions.md § Alerts.
 */
import type { ProcessIdentity } from './snapshot.ts';

export const RULE_SCOPES = ['machine', 'process', 'app'] as const;
export type RuleScope = (typeof RULE_SCOPES)[number];

/**
 * What a rule measures, by scope (each a figure of the snapshot, DESIGN.md's definitions):
 * - machine: `cpuPercent` (cpu.totalPercent), `memoryAvailableBytes` (memory.availableBytes),
 *   `memoryUsedPercent` (usedBytes ÷ totalBytes × 100), `diskBytesPerSec` (read + write of one disk:
 *   any disk, or the one `match.device` names), `networkBytesPerSec` (received + sent of one
 *   interface: any, or `match.device`), `gpuPercent` (utilization of any GPU, or `match.device`).
 * - process: `cpuPercent`, `memoryBytes` (private memory), `memoryGrowthBytesPerMin` (the slope of a
 *   least-squares line through `memoryBytes` over the last `forSeconds`: a leak), `started` and
 *   `exited` (events: no threshold, no duration; `match.name` or `match.path` required).
 * - app: `cpuPercent` and `memoryBytes` (sums over the app's members), `started`, `exited`.
 */
export const RULE_METRICS = {
  machine: ['cpuPercent', 'memoryAvailableBytes', 'memoryUsedPercent', 'diskBytesPerSec', 'networkBytesPerSec', 'gpuPercent'],
  process: ['cpuPercent', 'memoryBytes', 'memoryGrowthBytesPerMin', 'started', 'exited'],
  app: ['cpuPercent', 'memoryBytes', 'started', 'exited'],
} as const satisfies Record<RuleScope, readonly string[]>;
export type RuleMetric = (typeof RULE_METRICS)[RuleScope][number];
export const ALL_RULE_METRICS: readonly RuleMetric[] = [...new Set(Object.values(RULE_METRICS).flat())];
/** Metrics that are events (a process or app appeared or went away): no threshold, no duration. */
export const EVENT_METRICS: ReadonlySet<RuleMetric> = new Set<RuleMetric>(['started', 'exited']);
/**
 * Metrics an anomaly rule (`baseline`) may watch: what history's minute roll-ups hold. A machine's
 * disk and network figures are then the totals of all its disks or interfaces (no device), and an
 * app's rule names its app (`match.app`).
 */
export const BASELINE_METRICS = {
  machine: ['cpuPercent', 'memoryUsedPercent', 'diskBytesPerSec', 'networkBytesPerSec'],
  process: [],
  app: ['cpuPercent', 'memoryBytes'],
} as const satisfies Record<RuleScope, readonly RuleMetric[]>;

/** A baseline is built from the same hour of the day over this many days of minute roll-ups (up to 7 × 60 = 420 samples). */
export const BASELINE_DAYS = 7;
/** An anomaly rule is inactive until history holds this many days with samples at the hour. */
export const BASELINE_MIN_DAYS = 3;

/**
 * Which processes (scope process) or apps (scope app) a rule is about; absent or `{}`: any. Each
 * given field must match (AND). Names and paths compare case-insensitively on Windows and macOS and
 * exactly on Linux; a name matches with or without `.exe` (`chrome` matches `chrome.exe`). `app` is
 * the app's name as the Apps tab shows it. `device` is a disk, interface or GPU name (scope machine).
 */
export interface RuleMatch {
  name?: string;
  path?: string;
  app?: string;
  device?: string;
}

/** The priorities a rule may set: lower ones only, a rule never raises a priority. */
export const RULE_PRIORITIES = ['belowNormal', 'idle'] as const;
export type RulePriority = (typeof RULE_PRIORITIES)[number];

/**
 * What an armed rule does to each process it fires on (scope app: each member), through the same
 * command path, identity check and policy as a user's click. `suspend` is undone after
 * `SUSPEND_EXPIRY_MS` unless the user keeps it (`keepSuspended`).
 */
export type RuleAction =
  | { type: 'setEfficiencyMode' }
  | { type: 'setPriority'; priority: RulePriority }
  | { type: 'suspend' }
  | { type: 'end'; force?: boolean };
export type RuleActionType = RuleAction['type'];
export const RULE_ACTION_TYPES = ['setEfficiencyMode', 'setPriority', 'suspend', 'end'] as const satisfies readonly RuleActionType[];
/** Actions that stop a process: only on a rule matching by `path` or `app`, never by name alone or "any process". */
export const STOPPING_ACTIONS: ReadonlySet<RuleActionType> = new Set<RuleActionType>(['suspend', 'end']);

/** A suspend by a rule is resumed after this long unless the user keeps it suspended. */
export const SUSPEND_EXPIRY_MS = 10 * 60_000;
export const MAX_RULES = 200;
export const MAX_ACTIONS_PER_RULE = 4;
/** Alerts the page and the API keep besides history: the latest this many that cleared (active ones always). */
export const MAX_RECENT_ALERTS = 200;
export const RULE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A rule with every default applied (alert-schema.ts parses outside data into this). The simplest
 * a client sends: `{ "name": "CPU hog", "scope": "process", "match": { "name": "burn" },
 * "metric": "cpuPercent", "above": 40, "forSeconds": 3, "actions": [] }`. Exactly one of `above`,
 * `below` and `baseline` for a figure; none for an event metric.
 */
export interface RuleSpec {
  /** 1–120 characters. */
  name: string;
  scope: RuleScope;
  match?: RuleMatch;
  metric: RuleMetric;
  /** Fires when the figure is above this (units of the metric: %, bytes, bytes/s, bytes/min). */
  above?: number;
  below?: number;
  /** Anomaly: fires when the figure is above mean + `sigmas` × σ of its own baseline (the same hour of the day, last 7 days). 1–20. */
  baseline?: { sigmas: number };
  /** How long the condition must hold before the alert fires (0: at once); 0–86,400. Default 0. */
  forSeconds: number;
  /** How long it must have been false before the alert clears; 0–86,400. Default 10. */
  clearSeconds: number;
  /** At most this many alerts (and OS notifications) of this rule an hour, 1–60; the rest are counted as suppressed. Default 6. */
  maxPerHour: number;
  actions: RuleAction[];
  /** Acts for real; false (the default): a dry run that records what it would have done. */
  armed: boolean;
  /** Default true. */
  enabled: boolean;
  /** Actions may reach processes of other users (never without this); else only the app's own user's. Default false. */
  anyUser: boolean;
}
/** What a client may send: the defaulted fields may be left out. */
export type RuleInput = Omit<RuleSpec, 'forSeconds' | 'clearSeconds' | 'maxPerHour' | 'actions' | 'armed' | 'enabled' | 'anyUser'> &
  Partial<Pick<RuleSpec, 'forSeconds' | 'clearSeconds' | 'maxPerHour' | 'actions' | 'armed' | 'enabled' | 'anyUser'>>;
export interface Rule extends RuleSpec {
  /** 1–64 of A–Z a–z 0–9 _ - (`RULE_ID_PATTERN`), chosen by the client (`PUT /api/rules/:id`). */
  id: string;
}

/**
 * The problem with a rule's combination of fields (each field already in its range), in plain
 * words with the field named, or null. Pure; main's parser and the page's editor both use it.
 */
export function ruleProblem(rule: Pick<RuleSpec, 'scope' | 'metric' | 'match' | 'above' | 'below' | 'baseline'> & { actions: readonly RuleAction[] }): { path: string; message: string } | null {
  const metrics: readonly string[] = RULE_METRICS[rule.scope];
  if (!metrics.includes(rule.metric)) return { path: 'metric', message: `${rule.metric} is not a ${rule.scope} metric (${metrics.join(', ')})` };
  const match = rule.match ?? {};
  if (rule.scope === 'machine' && (match.name !== undefined || match.path !== undefined || match.app !== undefined))
    return { path: 'match', message: 'a machine rule matches only a device (match.device)' };
  if (rule.scope !== 'machine' && match.device !== undefined) return { path: 'match.device', message: 'match.device is for machine rules' };
  if (rule.scope === 'app' && (match.name !== undefined || match.path !== undefined)) return { path: 'match', message: 'an app rule matches by match.app' };
  if (rule.scope === 'machine' && match.device !== undefined && !['diskBytesPerSec', 'networkBytesPerSec', 'gpuPercent'].includes(rule.metric))
    return { path: 'match.device', message: `${rule.metric} has no device` };
  const thresholds = [rule.above, rule.below, rule.baseline].filter((t) => t !== undefined).length;
  if (EVENT_METRICS.has(rule.metric)) {
    if (thresholds > 0) return { path: 'above', message: `${rule.metric} is an event: no above, below or baseline` };
    if (match.name === undefined && match.path === undefined && match.app === undefined)
      return { path: 'match', message: `${rule.metric} needs a match (name, path or app): every process starts and exits` };
  } else if (thresholds !== 1) return { path: 'above', message: 'give exactly one of above, below and baseline' };
  if (rule.baseline !== undefined && !(BASELINE_METRICS[rule.scope] as readonly string[]).includes(rule.metric))
    return { path: 'baseline', message: `a baseline is kept for ${BASELINE_METRICS[rule.scope].join(', ') || 'no metric'} of a ${rule.scope} rule` };
  if (rule.baseline !== undefined && match.device !== undefined) return { path: 'match.device', message: "a machine's baseline is of all its disks or interfaces together: no device" };
  if (rule.baseline !== undefined && rule.scope === 'app' && match.app === undefined) return { path: 'match.app', message: 'an anomaly rule watches one app: name it in match.app' };
  if (rule.actions.length > 0 && rule.scope === 'machine') return { path: 'actions', message: 'a machine rule has no process to act on' };
  if (rule.actions.length > 0 && rule.metric === 'exited') return { path: 'actions', message: 'an exited process can not be acted on' };
  const stopping = rule.actions.find((a) => STOPPING_ACTIONS.has(a.type));
  if (stopping && match.path === undefined && match.app === undefined)
    return { path: 'actions', message: `${stopping.type} only on a rule that matches by executable path or app, never by name alone or any process` };
  return null;
}

/** What a rule is doing now. `inactive`: it can't be evaluated here, `reason` says why (the figure is null on this OS, no history yet). */
export const RULE_STATES = ['disabled', 'inactive', 'watching', 'pending', 'firing'] as const;
export type RuleStateName = (typeof RULE_STATES)[number];

export interface RuleState {
  ruleId: string;
  state: RuleStateName;
  /** Plain words for `inactive` ("GPU utilisation is not measured on this machine"), a dry run's cause ("control is not allowed: --allow-control"), else null. */
  reason: string | null;
  /** Alerts of this rule that have fired and not cleared. */
  activeCount: number;
  lastFiredAtMs: number | null;
  /** Alerts this rule fired in the last hour (at most `maxPerHour` are shown and notified). */
  firedLastHour: number;
  /** Episodes that were true in the last hour but not shown because of `maxPerHour`. */
  suppressedLastHour: number;
}

/** The rules and their states: the `rules` query's answer and the retained `rules` broadcast. */
export interface RulesView {
  rules: Rule[];
  states: RuleState[];
  /** Whether armed actions can act here (the desktop app: yes; the host: `--allow-control`). */
  isControlAllowed: boolean;
}

export type AlertSubject =
  | { kind: 'machine'; device: string | null }
  | { kind: 'process'; pid: number; startTimeMs: number; name: string }
  | { kind: 'app'; appId: string; name: string };

/** One action an alert led to, on one process: done, refused (with the reason), or a dry run (what it would have done, and why not). */
export interface AlertActionOutcome {
  action: RuleAction;
  target: ProcessIdentity & { name: string };
  outcome: 'done' | 'failed' | 'dryRun' | 'skipped';
  /** Plain words: "set priority to below normal", "ACCESS_DENIED — …", "dry run: the rule is not armed", "skipped: another user's process". */
  detail: string;
  atMs: number;
}

/** One episode of a rule: fired at `firedAtMs`, cleared at `clearedAtMs` (null while active). */
export interface Alert {
  /** `<ruleId>:<firedAtMs>:<n>`, unique for the life of the store. */
  id: string;
  ruleId: string;
  ruleName: string;
  subject: AlertSubject;
  firedAtMs: number;
  clearedAtMs: number | null;
  /** The figure when it fired (units of the metric), null for an event. */
  value: number | null;
  /** Explains itself: "burn (4242): CPU 85 % for 3 s (above 40 %)", "Chrome: 2.1 GB, usually 600–900 MB at this hour". */
  message: string;
  actions: AlertActionOutcome[];
}

/** The `alerts` query's answer: what is active now and the latest that cleared (history holds the rest as events). */
export interface AlertsView {
  active: Alert[];
  recent: Alert[];
}

/** The page's templates for a new rule: what the rule editor starts from. */
export const RULE_TEMPLATES: readonly { key: string; label: string; rule: RuleInput }[] = [
  { key: 'cpuHog', label: 'CPU hog', rule: { name: 'CPU hog', scope: 'process', metric: 'cpuPercent', above: 50, forSeconds: 60, actions: [] } },
  {
    key: 'memoryLeak',
    label: 'Memory leak',
    rule: { name: 'Memory leak', scope: 'process', metric: 'memoryGrowthBytesPerMin', above: 50 * 1024 * 1024, forSeconds: 600, actions: [] },
  },
  { key: 'lowMemory', label: 'Low memory', rule: { name: 'Low memory', scope: 'machine', metric: 'memoryAvailableBytes', below: 500 * 1024 * 1024, forSeconds: 30, actions: [] } },
  { key: 'appStarted', label: 'App started', rule: { name: 'App started', scope: 'process', match: { name: 'notepad.exe' }, metric: 'started', actions: [] } },
];
