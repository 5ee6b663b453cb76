/**
 * A rule in words, for the rules list and the arm dialog: its condition ("CPU above 40 % for
 * 3 s"), its match ("name burn"), its actions ("Lower priority to below normal (dry run)") and
 * its state ("Inactive: GPU utilisation is not measured here"). Pure.
 */
import { EVENT_METRICS, type Rule, type RuleAction, type RuleState } from '../../../src-shared/alerts.ts';
import { alertsStrings as text } from './alerts-strings.ts';
import { friendlyUnit, toFriendlyUnits } from './rule-units.ts';

export function describeCondition(rule: Rule): string {
  const metric = text.metrics[rule.metric];
  if (EVENT_METRICS.has(rule.metric)) return metric;
  if (rule.baseline !== undefined) return text.condition(metric, text.conditions.baseline, text.baselineValue(rule.baseline.sigmas), rule.forSeconds);
  const isAbove = rule.above !== undefined;
  const value = rule.above ?? rule.below;
  const unit = friendlyUnit(rule.metric);
  const shown = value === undefined ? '' : `${toFriendlyUnits(value, rule.metric)}${unit === null ? '' : ` ${unit}`}`;
  return text.condition(metric, isAbove ? text.conditions.above : text.conditions.below, shown, rule.forSeconds);
}

export function describeMatch(rule: Pick<Rule, 'scope' | 'match'>): string {
  const match = rule.match ?? {};
  const parts = (['name', 'path', 'app', 'device'] as const).flatMap((key) => {
    const value = match[key];
    return value === undefined ? [] : [text.matchParts[key](value)];
  });
  if (parts.length > 0) return parts.join(', ');
  return rule.scope === 'machine' ? text.anyDevice : text.anyProcess;
}

export function describeAction(action: RuleAction): string {
  return action.type === 'setPriority' ? text.actionWithPriority(text.priorities[action.priority]) : text.actionNames[action.type];
}

export function describeActions(rule: Pick<Rule, 'actions' | 'armed'>): string {
  if (rule.actions.length === 0) return text.alertOnly;
  const list = rule.actions.map(describeAction).join(', ');
  return rule.armed ? text.armedActions(list) : text.dryRunActions(list);
}

export function describeState(state: RuleState | undefined): string {
  if (!state) return '';
  const name = text.states[state.state];
  return state.reason === null ? name : text.stateWithReason(name, state.reason);
}
