import { describe, expect, it } from 'vitest';
import { RULE_TEMPLATES } from './alerts.ts';
import { parseRule, parseRuleSpec } from './alert-schema.ts';
import { parseCommand } from './commands.ts';

const simplest = { name: 'CPU hog', scope: 'process', match: { name: 'burn' }, metric: 'cpuPercent', above: 40, forSeconds: 3, actions: [] };

describe('rules (the contract)', () => {
  it('takes the simplest rule of the issue as written, and fills in the defaults', () => {
    expect(parseRule({ id: 'cpu-hog', ...simplest })).toEqual({
      ok: true,
      value: { id: 'cpu-hog', ...simplest, clearSeconds: 10, maxPerHour: 6, armed: false, enabled: true, anyUser: false },
    });
  });

  it('takes every template of the page', () => {
    for (const template of RULE_TEMPLATES) expect(parseRuleSpec(template.rule)).toMatchObject({ ok: true });
  });

  it.each([
    ['a missing name', { ...simplest, name: undefined }, 'name'],
    ['an empty name', { ...simplest, name: '  ' }, 'name'],
    ['an unknown scope', { ...simplest, scope: 'galaxy' }, 'scope'],
    ['a metric of another scope', { ...simplest, scope: 'machine', match: undefined, metric: 'memoryGrowthBytesPerMin' }, 'metric'],
    ['no threshold', { ...simplest, above: undefined }, 'above'],
    ['two thresholds', { ...simplest, below: 5 }, 'above'],
    ['a threshold that is not a number', { ...simplest, above: '40' }, 'above'],
    ['an infinite threshold', { ...simplest, above: Number.POSITIVE_INFINITY }, 'above'],
    ['a negative duration', { ...simplest, forSeconds: -1 }, 'forSeconds'],
    ['a duration over a day', { ...simplest, forSeconds: 86_401 }, 'forSeconds'],
    ['maxPerHour 0', { ...simplest, maxPerHour: 0 }, 'maxPerHour'],
    ['an unknown field', { ...simplest, colour: 'red' }, ''],
    ['an unknown action', { ...simplest, actions: [{ type: 'reboot' }] }, 'actions.0'],
    ['raising a priority', { ...simplest, actions: [{ type: 'setPriority', priority: 'high' }] }, 'actions.0.priority'],
    ['five actions', { ...simplest, actions: Array.from({ length: 5 }, () => ({ type: 'setEfficiencyMode' })) }, 'actions'],
    ['suspend on a name alone', { ...simplest, actions: [{ type: 'suspend' }] }, 'actions'],
    ['end on any process', { ...simplest, match: undefined, actions: [{ type: 'end' }] }, 'actions'],
    ['an action on a machine rule', { name: 'x', scope: 'machine', metric: 'cpuPercent', above: 90, actions: [{ type: 'setEfficiencyMode' }] }, 'actions'],
    ['a start rule without a match', { name: 'x', scope: 'process', metric: 'started' }, 'match'],
    ['a start rule with a threshold', { name: 'x', scope: 'process', match: { name: 'a' }, metric: 'started', above: 1 }, 'above'],
    ['a baseline of a process', { ...simplest, above: undefined, baseline: { sigmas: 4 } }, 'baseline'],
    ['a baseline under 1 σ', { name: 'x', scope: 'app', metric: 'cpuPercent', baseline: { sigmas: 0.5 } }, 'baseline.sigmas'],
    ['an anomaly of one disk', { name: 'x', scope: 'machine', metric: 'diskBytesPerSec', match: { device: 'sda' }, baseline: { sigmas: 4 } }, 'match.device'],
    ['an anomaly of any app', { name: 'x', scope: 'app', metric: 'cpuPercent', baseline: { sigmas: 4 } }, 'match.app'],
    ['a device on a process rule', { ...simplest, match: { device: 'sda' } }, 'match.device'],
    ['a name on a machine rule', { name: 'x', scope: 'machine', match: { name: 'a' }, metric: 'cpuPercent', above: 9 }, 'match'],
  ])('refuses %s, naming the field', (_what, input, field) => {
    const result = parseRuleSpec(input);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    if (!result.ok) expect(result.message).toMatch(new RegExp(`^rule: ${field.replace('.', '\\.')}`));
  });

  it('takes suspend and end on a rule that matches by path or app, and an anomaly on an app or the machine', () => {
    expect(parseRuleSpec({ ...simplest, match: { path: '/usr/bin/burn' }, actions: [{ type: 'suspend' }, { type: 'end', force: true }] })).toMatchObject({ ok: true });
    expect(parseRuleSpec({ name: 'x', scope: 'app', match: { app: 'Chrome' }, metric: 'memoryBytes', above: 1e9, actions: [{ type: 'end' }] })).toMatchObject({ ok: true });
    expect(parseRuleSpec({ name: 'x', scope: 'app', match: { app: 'Chrome' }, metric: 'memoryBytes', baseline: { sigmas: 4 } })).toMatchObject({ ok: true });
    expect(parseRuleSpec({ name: 'x', scope: 'machine', metric: 'diskBytesPerSec', baseline: { sigmas: 4 } })).toMatchObject({ ok: true });
    expect(parseRuleSpec({ name: 'x', scope: 'machine', metric: 'networkBytesPerSec', match: { device: 'eth0' }, above: 1e6 })).toMatchObject({ ok: true });
  });

  it('refuses an id that is not 1–64 letters, digits, _ or -', () => {
    for (const id of ['', 'a b', 'x'.repeat(65), '../rules', 7]) expect(parseRule({ ...simplest, id })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });

  it('parses the rule commands: putRule with a whole rule, deleteRule and keepSuspended', () => {
    expect(parseCommand('putRule', { rule: { id: 'a', ...simplest } })).toMatchObject({ ok: true });
    expect(parseCommand('putRule', { rule: simplest })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(parseCommand('deleteRule', { id: 'a' })).toMatchObject({ ok: true });
    expect(parseCommand('deleteRule', { id: '../a' })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(parseCommand('keepSuspended', { alertId: 'a:1:1', pid: 5, startTimeMs: 1 })).toMatchObject({ ok: true });
  });
});
