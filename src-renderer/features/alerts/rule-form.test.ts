import { describe, expect, it } from 'vitest';
import type { RuleScope } from '../../../src-shared/alerts.ts';
import { conditionsOf, fieldOf, newRuleId, type FormField } from './rule-form.ts';

describe('fieldOf', () => {
  it.each<[PropertyKey[], RuleScope, FormField]>([
    [['name'], 'process', 'name'],
    [['id'], 'process', 'name'],
    [['above'], 'process', 'threshold'],
    [['below'], 'machine', 'threshold'],
    [['baseline'], 'app', 'threshold'],
    [['baseline', 'sigmas'], 'app', 'sigmas'],
    [['match'], 'process', 'matchName'],
    [['match'], 'app', 'matchApp'],
    [['match'], 'machine', 'matchDevice'],
    [['match', 'path'], 'process', 'matchPath'],
    [['match', 'app'], 'app', 'matchApp'],
    [['actions', 0, 'priority'], 'process', 'actions'],
    [['forSeconds'], 'process', 'forSeconds'],
    [[], 'process', 'form'],
  ])('%j of a %s rule: %s', (path, scope, field) => {
    expect(fieldOf(path, scope)).toBe(field);
  });
});

describe('conditionsOf', () => {
  it.each([
    ['process', 'cpuPercent', ['above', 'below']],
    ['app', 'memoryBytes', ['above', 'below', 'baseline']],
    ['machine', 'gpuPercent', ['above', 'below']],
    ['process', 'started', []],
  ] as const)('%s %s: %j', (scope, metric, expected) => {
    expect(conditionsOf(scope, metric)).toEqual(expected);
  });
});

describe('newRuleId', () => {
  it.each([
    ['CPU hog', 'cpu-hog-'],
    ['  Überwachung!! ', 'berwachung-'],
    ['***', 'rule-'],
  ])('%s', (name, prefix) => {
    const id = newRuleId(name, 1_700_000_000_000);
    expect(id.startsWith(prefix)).toBe(true);
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});
