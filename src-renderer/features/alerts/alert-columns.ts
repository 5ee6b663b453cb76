/**
 * The alerts grids' columns (Rule, About, Message, Fired, Cleared, Actions) and the rules grid's
 * (Name, Condition, State, Actions, counts). Pure.
 */
import type { Alert, AlertSubject, Rule, RuleState } from '../../../src-shared/alerts.ts';
import type { GridColumn } from '../../components/grid-types.ts';
import { formatCount, formatDateTime } from '../../format.ts';
import { strings } from '../../strings.ts';
import { alertsStrings as text } from './alerts-strings.ts';
import { describeActions, describeCondition, describeState } from './rule-describe.ts';

export function subjectText(subject: AlertSubject): string {
  if (subject.kind === 'process') return text.processSubject(subject.name, subject.pid);
  if (subject.kind === 'app') return subject.name;
  return subject.device ?? text.machine;
}

export function outcomesText(alert: Alert): string {
  if (alert.actions.length === 0) return text.noOutcomes;
  return alert.actions.map((o) => text.outcome(o.target.name, o.target.pid, o.detail)).join('; ');
}

const column = <R,>(id: string, label: string, definition: string, width: number, value: (row: R) => string, isNumeric = false): GridColumn<R> => ({
  id,
  label,
  definition,
  isNumeric,
  width,
  sortDirection: null,
  text: value,
});

export function alertColumns(): GridColumn<Alert>[] {
  const l = text.columns;
  const d = text.definitions;
  return [
    column('rule', l.rule, d.rule, 120, (a) => a.ruleName),
    column('subject', l.subject, d.subject, 190, (a) => subjectText(a.subject)),
    column('message', l.message, d.message, 250, (a) => a.message),
    column('fired', l.fired, d.fired, 170, (a) => formatDateTime(a.firedAtMs)),
    column('cleared', l.cleared, d.cleared, 170, (a) => (a.clearedAtMs === null ? strings.unknown : formatDateTime(a.clearedAtMs))),
    column('outcomes', l.outcomes, d.outcomes, 180, outcomesText),
  ];
}

export interface RuleRow {
  rule: Rule;
  state: RuleState | undefined;
}

export function ruleColumns(): GridColumn<RuleRow>[] {
  const l = text.ruleColumns;
  const d = text.ruleDefinitions;
  const count = (value: number | undefined) => (value === undefined ? strings.unknown : formatCount(value));
  return [
    column('name', l.name, d.name, 150, (r) => r.rule.name),
    column('condition', l.condition, d.condition, 200, (r) => describeCondition(r.rule)),
    column('state', l.state, d.state, 190, (r) => (r.rule.enabled ? describeState(r.state) : text.states.disabled)),
    column('actions', l.actions, d.actions, 190, (r) => describeActions(r.rule)),
    column('active', l.active, d.active, 70, (r) => count(r.state?.activeCount), true),
    column('fired', l.fired, d.fired, 100, (r) => count(r.state?.firedLastHour), true),
    column('suppressed', l.suppressed, d.suppressed, 120, (r) => count(r.state?.suppressedLastHour), true),
  ];
}

export const alertKey = (alert: Alert): string => alert.id;
export const ruleKey = (row: RuleRow): string => row.rule.id;
