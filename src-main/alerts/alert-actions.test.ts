import { describe, expect, it } from 'vitest';
import type { AlertActionOutcome, RuleAction } from '../../src-shared/alerts.ts';
import type { CommandResult } from '../../src-shared/commands.ts';
import { failure } from '../../src-shared/results.ts';
import { actionText, outcomeNote, outcomeOfIntent, outcomeOfResult } from './alert-actions.ts';

const target = { pid: 42, startTimeMs: 7, name: 'burn' };

describe('alert actions in words (pure)', () => {
  it.each<[RuleAction, string]>([
    [{ type: 'setEfficiencyMode' }, 'set efficiency mode'],
    [{ type: 'setPriority', priority: 'belowNormal' }, 'set priority to below normal'],
    [{ type: 'setPriority', priority: 'idle' }, 'set priority to idle'],
    [{ type: 'suspend' }, 'suspend'],
    [{ type: 'end' }, 'end'],
    [{ type: 'end', force: true }, 'end (forced)'],
  ])('%j is "%s"', (action, text) => expect(actionText(action)).toBe(text));

  it.each<[string, CommandResult, AlertActionOutcome['outcome'], string]>([
    ['success', { ok: true }, 'done', 'set efficiency mode'],
    ['a failure', failure('STALE_PID', 'process 42 is another process now'), 'failed', 'STALE_PID — process 42 is another process now'],
    ['several, all done', { ok: true, done: [{ pid: 42, startTimeMs: 7 }], gone: [], failed: [] }, 'done', 'set efficiency mode'],
    ['several, one failed', { ok: true, done: [], gone: [], failed: [{ pid: 42, startTimeMs: 7, code: 'ACCESS_DENIED', message: 'not yours' }] }, 'failed', 'ACCESS_DENIED — not yours'],
  ])('a result: %s', (_, result, outcome, detail) => {
    expect(outcomeOfResult({ type: 'setEfficiencyMode' }, target, result, 5)).toEqual({ action: { type: 'setEfficiencyMode' }, target, outcome, detail, atMs: 5 });
  });

  it('a dry run and a skip are recorded with their reasons, and noted for history', () => {
    const base = { alertId: 'a:1:1', ruleId: 'a', action: { type: 'setPriority', priority: 'idle' } as const, target };
    const dry = outcomeOfIntent({ ...base, decision: 'dryRun', reason: 'control is not allowed (--allow-control)' }, 9);
    expect(dry).toMatchObject({ outcome: 'dryRun', detail: 'dry run: control is not allowed (--allow-control)', atMs: 9 });
    expect(outcomeNote('CPU hog', dry)).toBe('CPU hog: dry run: set priority to idle (control is not allowed (--allow-control))');
    const skipped = outcomeOfIntent({ ...base, decision: 'skipped', reason: "this app's own process" }, 9);
    expect(outcomeNote('CPU hog', skipped)).toBe("CPU hog: skipped: set priority to idle (this app's own process)");
    expect(outcomeNote('CPU hog', outcomeOfResult(base.action, target, failure('PROTECTED', 'a system process'), 9))).toBe('CPU hog: set priority to idle: PROTECTED — a system process');
  });
});
