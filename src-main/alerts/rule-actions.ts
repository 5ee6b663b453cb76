/**
 * What a fired rule intends on each process it reached: act, dry run, or skip, with the reason in
 * plain words. PROTECTED and the process's identity are checked later, on the command path that a
 * user's click takes too. Pure; the rate limit's memory (`ActionRateLimit`) is the evaluator's.
 */
import type { RuleAction, RuleSpec } from '../../src-shared/alerts.ts';
import type { ProcessRow } from '../../src-shared/snapshot.ts';
import type { ActionIntent } from './evaluation.ts';

/** At most this many `act` intents a minute across all rules. */
export const MAX_ACTS_PER_MINUTE = 20;

export interface ActionContext {
  isControlAllowed: boolean;
  ownPids: ReadonlySet<number>;
  ownUser: string | null;
}

/** "set priority to below normal", "put in efficiency mode", "suspend", "end", "end (forced)". */
export function describeAction(action: RuleAction): string {
  switch (action.type) {
    case 'setEfficiencyMode':
      return 'put in efficiency mode';
    case 'setPriority':
      return `set priority to ${action.priority === 'belowNormal' ? 'below normal' : 'idle'}`;
    case 'suspend':
      return 'suspend';
    case 'end':
      return action.force ? 'end (forced)' : 'end';
  }
}

/** The decision before the rate limit: skipped (whose process it is), dry run (not armed, control off), or act. */
export function decideAction(rule: Pick<RuleSpec, 'armed' | 'anyUser'>, row: Pick<ProcessRow, 'pid' | 'user'>, context: ActionContext): Pick<ActionIntent, 'decision' | 'reason'> {
  if (context.ownPids.has(row.pid)) return { decision: 'skipped', reason: "this app's own process" };
  if (!rule.anyUser) {
    if (row.user === null || context.ownUser === null) return { decision: 'skipped', reason: "the process's owner is not known: the rule does not have anyUser" };
    if (row.user !== context.ownUser) return { decision: 'skipped', reason: "another user's process: the rule does not have anyUser" };
  }
  if (!rule.armed) return { decision: 'dryRun', reason: 'the rule is not armed' };
  if (!context.isControlAllowed) return { decision: 'dryRun', reason: 'control is not allowed here (serve --allow-control)' };
  return { decision: 'act', reason: null };
}

/** The global limit on actions: the times of the latest `act`s, over a sliding minute. */
export class ActionRateLimit {
  private readonly actedAtMs: number[] = [];

  /** Whether one more action may act at `nowMs`; if so, it is counted. */
  take(nowMs: number): boolean {
    while (this.actedAtMs.length > 0 && (this.actedAtMs[0] as number) <= nowMs - 60_000) this.actedAtMs.shift();
    if (this.actedAtMs.length >= MAX_ACTS_PER_MINUTE) return false;
    this.actedAtMs.push(nowMs);
    return true;
  }
}

export const RATE_LIMIT_REASON = `rate limit: ${MAX_ACTS_PER_MINUTE} actions a minute`;

/** The outcome's detail of an intent not acted on: "dry run: would set priority to below normal — the rule is not armed", "skipped: this app's own process". */
export function notActedDetail(action: RuleAction, decision: 'dryRun' | 'skipped', reason: string): string {
  return decision === 'dryRun' ? `dry run: would ${describeAction(action)} — ${reason}` : `skipped: ${reason}`;
}
