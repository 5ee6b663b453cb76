import { describe, expect, it } from 'vitest';
import type { AlertActionOutcome } from '../../src-shared/alerts.ts';
import type { CommandResult } from '../../src-shared/commands.ts';
import { failure } from '../../src-shared/results.ts';
import { notActedNote, outcomeNote, outcomeOfResult } from './alert-actions.ts';

const target = { pid: 42, startTimeMs: 7, name: 'burn' };
const lower = { type: 'setPriority', priority: 'belowNormal' } as const;

describe('alert actions: outcomes and their notes (pure)', () => {
  it.each<[string, CommandResult, AlertActionOutcome['outcome'], string, string]>([
    ['success', { ok: true }, 'done', 'set priority to below normal', 'CPU hog: set priority to below normal: done'],
    ['a failure', failure('STALE_PID', 'pid 42 now belongs to another process'), 'failed', 'STALE_PID — pid 42 now belongs to another process', 'CPU hog: set priority to below normal: STALE_PID — pid 42 now belongs to another process'],
    ['several, all done', { ok: true, done: [{ pid: 42, startTimeMs: 7 }], gone: [], failed: [] }, 'done', 'set priority to below normal', 'CPU hog: set priority to below normal: done'],
    ['several, one failed', { ok: true, done: [], gone: [], failed: [{ pid: 42, startTimeMs: 7, code: 'ACCESS_DENIED', message: 'not yours' }] }, 'failed', 'ACCESS_DENIED — not yours', 'CPU hog: set priority to below normal: ACCESS_DENIED — not yours'],
  ])('a result: %s', (_, result, outcome, detail, note) => {
    const recorded = outcomeOfResult(lower, target, result, 5);
    expect(recorded).toEqual({ action: lower, target, outcome, detail, atMs: 5 });
    expect(outcomeNote('CPU hog', recorded)).toBe(note);
  });

  it('a dry run and a skip are noted in the words the alert has', () => {
    const base = { alertId: 'a:1:1', ruleId: 'a', action: lower, target };
    expect(notActedNote('CPU hog', { ...base, decision: 'dryRun', reason: 'the rule is not armed' })).toBe('CPU hog: dry run: would set priority to below normal — the rule is not armed');
    expect(notActedNote('CPU hog', { ...base, decision: 'skipped', reason: "this app's own process" })).toBe("CPU hog: skipped: this app's own process");
  });
});
