import { describe, expect, it } from 'vitest';
import type { Rule, RuleState } from '../../../src-shared/alerts.ts';
import { ruleFixture } from '../../../src-shared/testing/fixtures.ts';
import { describeActions, describeCondition, describeMatch, describeState } from './rule-describe.ts';

const rule = (over: Partial<Rule>): Rule => ruleFixture({ name: 'r', ...over });

describe('describeCondition', () => {
  it.each([
    ['CPU above 40 % for 3 s', rule({})],
    ['Available memory below 500 MB for 30 s', rule({ scope: 'machine', metric: 'memoryAvailableBytes', above: undefined, below: 500 * 1024 * 1024, forSeconds: 30 })],
    ['Memory growth above 50 MB/min for 600 s', rule({ metric: 'memoryGrowthBytesPerMin', above: 50 * 1024 * 1024, forSeconds: 600 })],
    ['Disk read + write above 2 MB/s', rule({ scope: 'machine', metric: 'diskBytesPerSec', above: 2 * 1024 * 1024, forSeconds: 0 })],
    ['Memory far above its usual for the hour (mean + 4 σ) for 60 s', rule({ scope: 'app', metric: 'memoryBytes', above: undefined, baseline: { sigmas: 4 }, forSeconds: 60 })],
    ['Started', rule({ metric: 'started', above: undefined, forSeconds: 0 })],
  ])('%s', (expected, r) => {
    expect(describeCondition(r)).toBe(expected);
  });
});

describe('describeMatch', () => {
  it.each([
    ['name burn', rule({ match: { name: 'burn' } })],
    ['name burn, path /tmp/burn', rule({ match: { name: 'burn', path: '/tmp/burn' } })],
    ['any process', rule({})],
    ['any device', rule({ scope: 'machine' })],
  ])('%s', (expected, r) => {
    expect(describeMatch(r)).toBe(expected);
  });
});

describe('describeActions and describeState', () => {
  it('says whether a rule acts or only records', () => {
    expect(describeActions(rule({}))).toBe('Alert only');
    expect(describeActions(rule({ actions: [{ type: 'setPriority', priority: 'belowNormal' }] }))).toBe('Lower priority to below normal (dry run)');
    expect(describeActions(rule({ actions: [{ type: 'setEfficiencyMode' }, { type: 'suspend' }], armed: true }))).toBe('Efficiency mode, Suspend (armed)');
  });

  it('gives an inactive rule’s reason', () => {
    const state: RuleState = { ruleId: 'r', state: 'inactive', reason: 'GPU utilisation is not measured on this machine', activeCount: 0, lastFiredAtMs: null, firedLastHour: 0, suppressedLastHour: 0 };
    expect(describeState(state)).toBe('Inactive: GPU utilisation is not measured on this machine');
    expect(describeState({ ...state, state: 'watching', reason: null })).toBe('Watching');
  });
});
