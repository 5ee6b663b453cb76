/**
 * The editor's check as you type: the same schema main parses every rule with
 * (src-shared/alert-schema.ts), each problem at the field it names (rule-form.ts `fieldOf`). The
 * editor imports this module lazily, so zod never enters the first script.
 */
import type { Rule } from '../../../src-shared/alerts.ts';
import { ruleSchema } from '../../../src-shared/alert-schema.ts';
import { fieldOf, ruleFromForm, type FieldProblem, type FormField, type RuleForm } from './rule-form.ts';

export type Validation = { ok: true; rule: Rule } | { ok: false; problems: FieldProblem[] };

export function validateRuleForm(form: RuleForm): Validation {
  const parsed = ruleSchema.safeParse(ruleFromForm(form));
  if (parsed.success) return { ok: true, rule: parsed.data };
  const seen = new Set<FormField>();
  const problems: FieldProblem[] = [];
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path, form.scope);
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, message: issue.message });
  }
  return { ok: false, problems };
}
