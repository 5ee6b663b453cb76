/**
 * Main's parser for rules from the page, a client or the rules file (alerts.ts has the types and
 * `ruleProblem`). Anything else is INVALID_ARGUMENT naming the field, and changes nothing. The page
 * loads it lazily in the rule editor, for the same validation as you type.
 */
import { z } from 'zod';
import { ALL_RULE_METRICS, MAX_ACTIONS_PER_RULE, RULE_ID_PATTERN, RULE_PRIORITIES, RULE_SCOPES, ruleProblem, type Rule, type RuleInput, type RuleSpec } from './alerts.ts';
import { failure, type Failure } from './results.ts';

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .min(1, { error: `${field} must not be empty` })
    .max(max, { error: `${field} must be at most ${max} characters` });

export const ruleMatchSchema = z.strictObject({
  name: text('match.name', 260).optional(),
  path: text('match.path', 32_767).optional(),
  app: text('match.app', 512).optional(),
  device: text('match.device', 512).optional(),
});

export const ruleActionSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('setEfficiencyMode') }),
    z.strictObject({ type: z.literal('setPriority'), priority: z.enum(RULE_PRIORITIES, { error: 'a rule may lower the priority to belowNormal or idle, never raise it' }) }),
    z.strictObject({ type: z.literal('suspend') }),
    z.strictObject({ type: z.literal('end'), force: z.boolean().optional() }),
  ],
  { error: 'an action is setEfficiencyMode, setPriority, suspend or end' },
);

const seconds = (field: string) =>
  z
    .number({ error: `${field} must be a number of seconds` })
    .min(0, { error: `${field} must be 0 or more seconds` })
    .max(86_400, { error: `${field} must be at most 86400 seconds (a day)` });

const ruleFields = {
  name: text('name', 120),
  scope: z.enum(RULE_SCOPES, { error: 'scope must be machine, process or app' }),
  match: ruleMatchSchema.optional(),
  metric: z.enum(ALL_RULE_METRICS as [RuleSpec['metric'], ...RuleSpec['metric'][]], { error: `metric must be one of ${ALL_RULE_METRICS.join(', ')}` }),
  above: z.number({ error: 'above must be a number' }).finite({ error: 'above must be a finite number' }).optional(),
  below: z.number({ error: 'below must be a number' }).finite({ error: 'below must be a finite number' }).optional(),
  baseline: z
    .strictObject({ sigmas: z.number({ error: 'baseline.sigmas must be a number' }).min(1, { error: 'baseline.sigmas must be 1 to 20' }).max(20, { error: 'baseline.sigmas must be 1 to 20' }) })
    .optional(),
  forSeconds: seconds('forSeconds').default(0),
  clearSeconds: seconds('clearSeconds').default(10),
  maxPerHour: z.number({ error: 'maxPerHour must be a number' }).int({ error: 'maxPerHour must be a whole number' }).min(1, { error: 'maxPerHour must be 1 to 60' }).max(60, { error: 'maxPerHour must be 1 to 60' }).default(6),
  actions: z.array(ruleActionSchema, { error: 'actions must be a list' }).max(MAX_ACTIONS_PER_RULE, { error: `at most ${MAX_ACTIONS_PER_RULE} actions` }).default([]),
  armed: z.boolean({ error: 'armed must be true or false' }).default(false),
  enabled: z.boolean({ error: 'enabled must be true or false' }).default(true),
  anyUser: z.boolean({ error: 'anyUser must be true or false' }).default(false),
};

const combined = <T extends Parameters<typeof ruleProblem>[0]>(rule: T, context: z.RefinementCtx) => {
  const problem = ruleProblem(rule);
  if (problem) context.addIssue({ code: 'custom', path: problem.path.split('.'), message: problem.message });
};

/** A rule without its id (the body of `PUT /api/rules/:id`). */
export const ruleSpecSchema = z.strictObject(ruleFields).superRefine(combined);
export const ruleIdSchema = z.string({ error: 'id is required' }).regex(RULE_ID_PATTERN, { error: 'id must be 1–64 letters, digits, _ or -' });
export const ruleSchema = z.strictObject({ id: ruleIdSchema, ...ruleFields }).superRefine(combined);

// The schema and the plain types can't drift: each must be assignable to the other.
type Parsed = z.output<typeof ruleSchema>;
type Written = z.input<typeof ruleSpecSchema>;
const _sameShape: [Parsed extends Rule ? true : false, Rule extends Parsed ? true : false, Written extends RuleInput ? true : false, RuleInput extends Written ? true : false] = [true, true, true, true];
void _sameShape;

const problemOf = (error: z.ZodError): string => {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `rule: ${where}${issue?.message ?? 'not a rule'}`;
};

/** Outside data as a rule with its id, or INVALID_ARGUMENT naming the field. */
export function parseRule(input: unknown): { ok: true; value: Rule } | Failure {
  const parsed = ruleSchema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : failure('INVALID_ARGUMENT', problemOf(parsed.error));
}

/** Outside data as a rule's fields (the id comes from elsewhere, e.g. the URL), or INVALID_ARGUMENT naming the field. */
export function parseRuleSpec(input: unknown): { ok: true; value: RuleSpec } | Failure {
  const parsed = ruleSpecSchema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : failure('INVALID_ARGUMENT', problemOf(parsed.error));
}
