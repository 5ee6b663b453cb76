/**
 * The alert service: between the snapshot stream and the pure rule evaluator (rule-evaluator.ts,
 * through the seam in evaluation.ts). It keeps the rules (the rules file), feeds each tick to the
 * evaluator, publishes (`rules` when a state changes, `alert` for each alert fired, cleared, and
 * again when its actions' outcomes arrive), carries out the intended actions through the same
 * command path as a user's click (parse → policy → platform, `runCommand`), undoes a rule's suspend
 * after SUSPEND_EXPIRY_MS unless the user keeps it, notes every alert and outcome in history, and
 * reads anomaly baselines from history off the tick.
 *
 * Where the rules file lives (`rulesFile`): it decides what the app does to processes, so it must
 * be writable only by the account the app runs as, or a more privileged one. The caller passes a
 * file in the app's profile folder: the desktop app `path.join(app.getPath('userData'),
 * 'rules.json')` after main.ts has pointed userData at the elevated profile
 * (`<ProgramData>\org.taskmgr.app\<user SID>`, administrators only: elevated-state.ts) when it runs
 * elevated on Windows, never the user's %APPDATA%; serve its own state folder (the one its history
 * folder sits in). A file another account can write would let it choose what an elevated app ends.
 */
import type { Alert, AlertActionOutcome, AlertsView, Rule, RuleState, RulesView } from '../../src-shared/alerts.ts';
import { firedNote } from '../../src-shared/alert-notes.ts';
import { MAX_RULES, SUSPEND_EXPIRY_MS } from '../../src-shared/alerts.ts';
import type { Unsubscribe } from '../../src-shared/api.ts';
import type { CommandArgs, CommandName, CommandResult } from '../../src-shared/commands.ts';
import type { Broadcast } from '../../src-shared/query.ts';
import { failure, type Failure } from '../../src-shared/results.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import type { AlertNote } from '../history/history-events.ts';
import { commandOf, notActedNote, outcomeNote, outcomeOfResult } from './alert-actions.ts';
import { AlertBaselines, type AlertBaselineHistory } from './alert-baselines.ts';
import type { AlertControl, AlertSource } from './alert-source.ts';
import type { ActionIntent, EvaluationOutput, RuleEvaluator } from './evaluation.ts';
import { RuleSuspends, type SuspendedByRule, type TimerHandle } from './rule-suspends.ts';
import { describeAction } from './rule-actions.ts';
import { readRulesFile, writeRulesFile } from './rules-file.ts';

/** What the service needs of history (history-store.ts `HistoryStore` has it): a note writer and the baselines' reads. */
export interface AlertHistory extends AlertBaselineHistory {
  /** Notes alert events (kind `alert`); never waits, never throws. */
  recordAlerts(notes: readonly AlertNote[]): void;
}

export interface AlertServiceOptions {
  evaluator: RuleEvaluator;
  /** Where rules persist (JSON, atomic write: temp file + rename); null: in memory only. See the module's comment for where it must live. */
  rulesFile: string | null;
  /** The same command path a user's click takes (policy → identity → platform): `runCommand(handlers, name, args)` over the host's command handlers. */
  runCommand: <N extends CommandName>(name: N, args: CommandArgs<N>) => Promise<CommandResult>;
  isControlAllowed: boolean;
  ownPids: () => ReadonlySet<number>;
  ownUser: string | null;
  /** For baselines (read off the tick) and to record alert events; absent when history is off. */
  history?: AlertHistory;
  log: (line: string) => void;
  /** The clock for actions' outcomes and the rules file's names; the tick's own time is its snapshot's. */
  now?: () => number;
  /** For the suspend expiry; tests pass fakes. */
  setTimer?: (callback: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
  platform?: NodeJS.Platform;
}

const targetText = (target: { pid: number; name: string }) => `${target.name} (${target.pid})`;

export class AlertService implements AlertSource, AlertControl {
  private readonly options: AlertServiceOptions;
  private readonly evaluator: RuleEvaluator;
  private readonly now: () => number;
  private readonly platform: NodeJS.Platform;
  private readonly listeners = new Set<(b: Broadcast) => void>();
  private readonly suspends: RuleSuspends;
  private readonly baselines: AlertBaselines;
  /** Actions under way (their commands' promises), so close() can wait for them. */
  private readonly running = new Set<Promise<void>>();
  private rules: Rule[] = [];
  private ruleNames = new Map<string, string>();
  private states: RuleState[] = [];
  /** Changes of the rules (and their writes), one after another. */
  private changing: Promise<unknown> = Promise.resolve();
  private isClosed = false;

  constructor(options: AlertServiceOptions) {
    this.options = options;
    this.evaluator = options.evaluator;
    this.now = options.now ?? Date.now;
    this.suspends = new RuleSuspends({
      onExpired: (suspended) => this.track(this.resume(suspended, `its ${SUSPEND_EXPIRY_MS / 60_000} minutes are up`)),
      setTimer: options.setTimer,
      clearTimer: options.clearTimer,
    });
    this.platform = options.platform ?? process.platform;
    this.baselines = new AlertBaselines({ evaluator: options.evaluator, history: options.history, log: options.log });
  }

  /** Reads the rules file: a bad rule is logged and dropped, a corrupt file set aside (rules-file.ts); after either the file is written again with the rules kept. */
  async load(): Promise<void> {
    if (this.options.rulesFile === null) return;
    const read = await readRulesFile(this.options.rulesFile, this.now(), MAX_RULES);
    for (const problem of read.problems) this.options.log(`alerts: ${problem}`);
    if (read.setAside !== null) {
      this.options.log(`alerts: the rules file as it was is kept as ${read.setAside}`);
      // The file holds what is used from now on, so the next start neither drops nor sets aside again.
      const written = await writeRulesFile(this.options.rulesFile, read.rules);
      if (!written.ok) this.options.log(`alerts: ${written.message}`);
    }
    this.setRules(read.rules);
  }

  /** The tick: evaluate, publish, act. Never waits: actions and baseline reads run on. */
  onSnapshot(snapshot: Snapshot): void {
    if (this.isClosed) return;
    const nowMs = snapshot.takenAtMs;
    const hourOfDay = new Date(nowMs).getHours();
    this.baselines.atHour(hourOfDay, nowMs);
    let output: EvaluationOutput;
    try {
      output = this.evaluator.evaluate({
        snapshot,
        nowMs,
        hourOfDay,
        baselines: this.baselines.answers(),
        isControlAllowed: this.options.isControlAllowed,
        ownPids: this.options.ownPids(),
        ownUser: this.options.ownUser,
        platform: this.platform,
      });
    } catch (error) {
      // A fault in the rules must not stop the host's tick (sampling, history, the pages).
      this.options.log(`alerts: the rules could not be evaluated: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.states = output.states;
    if (output.isStateChanged) this.publishRules();
    const notes: AlertNote[] = [];
    for (const alert of output.fired) {
      this.publish({ type: 'alert', alert });
      notes.push(this.alertNote(alert, nowMs, firedNote(alert.ruleName, alert.message)));
    }
    for (const alert of output.cleared) {
      this.publish({ type: 'alert', alert });
      notes.push(this.alertNote(alert, nowMs, `${alert.ruleName} cleared`));
    }
    this.options.history?.recordAlerts(notes);
    this.handleIntents(output.intents, nowMs);
  }

  onBroadcast(listener: (b: Broadcast) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  putRule(args: CommandArgs<'putRule'>): Promise<CommandResult> {
    return this.changeRules((rules) => {
      const index = rules.findIndex((r) => r.id === args.rule.id);
      if (index < 0 && rules.length >= MAX_RULES) return failure('INVALID_ARGUMENT', `rule: at most ${MAX_RULES} rules; delete one first`);
      return index < 0 ? [...rules, args.rule] : rules.map((r, i) => (i === index ? args.rule : r));
    });
  }

  deleteRule(args: CommandArgs<'deleteRule'>): Promise<CommandResult> {
    return this.changeRules((rules) => (rules.some((r) => r.id === args.id) ? rules.filter((r) => r.id !== args.id) : failure('NOT_FOUND', `there is no rule with id ${args.id}`)));
  }

  keepSuspended(args: CommandArgs<'keepSuspended'>): Promise<CommandResult> {
    const kept = this.suspends.keep(args.alertId, args.pid, args.startTimeMs);
    if (!kept) return Promise.resolve(failure('NOT_FOUND', `no process ${args.pid} waits to be resumed for alert ${args.alertId}`));
    const outcome: AlertActionOutcome = { action: { type: 'suspend' }, target: kept.target, outcome: 'done', detail: 'kept suspended by the user', atMs: this.now() };
    this.record(kept.alertId, [outcome], [`${kept.ruleName}: ${targetText(kept.target)} kept suspended by the user`]);
    this.options.log(`alerts: ${kept.ruleName}: ${targetText(kept.target)} stays suspended (the user kept it)`);
    return Promise.resolve({ ok: true });
  }

  rulesView(): RulesView {
    const known = new Map(this.states.map((s) => [s.ruleId, s]));
    // A rule put since the last tick has no state yet: it is as a new one starts.
    const states = this.rules.map((rule) => known.get(rule.id) ?? initialState(rule));
    return { rules: this.rules, states, isControlAllowed: this.options.isControlAllowed };
  }

  alertsView(): AlertsView {
    return { active: this.evaluator.active(), recent: this.evaluator.recent() };
  }

  /** Resumes the processes rules still hold suspended (a rule's suspend never outlives the app), waits for actions under way and the last write, clears timers. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    // Actions under way first: a suspend that lands now is resumed with the rest.
    while (this.running.size > 0) await Promise.all([...this.running]);
    const pending = this.suspends.takeAll();
    await Promise.all(pending.map((p) => this.resume(p, 'the app is closing, and a rule\'s suspend never outlives it')));
    await this.changing;
    this.listeners.clear();
  }

  private setRules(rules: Rule[]): void {
    this.rules = rules;
    this.ruleNames = new Map(rules.map((r) => [r.id, r.name]));
    this.evaluator.setRules(rules);
    this.baselines.rulesChanged(this.now());
  }

  /**
   * Changes the rules one change at a time (each sees the one before it, so two saves at once both
   * land), writes the file, and only then uses them; a failed write changes nothing.
   */
  private changeRules(change: (rules: readonly Rule[]) => Rule[] | Failure): Promise<CommandResult> {
    const done = this.changing.then(async (): Promise<CommandResult> => {
      const next = change(this.rules);
      if (!Array.isArray(next)) return next;
      if (this.options.rulesFile !== null) {
        const written = await writeRulesFile(this.options.rulesFile, next);
        if (!written.ok) {
          this.options.log(`alerts: ${written.message}`);
          return failure('INTERNAL', written.message);
        }
      }
      this.setRules(next);
      this.publishRules();
      return { ok: true };
    });
    this.changing = done;
    return done;
  }

  /** `act` intents go through the command path; dry runs and skips are already on their alert (the evaluator puts them there) and are only noted in history. */
  private handleIntents(intents: readonly ActionIntent[], nowMs: number): void {
    const notes: AlertNote[] = [];
    for (const intent of intents) {
      if (intent.decision === 'act') this.track(this.act(intent));
      else notes.push({ atMs: nowMs, pid: intent.target.pid, startTimeMs: intent.target.startTimeMs, name: intent.target.name, detail: notActedNote(this.ruleNameOf(intent.ruleId), intent) });
    }
    this.options.history?.recordAlerts(notes);
  }

  private async act(intent: ActionIntent): Promise<void> {
    const target = { pid: intent.target.pid, startTimeMs: intent.target.startTimeMs, name: intent.target.name };
    const call = commandOf(intent.action, target);
    const result = await this.run(call.name, call.args);
    const outcome = outcomeOfResult(intent.action, target, result, this.now());
    const ruleName = this.ruleNameOf(intent.ruleId);
    this.options.log(`alerts: ${ruleName}: ${describeAction(intent.action)} on ${targetText(target)}: ${outcome.outcome === 'done' ? 'done' : outcome.detail}`);
    this.record(intent.alertId, [outcome], [outcomeNote(ruleName, outcome)]);
    if (intent.action.type === 'suspend' && outcome.outcome === 'done') this.suspends.add({ alertId: intent.alertId, ruleName, target });
  }

  /** Resumes a process a rule suspended, through the command path; the outcome is recorded and logged. */
  private async resume(pending: SuspendedByRule, why: string): Promise<void> {
    const result = await this.run('resume', { pid: pending.target.pid, startTimeMs: pending.target.startTimeMs });
    const outcome = outcomeOfResult({ type: 'suspend' }, pending.target, result, this.now());
    const said = outcome.outcome === 'done' ? 'done' : outcome.detail;
    const detail = `resumed (${why}): ${said}`;
    this.options.log(`alerts: ${pending.ruleName}: resuming ${targetText(pending.target)}, which it suspended, because ${why}: ${said}`);
    this.record(pending.alertId, [{ ...outcome, detail }], [`${pending.ruleName}: resume ${targetText(pending.target)} (${why}): ${said}`]);
  }

  /** Runs a command; a handler that throws is a failure like any other, never an unhandled rejection. */
  private async run<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult> {
    try {
      return await this.options.runCommand(name, args);
    } catch (error) {
      return failure('INTERNAL', `${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Adds outcomes to their alert (published again) and notes them in history. */
  private record(alertId: string, outcomes: AlertActionOutcome[], details: string[]): void {
    const alert = this.evaluator.recordOutcomes(alertId, outcomes);
    if (alert && !this.isClosed) this.publish({ type: 'alert', alert });
    this.options.history?.recordAlerts(outcomes.map((o, i) => this.outcomeNoteOf(o, details[i] ?? '')));
  }

  private outcomeNoteOf(outcome: AlertActionOutcome, detail: string): AlertNote {
    return { atMs: outcome.atMs, pid: outcome.target.pid, startTimeMs: outcome.target.startTimeMs, name: outcome.target.name, detail };
  }

  private track(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  /** The rule's name (its id once it is deleted), for logs and history's notes. */
  private ruleNameOf(ruleId: string): string {
    return this.ruleNames.get(ruleId) ?? ruleId;
  }

  private alertNote(alert: Alert, atMs: number, detail: string): AlertNote {
    const subject = alert.subject;
    if (subject.kind === 'process') return { atMs, pid: subject.pid, startTimeMs: subject.startTimeMs, name: subject.name, detail };
    return { atMs, pid: null, startTimeMs: null, name: subject.kind === 'app' ? subject.name : subject.device, detail };
  }

  private publishRules(): void {
    this.publish({ type: 'rules', view: this.rulesView() });
  }

  private publish(broadcast: Broadcast): void {
    for (const listener of this.listeners) {
      try {
        listener(broadcast);
      } catch (error) {
        this.options.log(`alerts: a listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

/** The state of a rule no tick has evaluated yet. */
function initialState(rule: Rule): RuleState {
  return { ruleId: rule.id, state: rule.enabled ? 'watching' : 'disabled', reason: null, activeCount: 0, lastFiredAtMs: null, firedLastHour: 0, suppressedLastHour: 0 };
}
