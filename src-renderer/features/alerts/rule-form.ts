/**
 * The rule editor's fields (text as typed, thresholds in friendly units) ↔ a rule (the contract's
 * units), and where a problem the schema found is shown: the field it names. Pure; the schema
 * itself (src-shared/alert-schema.ts, with zod) is loaded by the editor only.
 */
import {
  BASELINE_METRICS,
  EVENT_METRICS,
  RULE_ID_PATTERN,
  RULE_METRICS,
  type Rule,
  type RuleAction,
  type RuleInput,
  type RuleMetric,
  type RulePriority,
  type RuleScope,
} from '../../../src-shared/alerts.ts';
import { toContractUnits, toFriendlyUnits } from './rule-units.ts';

export type Condition = 'above' | 'below' | 'baseline';

export interface RuleForm {
  id: string;
  name: string;
  scope: RuleScope;
  metric: RuleMetric;
  matchName: string;
  matchPath: string;
  matchApp: string;
  matchDevice: string;
  condition: Condition;
  /** In friendly units (rule-units.ts). */
  threshold: string;
  sigmas: string;
  forSeconds: string;
  clearSeconds: string;
  maxPerHour: string;
  efficiencyMode: boolean;
  /** '' : the priority is left alone. */
  priority: '' | RulePriority;
  suspend: boolean;
  end: boolean;
  enabled: boolean;
  anyUser: boolean;
}

/** The fields a problem can be shown at; `form`: above them all. */
export type FormField = 'name' | 'scope' | 'metric' | 'matchName' | 'matchPath' | 'matchApp' | 'matchDevice' | 'threshold' | 'sigmas' | 'forSeconds' | 'clearSeconds' | 'maxPerHour' | 'actions' | 'form';

export interface FieldProblem {
  field: FormField;
  message: string;
}

const text = (value: number | undefined): string => (value === undefined ? '' : String(value));

/** The editor's fields for a rule (a template's input, or a saved rule to edit). */
export function formFromRule(rule: RuleInput & { id: string }): RuleForm {
  const condition: Condition = rule.below !== undefined ? 'below' : rule.baseline !== undefined ? 'baseline' : 'above';
  const threshold = rule.above ?? rule.below;
  const actions = rule.actions ?? [];
  const priority = actions.find((a) => a.type === 'setPriority');
  return {
    id: rule.id,
    name: rule.name,
    scope: rule.scope,
    metric: rule.metric,
    matchName: rule.match?.name ?? '',
    matchPath: rule.match?.path ?? '',
    matchApp: rule.match?.app ?? '',
    matchDevice: rule.match?.device ?? '',
    condition,
    threshold: threshold === undefined ? '' : String(toFriendlyUnits(threshold, rule.metric)),
    sigmas: text(rule.baseline?.sigmas ?? 4),
    forSeconds: text(rule.forSeconds ?? 0),
    clearSeconds: text(rule.clearSeconds ?? 10),
    maxPerHour: text(rule.maxPerHour ?? 6),
    efficiencyMode: actions.some((a) => a.type === 'setEfficiencyMode'),
    priority: priority?.type === 'setPriority' ? priority.priority : '',
    suspend: actions.some((a) => a.type === 'suspend'),
    end: actions.some((a) => a.type === 'end'),
    enabled: rule.enabled ?? true,
    anyUser: rule.anyUser ?? false,
  };
}

/** A number as typed: empty is absent (the schema says what is missing), anything else is `Number` of it (NaN: "must be a number"). */
const numberOf = (value: string): number | undefined => (value.trim() === '' ? undefined : Number(value));

/**
 * The rule the fields describe, for the schema to judge: fields the scope or metric does not use
 * are left out, the threshold is in the contract's units. Always unarmed: a rule with actions is
 * saved as a dry run, and armed only through the arm dialog.
 */
export function ruleFromForm(form: RuleForm): Record<string, unknown> {
  const isEvent = EVENT_METRICS.has(form.metric);
  const match: Record<string, string> = {};
  const put = (key: string, value: string) => {
    if (value.trim() !== '') match[key] = value.trim();
  };
  if (form.scope === 'process') {
    put('name', form.matchName);
    put('path', form.matchPath);
  }
  if (form.scope !== 'machine') put('app', form.matchApp);
  else put('device', form.matchDevice);
  const actions: RuleAction[] = [];
  // A machine rule has no process to act on, an exited process is gone: their actions are not shown, nor sent.
  if (form.scope !== 'machine' && form.metric !== 'exited') {
    if (form.efficiencyMode) actions.push({ type: 'setEfficiencyMode' });
    if (form.priority !== '') actions.push({ type: 'setPriority', priority: form.priority });
    if (form.suspend) actions.push({ type: 'suspend' });
    if (form.end) actions.push({ type: 'end' });
  }
  const threshold = numberOf(form.threshold);
  return {
    id: form.id,
    name: form.name,
    scope: form.scope,
    ...(Object.keys(match).length > 0 ? { match } : {}),
    metric: form.metric,
    ...(isEvent ? {} : form.condition === 'baseline' ? { baseline: { sigmas: numberOf(form.sigmas) } } : { [form.condition]: threshold === undefined ? undefined : toContractUnits(threshold, form.metric) }),
    forSeconds: isEvent ? 0 : numberOf(form.forSeconds),
    clearSeconds: numberOf(form.clearSeconds),
    maxPerHour: numberOf(form.maxPerHour),
    actions,
    armed: false,
    enabled: form.enabled,
    anyUser: form.anyUser,
  };
}

const MATCH_FIELDS: Record<string, FormField> = { name: 'matchName', path: 'matchPath', app: 'matchApp', device: 'matchDevice' };
const WHOLE_MATCH: Record<RuleScope, FormField> = { process: 'matchName', app: 'matchApp', machine: 'matchDevice' };

/** The field a problem at `path` (the schema's issue path) is shown at. */
export function fieldOf(path: readonly PropertyKey[], scope: RuleScope): FormField {
  const [head, next] = path;
  switch (head) {
    case 'id':
    case 'name':
      return 'name';
    case 'scope':
    case 'metric':
    case 'forSeconds':
    case 'clearSeconds':
    case 'maxPerHour':
      return head;
    case 'match':
      return (typeof next === 'string' ? MATCH_FIELDS[next] : undefined) ?? WHOLE_MATCH[scope];
    case 'above':
    case 'below':
      return 'threshold';
    case 'baseline':
      return next === 'sigmas' ? 'sigmas' : 'threshold';
    case 'actions':
    case 'armed':
    case 'anyUser':
      return 'actions';
    default:
      return 'form';
  }
}

/** The metrics the editor offers for a scope, and the conditions for a metric (a baseline only where history keeps one). */
export const metricsOf = (scope: RuleScope): readonly RuleMetric[] => RULE_METRICS[scope];
export function conditionsOf(scope: RuleScope, metric: RuleMetric): Condition[] {
  if (EVENT_METRICS.has(metric)) return [];
  return (BASELINE_METRICS[scope] as readonly RuleMetric[]).includes(metric) ? ['above', 'below', 'baseline'] : ['above', 'below'];
}

/** A new rule's id from its name: "CPU hog" at some moment → "cpu-hog-lq3x5a" (RULE_ID_PATTERN). */
export function newRuleId(name: string, nowMs: number): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  const id = `${slug === '' ? 'rule' : slug}-${Math.floor(nowMs).toString(36)}`;
  return RULE_ID_PATTERN.test(id) ? id : `rule-${Math.floor(nowMs).toString(36)}`;
}

/** Whether a saved rule acts (it has actions), for "saved as a dry run: arm it to act". */
export const hasActions = (rule: Pick<Rule, 'actions'>): boolean => rule.actions.length > 0;
