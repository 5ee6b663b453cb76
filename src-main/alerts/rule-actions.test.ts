import { describe, expect, it } from 'vitest';
import type { RuleAction } from '../../src-shared/alerts.ts';
import { ActionRateLimit, decideAction, describeAction, MAX_ACTS_PER_MINUTE, notActedDetail, type ActionContext } from './rule-actions.ts';

const context: ActionContext = { isControlAllowed: true, ownPids: new Set([50]), ownUser: 'me' };

describe('action decisions', () => {
  it.each<[string, { armed: boolean; anyUser: boolean }, { pid: number; user: string | null }, Partial<ActionContext>, string, string | null]>([
    ['armed, own user, control allowed', { armed: true, anyUser: false }, { pid: 7, user: 'me' }, {}, 'act', null],
    ["this app's own process, even with anyUser", { armed: true, anyUser: true }, { pid: 50, user: 'me' }, {}, 'skipped', "this app's own process"],
    ["another user's process", { armed: true, anyUser: false }, { pid: 7, user: 'root' }, {}, 'skipped', "another user's process: the rule does not have anyUser"],
    ["another user's process with anyUser", { armed: true, anyUser: true }, { pid: 7, user: 'root' }, {}, 'act', null],
    ['an unknown owner', { armed: true, anyUser: false }, { pid: 7, user: null }, {}, 'skipped', "the process's owner is not known: the rule does not have anyUser"],
    ['our own user unknown', { armed: true, anyUser: false }, { pid: 7, user: 'me' }, { ownUser: null }, 'skipped', "the process's owner is not known: the rule does not have anyUser"],
    ['not armed', { armed: false, anyUser: false }, { pid: 7, user: 'me' }, {}, 'dryRun', 'the rule is not armed'],
    ['control not allowed', { armed: true, anyUser: false }, { pid: 7, user: 'me' }, { isControlAllowed: false }, 'dryRun', 'control is not allowed here (serve --allow-control)'],
  ])('%s', (_, rule, row, overrides, decision, reason) => {
    expect(decideAction(rule, row, { ...context, ...overrides })).toEqual({ decision, reason });
  });

  it.each<[RuleAction, string]>([
    [{ type: 'setPriority', priority: 'belowNormal' }, 'set priority to below normal'],
    [{ type: 'setPriority', priority: 'idle' }, 'set priority to idle'],
    [{ type: 'setEfficiencyMode' }, 'put in efficiency mode'],
    [{ type: 'suspend' }, 'suspend'],
    [{ type: 'end', force: true }, 'end (forced)'],
  ])('%j is described as %s', (action, words) => expect(describeAction(action)).toBe(words));

  it('explains a dry run and a skip', () => {
    expect(notActedDetail({ type: 'setPriority', priority: 'belowNormal' }, 'dryRun', 'the rule is not armed')).toBe('dry run: would set priority to below normal — the rule is not armed');
    expect(notActedDetail({ type: 'suspend' }, 'skipped', "this app's own process")).toBe("skipped: this app's own process");
  });

  it('lets 20 actions act in a sliding minute', () => {
    const limit = new ActionRateLimit();
    const at0 = Array.from({ length: MAX_ACTS_PER_MINUTE + 3 }, () => limit.take(0));
    expect(at0.filter(Boolean).length).toBe(MAX_ACTS_PER_MINUTE);
    expect(limit.take(59_999)).toBe(false);
    expect(limit.take(60_000)).toBe(true);
  });
});
