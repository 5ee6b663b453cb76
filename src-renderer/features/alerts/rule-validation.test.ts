import { describe, expect, it } from 'vitest';
import { RULE_TEMPLATES } from '../../../src-shared/alerts.ts';
import { formFromRule, ruleFromForm, type FormField, type RuleForm } from './rule-form.ts';
import { validateRuleForm } from './rule-validation.ts';

const cpuHog = (): RuleForm => formFromRule({ id: 'cpu-hog', name: 'CPU hog', scope: 'process', match: { name: 'burn' }, metric: 'cpuPercent', above: 40, forSeconds: 3, actions: [] });

describe('validateRuleForm', () => {
  it('takes the issue’s simplest rule, in the contract’s units and unarmed', () => {
    const result = validateRuleForm(cpuHog());
    expect(result).toEqual({
      ok: true,
      rule: { id: 'cpu-hog', name: 'CPU hog', scope: 'process', match: { name: 'burn' }, metric: 'cpuPercent', above: 40, forSeconds: 3, clearSeconds: 10, maxPerHour: 6, actions: [], armed: false, enabled: true, anyUser: false },
    });
  });

  it.each(RULE_TEMPLATES.map((t) => [t.label, t.rule] as const))('takes the template %s as it comes', (_label, rule) => {
    expect(validateRuleForm(formFromRule({ ...rule, id: 'x' })).ok).toBe(true);
  });

  it.each<[string, Partial<RuleForm>, FormField, RegExp]>([
    ['no name', { name: '  ' }, 'name', /name must not be empty/],
    ['no threshold', { threshold: '' }, 'threshold', /exactly one of above, below and baseline/],
    ['a threshold that is no number', { threshold: 'lots' }, 'threshold', /above must be a number/],
    ['a negative duration', { forSeconds: '-1' }, 'forSeconds', /0 or more seconds/],
    ['a clear time past a day', { clearSeconds: '90000' }, 'clearSeconds', /at most 86400/],
    ['too many alerts an hour', { maxPerHour: '61' }, 'maxPerHour', /1 to 60/],
    ['end on a rule matching by name alone', { end: true }, 'actions', /only on a rule that matches by executable path or app/],
    ['an event with no match', { metric: 'started', matchName: '' }, 'matchName', /needs a match/],
    ['a baseline on a process', { condition: 'baseline' }, 'threshold', /baseline is kept for/],
    ['a baseline of too many sigmas', { scope: 'app', matchApp: 'Chrome', matchName: '', condition: 'baseline', sigmas: '30' }, 'sigmas', /1 to 20/],
  ])('shows %s at its field', (_name, change, field, message) => {
    const result = validateRuleForm({ ...cpuHog(), ...change });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.field).toBe(field);
    expect(result.problems[0]?.message).toMatch(message);
  });
});

describe('formFromRule and ruleFromForm', () => {
  it('shows a memory figure in MB and saves it in bytes', () => {
    const form = formFromRule({ id: 'leak', ...(RULE_TEMPLATES.find((t) => t.key === 'memoryLeak')?.rule ?? { name: '', scope: 'process', metric: 'cpuPercent' }) });
    expect(form.threshold).toBe('50');
    expect(ruleFromForm({ ...form, threshold: '100' }).above).toBe(100 * 1024 * 1024);
  });

  it('keeps a rule’s actions, and saves it unarmed whatever it was', () => {
    const form = formFromRule({ id: 'a', name: 'a', scope: 'app', match: { app: 'Chrome' }, metric: 'cpuPercent', above: 50, actions: [{ type: 'setPriority', priority: 'idle' }, { type: 'suspend' }], armed: true });
    expect(form.priority).toBe('idle');
    expect(form.suspend).toBe(true);
    const rule = ruleFromForm(form);
    expect(rule.actions).toEqual([{ type: 'setPriority', priority: 'idle' }, { type: 'suspend' }]);
    expect(rule.armed).toBe(false);
  });

  it('leaves out what the scope does not use', () => {
    const rule = ruleFromForm({ ...cpuHog(), scope: 'machine', metric: 'memoryUsedPercent', matchName: 'burn', efficiencyMode: true });
    expect(rule.match).toBeUndefined();
    expect(rule.actions).toEqual([]);
  });
});
