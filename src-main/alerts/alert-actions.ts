/**
 * A rule's action as the command a user's click would send (the same handlers, identity check and
 * policy), and the words an outcome is told in (the alert, the log, history). Pure.
 */
import type { AlertActionOutcome, RuleAction } from '../../src-shared/alerts.ts';
import type { CommandArgs, CommandName, CommandResult } from '../../src-shared/commands.ts';
import type { ProcessIdentity } from '../../src-shared/snapshot.ts';
import type { ActionIntent } from './evaluation.ts';

/** One command and its arguments, typed together. */
export type CommandCall = { [N in CommandName]: { name: N; args: CommandArgs<N> } }[CommandName];

/** The command that carries out `action` on `target`. */
export function commandOf(action: RuleAction, target: ProcessIdentity): CommandCall {
  const identity = { pid: target.pid, startTimeMs: target.startTimeMs };
  switch (action.type) {
    case 'setEfficiencyMode':
      return { name: 'setEfficiencyMode', args: { ...identity, enabled: true } };
    case 'setPriority':
      return { name: 'setPriority', args: { ...identity, priority: action.priority } };
    case 'suspend':
      return { name: 'suspend', args: identity };
    case 'end':
      return { name: 'kill', args: action.force === true ? { ...identity, force: true } : identity };
  }
}

/** "set priority to below normal", "end (forced)": what the action does, in words. */
export function actionText(action: RuleAction): string {
  switch (action.type) {
    case 'setEfficiencyMode':
      return 'set efficiency mode';
    case 'setPriority':
      return `set priority to ${action.priority === 'belowNormal' ? 'below normal' : 'idle'}`;
    case 'suspend':
      return 'suspend';
    case 'end':
      return action.force === true ? 'end (forced)' : 'end';
  }
}

/** A command's result as an outcome: done, or failed with the code and the plain message (of the first process that failed). */
export function outcomeOfResult(action: RuleAction, target: AlertActionOutcome['target'], result: CommandResult, atMs: number): AlertActionOutcome {
  if (!result.ok) return { action, target, outcome: 'failed', detail: `${result.code} — ${result.message}`, atMs };
  const failed = 'failed' in result ? result.failed[0] : undefined;
  if (failed) return { action, target, outcome: 'failed', detail: `${failed.code} — ${failed.message}`, atMs };
  return { action, target, outcome: 'done', detail: actionText(action), atMs };
}

/** An intent that is only recorded (a dry run, or skipped), as its outcome. */
export function outcomeOfIntent(intent: ActionIntent, atMs: number): AlertActionOutcome {
  const target = { pid: intent.target.pid, startTimeMs: intent.target.startTimeMs, name: intent.target.name };
  const why = intent.reason ?? 'no reason given';
  const detail = intent.decision === 'dryRun' ? `dry run: ${why}` : `skipped: ${why}`;
  return { action: intent.action, target, outcome: intent.decision === 'dryRun' ? 'dryRun' : 'skipped', detail, atMs };
}

/** An outcome as history tells it: "CPU hog: set priority to below normal: done", "CPU hog: dry run: set priority to below normal (the rule is not armed)". */
export function outcomeNote(ruleName: string, outcome: AlertActionOutcome): string {
  const what = actionText(outcome.action);
  switch (outcome.outcome) {
    case 'done':
      return `${ruleName}: ${what}: done`;
    case 'failed':
      return `${ruleName}: ${what}: ${outcome.detail}`;
    case 'dryRun':
      return `${ruleName}: dry run: ${what} (${outcome.detail.replace(/^dry run: /, '')})`;
    case 'skipped':
      return `${ruleName}: skipped: ${what} (${outcome.detail.replace(/^skipped: /, '')})`;
  }
}
