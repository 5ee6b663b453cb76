/**
 * The pure rule evaluator (the RuleEvaluator seam of evaluation.ts): each tick a snapshot in,
 * alerts fired and cleared and the actions they intend out. No I/O, no clock, no timers: the time
 * is `EvaluationInput.nowMs`. Semantics: docs/definitions.md § Alerts.
 *
 * Per rule it keeps one state per subject (the machine or a device, a process by pid + start time,
 * an app by id) only while the condition is true or an alert is active, so that a rule over 2,000
 * processes costs a figure and a comparison per process and no allocation.
 */
import { BASELINE_MIN_DAYS, EVENT_METRICS, MAX_RECENT_ALERTS, type Alert, type Rule, type RuleState } from '../../src-shared/alerts.ts';
import type { ProcessRow } from '../../src-shared/snapshot.ts';
import { alertMessage, isApp, isProcess, subjectOf, type Source } from './alert-message.ts';
import { baselineKey, type Baseline, type BaselineRequest, type RuleEvaluator } from './evaluation.ts';
import { duePhases, leakPhase, leakSpacingMs } from './leak-slope.ts';
import { ActionRateLimit, decideAction, notActedDetail, RATE_LIMIT_REASON } from './rule-actions.ts';
import { prepareMatch, SnapshotIndex, wantedNames, type WantedNames } from './rule-match.ts';
import { appFigure, machineFigures, processFigure, unknownFigureReason } from './rule-metrics.ts';
import { dropOlder, HOUR_MS, newRuntime, sameState, TrackedLeak, type RuleRuntime, type SubjectKey, type Tick } from './rule-runtime.ts';

export function createRuleEvaluator(): RuleEvaluator {
  let runtimes: RuleRuntime[] = [];
  const activeAlerts = new Map<string, Alert>();
  const recentAlerts: Alert[] = [];
  /** Alerts of rules changed or removed by `setRules`, cleared at the next tick. */
  let clearAtNextTick: string[] = [];
  let previousStates: RuleState[] = [];
  let alertCount = 0;
  let tickCount = 0;
  const actionLimit = new ActionRateLimit();
  /**
   * What the rules' matches need, prepared for one platform when the rules or the platform change:
   * the names and paths the index looks for, and per figure the loosest limits of the rules that
   * watch any process (only rows past them can be past a rule's own).
   */
  let prepared: { platform: NodeJS.Platform; wanted: WantedNames; limits: Map<string, { floorAbove: number; ceilBelow: number }>; comparable: Map<string, string> } | null = null;

  function prepare(platform: NodeJS.Platform): NonNullable<typeof prepared> {
    if (prepared && prepared.platform === platform) return prepared;
    for (const rt of runtimes) rt.match = prepareMatch(rt.rule.match, platform);
    const limits = new Map<string, { floorAbove: number; ceilBelow: number }>();
    for (const { rule, match } of runtimes) {
      if (!rule.enabled || rule.scope !== 'process' || match.name !== null || match.path !== null || rule.metric === 'memoryGrowthBytesPerMin') continue;
      const limit = limits.get(rule.metric) ?? { floorAbove: Infinity, ceilBelow: -Infinity };
      if (rule.above !== undefined) limit.floorAbove = Math.min(limit.floorAbove, rule.above);
      if (rule.below !== undefined) limit.ceilBelow = Math.max(limit.ceilBelow, rule.below);
      limits.set(rule.metric, limit);
    }
    const comparable = prepared?.platform === platform ? prepared.comparable : new Map<string, string>();
    prepared = { platform, wanted: wantedNames(runtimes.map((rt) => rt.match), platform), limits, comparable };
    return prepared;
  }

  function remember(alert: Alert): void {
    recentAlerts.unshift(alert);
    if (recentAlerts.length > MAX_RECENT_ALERTS) recentAlerts.length = MAX_RECENT_ALERTS;
  }

  function clearAlert(alertId: string | null, t: Tick): void {
    if (alertId === null) return;
    const alert = activeAlerts.get(alertId);
    if (!alert) return;
    activeAlerts.delete(alertId);
    const done = { ...alert, clearedAtMs: t.nowMs };
    remember(done);
    t.cleared.push(done);
  }

  /** The processes an alert acts on: the process itself, or each member of the app still running. */
  function targetsOf(source: Source, t: Tick): ProcessRow[] {
    if (isProcess(source)) return [source];
    if (!isApp(source)) return [];
    const rows: ProcessRow[] = [];
    for (const member of source.members) {
      const row = t.index.row(member.pid);
      if (row && row.startTimeMs === member.startTimeMs) rows.push(row);
    }
    return rows;
  }

  /** Fires an alert for `source`, or counts the episode as suppressed when the rule reached `maxPerHour`. Returns the alert's id, or null when suppressed. */
  function fire(rt: RuleRuntime, source: Source, value: number | null, baseline: Baseline | null, t: Tick, isEvent: boolean): string | null {
    const { rule } = rt;
    if (rt.firedAtMs.length >= rule.maxPerHour) {
      rt.suppressedAtMs.push(t.nowMs);
      return null;
    }
    const id = `${rule.id}:${t.nowMs}:${++alertCount}`;
    const actions: Alert['actions'] = [];
    for (const target of rule.actions.length > 0 ? targetsOf(source, t) : []) {
      const identity = { pid: target.pid, startTimeMs: target.startTimeMs, name: target.name };
      for (const action of rule.actions) {
        let { decision, reason } = decideAction(rule, target, t.input);
        if (decision === 'act' && !actionLimit.take(t.nowMs)) {
          decision = 'skipped';
          reason = RATE_LIMIT_REASON;
        }
        t.intents.push({ alertId: id, ruleId: rule.id, action, target: identity, decision, reason });
        if (decision !== 'act') actions.push({ action, target: identity, outcome: decision, detail: notActedDetail(action, decision, reason ?? ''), atMs: t.nowMs });
      }
    }
    const alert: Alert = {
      id,
      ruleId: rule.id,
      ruleName: rule.name,
      subject: subjectOf(source),
      firedAtMs: t.nowMs,
      clearedAtMs: isEvent ? t.nowMs : null,
      value,
      message: alertMessage(rule, source, value, baseline),
      actions,
    };
    rt.firedAtMs.push(t.nowMs);
    rt.lastFiredAtMs = t.nowMs;
    t.fired.push(alert);
    if (isEvent) remember(alert);
    else activeAlerts.set(id, alert);
    return id;
  }

  /**
   * One subject's tick: `isTrue` the condition now. Pending until it has held `forMs`, then fired
   * once for the episode; cleared once false for the rule's `clearSeconds`.
   */
  function step(rt: RuleRuntime, key: SubjectKey, startTimeMs: number, isTrue: boolean, source: Source, value: number, baseline: Baseline | null, forMs: number, t: Tick): void {
    // Most subjects most of the time: the condition false and nothing to remember.
    if (!isTrue && rt.subjects.size === 0) return;
    let state = rt.subjects.get(key);
    if (state && state.startTimeMs !== startTimeMs) {
      // The pid was reused: the old process is gone.
      clearAlert(state.alertId, t);
      rt.subjects.delete(key);
      state = undefined;
    }
    if (!state) {
      if (!isTrue) return;
      state = { startTimeMs, trueSinceMs: null, falseSinceMs: null, alertId: null, isSuppressed: false, seenTick: t.tick };
      rt.subjects.set(key, state);
    }
    state.seenTick = t.tick;
    const isEpisodeShown = state.alertId !== null || state.isSuppressed;
    if (isTrue) {
      state.falseSinceMs = null;
      if (isEpisodeShown) return;
      state.trueSinceMs ??= t.nowMs;
      if (t.nowMs - state.trueSinceMs >= forMs) {
        state.alertId = fire(rt, source, value, baseline, t, false);
        state.isSuppressed = state.alertId === null;
      }
      return;
    }
    if (!isEpisodeShown) {
      rt.subjects.delete(key);
      return;
    }
    state.falseSinceMs ??= t.nowMs;
    if (t.nowMs - state.falseSinceMs >= rt.rule.clearSeconds * 1000) {
      clearAlert(state.alertId, t);
      rt.subjects.delete(key);
    }
  }

  /** A subject whose figure is unknown this tick keeps its state as it is. */
  function keep(rt: RuleRuntime, key: SubjectKey, t: Tick): void {
    if (rt.subjects.size === 0) return;
    const state = rt.subjects.get(key);
    if (state) state.seenTick = t.tick;
  }

  /** Subjects not seen this tick went away (a process exited, a disk was removed): their alerts clear at once. */
  function dropUnseen(rt: RuleRuntime, t: Tick): void {
    if (rt.subjects.size === 0) return;
    for (const [key, state] of rt.subjects) {
      if (state.seenTick === t.tick) continue;
      clearAlert(state.alertId, t);
      rt.subjects.delete(key);
    }
  }

  /** A threshold or anomaly rule; returns the reason it is inactive, or null. */
  function evaluateCondition(rt: RuleRuntime, t: Tick): string | null {
    const { rule } = rt;
    let baseline: Baseline | null = null;
    if (rule.baseline !== undefined) {
      const request = baselineRequestOf(rule, t.input.hourOfDay);
      const answer = request ? t.input.baselines.get(request.key) : undefined;
      if (!answer || answer.state === 'reading') return 'reading its baseline from history';
      if (answer.state === 'missing') return answer.reason;
      if (answer.baseline.days < BASELINE_MIN_DAYS) return `needs ${BASELINE_MIN_DAYS} days of history at this hour (has ${answer.baseline.days})`;
      baseline = answer.baseline;
    }
    const limit = baseline ? baseline.mean + (rule.baseline?.sigmas ?? 0) * baseline.sigma : (rule.above ?? rule.below ?? 0);
    const isAbove = baseline !== null || rule.above !== undefined;
    const isLeak = rule.metric === 'memoryGrowthBytesPerMin';
    // A leak's window is its duration: it fires as soon as the slope over the window is too steep.
    const forMs = isLeak ? 0 : rule.forSeconds * 1000;
    let known = 0;
    let unknown = 0;
    if (rule.scope === 'machine') {
      const figures = machineFigures(rule, t.input.snapshot);
      for (const { subject, value } of figures) {
        const key = subject.device ?? '';
        if (value === null) {
          unknown++;
          keep(rt, key, t);
          continue;
        }
        known++;
        step(rt, key, 0, isAbove ? value > limit : value < limit, subject, value, baseline, forMs, t);
      }
      dropUnseen(rt, t);
      if (figures.length === 0 && ['diskBytesPerSec', 'networkBytesPerSec', 'gpuPercent'].includes(rule.metric)) return unknownFigureReason(rule, true);
    } else if (rule.scope === 'process') {
      if (isLeak) return evaluateLeaks(rt, limit, t);
      const isAny = rt.match.name === null && rt.match.path === null;
      if (isAny) {
        // Every process: one pass over the tick's figures, shared by all such rules; only the
        // processes past the limit, and those the rule already remembers, go further.
        const read = (row: ProcessRow) => processFigure(rule.metric, row);
        const { values, unknown: unknownFigures } = t.index.figuresOf(rule.metric, read);
        const loosest = t.limits.get(rule.metric) ?? { floorAbove: -Infinity, ceilBelow: Infinity };
        const rows = t.index.processes;
        for (const i of t.index.candidatesOf(rule.metric, read, loosest.floorAbove, loosest.ceilBelow)) {
          const value = values[i] as number;
          if (isAbove ? value > limit : value < limit) {
            const row = rows[i] as ProcessRow;
            step(rt, row.pid, row.startTimeMs, true, row, value, baseline, forMs, t);
          }
        }
        known = values.length - unknownFigures;
        unknown = unknownFigures;
        revisit(rt, isAbove, limit, baseline, forMs, t);
      } else {
        for (const row of t.index.processesMatching(rt.match)) {
          const value = processFigure(rule.metric, row);
          if (value === null) {
            unknown++;
            keep(rt, row.pid, t);
            continue;
          }
          known++;
          step(rt, row.pid, row.startTimeMs, isAbove ? value > limit : value < limit, row, value, baseline, forMs, t);
        }
        dropUnseen(rt, t);
      }
    } else {
      for (const app of t.index.appsMatching(rt.match)) {
        const value = appFigure(rule.metric, app, t.index);
        if (value === null) {
          unknown++;
          keep(rt, app.id, t);
          continue;
        }
        known++;
        step(rt, app.id, 0, isAbove ? value > limit : value < limit, app, value, baseline, forMs, t);
      }
      dropUnseen(rt, t);
    }
    return known === 0 && unknown > 0 ? unknownFigureReason(rule, false) : null;
  }

  /**
   * The processes a rule remembers that the pass past the limit did not reach: gone (their alert
   * clears at once), unknown this tick (kept), or back under the limit.
   */
  function revisit(rt: RuleRuntime, isAbove: boolean, limit: number, baseline: Baseline | null, forMs: number, t: Tick): void {
    for (const [key, state] of rt.subjects) {
      if (state.seenTick === t.tick) continue;
      const row = t.index.row(key as number);
      if (!row || row.startTimeMs !== state.startTimeMs) {
        clearAlert(state.alertId, t);
        rt.subjects.delete(key);
        continue;
      }
      const value = processFigure(rt.rule.metric, row);
      if (value === null) state.seenTick = t.tick;
      else step(rt, row.pid, row.startTimeMs, isAbove ? value > limit : value < limit, row, value, baseline, forMs, t);
    }
  }

  /**
   * A leak rule: each matching process's memory growth over the rule's window. Each process is
   * sampled once every window ÷ MAX_LEAK_SAMPLES (the windows' resolution), at an offset of its
   * own, so that a rule over every process samples a share of them each tick; between its samples
   * a process's slope can't change and its state is kept.
   */
  function evaluateLeaks(rt: RuleRuntime, limit: number, t: Tick): string | null {
    const { rule } = rt;
    const spacingMs = leakSpacingMs(rule.forSeconds * 1000);
    const previousMs = rt.leakPreviousMs;
    rt.leakPreviousMs = t.nowMs;
    // The first tick, a clock that went back, or a gap of a whole spacing: every process is due.
    const isAllDue = previousMs === null || t.nowMs <= previousMs || t.nowMs - previousMs >= spacingMs;
    let known = 0;
    let unknown = 0;
    const sample = (row: ProcessRow, memoryBytes: number) => {
      let leak = rt.leaks.get(row.pid);
      if (!leak || leak.startTimeMs !== row.startTimeMs) {
        leak = new TrackedLeak(rule.forSeconds * 1000, row.startTimeMs, t.nowMs);
        rt.leaks.set(row.pid, leak);
      }
      leak.sampledAtMs = t.nowMs;
      leak.add(t.nowMs, memoryBytes);
      const slope = leak.slopePerMin(t.nowMs);
      if (slope === null) keep(rt, row.pid, t);
      else step(rt, row.pid, row.startTimeMs, slope > limit, row, slope, null, 0, t);
    };
    // Not its turn: a process is sampled once a spacing (a new one too waits for its turn, at most a spacing).
    const [lo1, hi1, lo2, hi2] = isAllDue ? [0, 1, 0, 0] : duePhases(previousMs as number, t.nowMs, spacingMs);
    const isDue = (pid: number) => {
      const phase = leakPhase(pid);
      return (phase >= lo1 && phase < hi1) || (phase >= lo2 && phase < hi2);
    };
    if (rt.match.name === null && rt.match.path === null) {
      // Every process: the tick's memory and pids as arrays (shared with the other rules), a row read only when due.
      const { values, unknown: unknownFigures } = t.index.figuresOf('memoryBytes', (row) => row.memoryBytes);
      const pids = t.index.pids();
      for (let i = 0; i < values.length; i++) {
        const memoryBytes = values[i] as number;
        if (!Number.isNaN(memoryBytes) && isDue(pids[i] as number)) sample(t.index.processes[i] as ProcessRow, memoryBytes);
      }
      known = values.length - unknownFigures;
      unknown = unknownFigures;
    } else {
      for (const row of t.index.processesMatching(rt.match)) {
        if (row.memoryBytes === null) unknown++;
        else {
          known++;
          if (isDue(row.pid)) sample(row, row.memoryBytes);
        }
      }
    }
    // The processes it remembers that were not sampled: kept while they run (their slope has not changed), cleared at once when gone.
    for (const [key, state] of rt.subjects) {
      if (state.seenTick === t.tick) continue;
      const row = t.index.row(key as number);
      if (row && row.startTimeMs === state.startTimeMs) state.seenTick = t.tick;
      else {
        clearAlert(state.alertId, t);
        rt.subjects.delete(key);
      }
    }
    // Bounded: a process not sampled for two spacings (it exited, stopped matching, or its memory is unknown) loses its window; looked at once a spacing.
    if (isAllDue || Math.floor(t.nowMs / spacingMs) !== Math.floor((previousMs as number) / spacingMs)) {
      for (const [pid, leak] of rt.leaks) if (t.nowMs - leak.sampledAtMs > 2 * spacingMs) rt.leaks.delete(pid);
    }
    return known === 0 && unknown > 0 ? unknownFigureReason(rule, false) : null;
  }

  /** `started` and `exited`: what appeared or went away since the previous tick, not what was there at the rule's first tick. */
  function evaluateEvent(rt: RuleRuntime, t: Tick): void {
    const { rule } = rt;
    // Processes by pid with their start time checked (a reused pid is another process), apps by id.
    const now = new Map<SubjectKey, Source>();
    if (rule.scope === 'app') for (const app of t.index.appsMatching(rt.match)) now.set(app.id, app);
    else for (const row of t.index.processesMatching(rt.match)) now.set(row.pid, row);
    const before = rt.present;
    rt.present = now;
    if (!before) return;
    const isSame = (a: Source, b: Source | undefined) => b !== undefined && (!isProcess(a) || (isProcess(b) && a.startTimeMs === b.startTimeMs));
    if (rule.metric === 'started') {
      for (const [key, source] of now) if (!isSame(source, before.get(key))) fire(rt, source, null, null, t, true);
    } else {
      for (const [key, source] of before) if (!isSame(source, now.get(key))) fire(rt, source, null, null, t, true);
    }
  }

  function stateOf(rt: RuleRuntime, inactiveReason: string | null, t: Tick): RuleState {
    const { rule } = rt;
    let activeCount = 0;
    let isPending = false;
    for (const subject of rt.subjects.values()) {
      if (subject.alertId !== null) activeCount++;
      else if (!subject.isSuppressed) isPending = true;
    }
    const isDryRun = rule.actions.length > 0 && (!rule.armed || !t.input.isControlAllowed);
    const dryRunReason = !rule.armed ? 'the rule is not armed: a dry run' : 'control is not allowed here (serve --allow-control): a dry run';
    const state = !rule.enabled ? 'disabled' : inactiveReason !== null ? 'inactive' : activeCount > 0 ? 'firing' : isPending ? 'pending' : 'watching';
    return {
      ruleId: rule.id,
      state,
      reason: state === 'inactive' ? inactiveReason : state !== 'disabled' && isDryRun ? dryRunReason : null,
      activeCount,
      lastFiredAtMs: rt.lastFiredAtMs,
      firedLastHour: rt.firedAtMs.length,
      suppressedLastHour: rt.suppressedAtMs.length,
    };
  }

  return {
    setRules(rules) {
      const before = new Map(runtimes.map((rt) => [rt.rule.id, rt]));
      prepared = null;
      runtimes = rules.map((rule) => {
        const json = JSON.stringify(rule);
        const old = before.get(rule.id);
        if (old && old.json === json) {
          before.delete(rule.id);
          return old;
        }
        return newRuntime(rule, json);
      });
      // Changed and removed rules start afresh: their alerts clear at the next tick.
      for (const old of before.values()) for (const subject of old.subjects.values()) if (subject.alertId !== null) clearAtNextTick.push(subject.alertId);
    },

    evaluate(input) {
      const ready = prepare(input.platform);
      const t: Tick = {
        input,
        nowMs: input.nowMs,
        index: new SnapshotIndex(input.snapshot.processes, input.snapshot.apps, input.platform, ready.wanted, ready.comparable),
        fired: [],
        cleared: [],
        intents: [],
        tick: ++tickCount,
        limits: ready.limits,
      };
      for (const id of clearAtNextTick) clearAlert(id, t);
      clearAtNextTick = [];
      const states: RuleState[] = [];
      for (const rt of runtimes) {
        dropOlder(rt.firedAtMs, t.nowMs - HOUR_MS);
        dropOlder(rt.suppressedAtMs, t.nowMs - HOUR_MS);
        let inactiveReason: string | null = null;
        if (rt.rule.enabled) {
          if (EVENT_METRICS.has(rt.rule.metric)) evaluateEvent(rt, t);
          else inactiveReason = evaluateCondition(rt, t);
        }
        states.push(stateOf(rt, inactiveReason, t));
      }
      const isStateChanged = states.length !== previousStates.length || states.some((state, i) => !sameState(state, previousStates[i]));
      previousStates = states;
      return { fired: t.fired, cleared: t.cleared, intents: t.intents, states, isStateChanged };
    },

    baselineRequests(hourOfDay) {
      const requests = new Map<string, BaselineRequest>();
      for (const { rule } of runtimes) {
        const request = rule.enabled ? baselineRequestOf(rule, hourOfDay) : null;
        if (request) requests.set(request.key, request);
      }
      return [...requests.values()];
    },

    active: () => [...activeAlerts.values()],
    recent: () => [...recentAlerts],

    recordOutcomes(alertId, outcomes) {
      const active = activeAlerts.get(alertId);
      if (active) {
        const updated = { ...active, actions: [...active.actions, ...outcomes] };
        activeAlerts.set(alertId, updated);
        return updated;
      }
      const at = recentAlerts.findIndex((alert) => alert.id === alertId);
      const recent = recentAlerts[at];
      if (!recent) return null;
      const updated = { ...recent, actions: [...recent.actions, ...outcomes] };
      recentAlerts[at] = updated;
      return updated;
    },
  };
}

/** The baseline an anomaly rule needs at `hourOfDay`, or null for a rule without one. */
export function baselineRequestOf(rule: Rule, hourOfDay: number): BaselineRequest | null {
  if (rule.baseline === undefined || rule.scope === 'process') return null;
  const metric = rule.metric;
  if (metric !== 'cpuPercent' && metric !== 'memoryUsedPercent' && metric !== 'diskBytesPerSec' && metric !== 'networkBytesPerSec' && metric !== 'memoryBytes') return null;
  const fields = { scope: rule.scope, metric, app: rule.scope === 'app' ? (rule.match?.app ?? null) : null, hourOfDay };
  return { key: baselineKey(fields), ...fields };
}
