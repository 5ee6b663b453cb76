/**
 * STAND-IN (wt-hosts only, deleted before main's alert service is merged): the shape the hosts code
 * against, so they compile until src-main/alerts/alert-service.ts lands. Keeps rules in memory and
 * evaluates nothing.
 */
import type { AlertsView, Rule, RulesView } from '../../src-shared/alerts.ts';
import type { Unsubscribe } from '../../src-shared/api.ts';
import { failure, type CommandArgs, type CommandName, type CommandResult } from '../../src-shared/commands.ts';
import type { Broadcast } from '../../src-shared/query.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import type { AlertControl, AlertSource } from './alert-source.ts';
import type { RuleEvaluator } from './evaluation.ts';

export type AlertHistory = object;

export interface AlertServiceOptions {
  evaluator: RuleEvaluator;
  rulesFile: string | null;
  runCommand: <N extends CommandName>(name: N, args: CommandArgs<N>) => Promise<CommandResult>;
  isControlAllowed: boolean;
  ownPids: () => ReadonlySet<number>;
  ownUser: string | null;
  history?: AlertHistory;
  log: (line: string) => void;
}

export class AlertService implements AlertSource, AlertControl {
  private rules: Rule[] = [];
  private readonly listeners = new Set<(broadcast: Broadcast) => void>();
  private readonly options: AlertServiceOptions;

  constructor(options: AlertServiceOptions) {
    this.options = options;
  }

  load(): Promise<void> {
    return Promise.resolve();
  }

  onSnapshot(snapshot: Snapshot): void {
    void snapshot;
  }

  onBroadcast(listener: (broadcast: Broadcast) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  rulesView(): RulesView {
    return { rules: this.rules, states: [], isControlAllowed: this.options.isControlAllowed };
  }

  alertsView(): AlertsView {
    return { active: [], recent: [] };
  }

  putRule(args: CommandArgs<'putRule'>): Promise<CommandResult> {
    this.rules = [...this.rules.filter((r) => r.id !== args.rule.id), args.rule];
    return Promise.resolve({ ok: true });
  }

  deleteRule(args: CommandArgs<'deleteRule'>): Promise<CommandResult> {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== args.id);
    return Promise.resolve(before === this.rules.length ? failure('NOT_FOUND', `no rule with id ${args.id}`) : { ok: true });
  }

  keepSuspended(args: CommandArgs<'keepSuspended'>): Promise<CommandResult> {
    return Promise.resolve(failure('NOT_FOUND', `no suspend of pid ${args.pid} to keep`));
  }
}
