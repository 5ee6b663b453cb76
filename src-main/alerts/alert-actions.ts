/**
 * A rule's action as the command a user's click would send (the same handlers, identity check and
 * policy), and its outcome on the alert and in history, in the evaluator's words (rule-actions.ts). Pure.
 */
import type { AlertActionOutcome, RuleAction } from '../../src-shared/alerts.ts';
import type { CommandArgs, CommandName, CommandResult } from '../../src-shared/commands.ts';
import type { ProcessIdentity } from '../../src-shared/snapshot.ts';
import type { ActionIntent } from './evaluation.ts';
import { describeAction, notActedDetail } from './rule-actions.ts';

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

/** A command's result as an outcome: done, or failed with the code and the plain message (of the first process that failed). */
export function outcomeOfResult(action: RuleAction, target: AlertActionOutcome['target'], result: CommandResult, atMs: number): AlertActionOutcome {
  if (!result.ok) return { action, target, outcome: 'failed', detail: `${result.code} — ${result.message}`, atMs };
  const failed = 'failed' in result ? result.failed[0] : undefined;
  if (failed) return { action, target, outcome: 'failed', detail: `${failed.code} — ${failed.message}`, atMs };
  return { action, target, outcome: 'done', detail: describeAction(action), atMs };
}

/** An outcome as history tells it: "CPU hog: set priority to below normal: done", "CPU hog: set priority to below normal: ACCESS_DENIED — …". */
export function outcomeNote(ruleName: string, outcome: AlertActionOutcome): string {
  if (outcome.outcome === 'done') return `${ruleName}: ${describeAction(outcome.action)}: done`;
  if (outcome.outcome === 'failed') return `${ruleName}: ${describeAction(outcome.action)}: ${outcome.detail}`;
  return `${ruleName}: ${outcome.detail}`;
}

/** An intent that was not acted on, as history tells it: "CPU hog: dry run: would set priority to below normal — the rule is not armed" (the words the alert has: rule-actions.ts). */
export function notActedNote(ruleName: string, intent: ActionIntent): string {
  return `${ruleName}: ${notActedDetail(intent.action, intent.decision === 'dryRun' ? 'dryRun' : 'skipped', intent.reason ?? '')}`;
}
