import { describe, expect, it } from 'vitest';
import { failure } from '../../src-shared/commands.ts';
import { manyOutcome, newestFirst } from './many-outcome.ts';

const a = { pid: 10, startTimeMs: 100 };
const b = { pid: 11, startTimeMs: 200 };

describe('manyOutcome', () => {
  it('lists what was done and what failed, with codes, when any was done', () => {
    expect(manyOutcome([a, b], [{ ok: true }, failure('ACCESS_DENIED', 'no')], 'Ending the app')).toEqual({
      ok: true,
      done: [a],
      gone: [],
      failed: [{ ...b, code: 'ACCESS_DENIED', message: 'no' }],
    });
  });

  it('answers the first refusal when nothing was done', () => {
    expect(manyOutcome([a, b], [failure('ACCESS_DENIED', 'no'), failure('PROTECTED', 'system')], 'x')).toEqual(failure('ACCESS_DENIED', 'no'));
    expect(manyOutcome([a, b], [failure('NOT_FOUND', 'exited'), failure('ACCESS_DENIED', 'no')], 'x')).toEqual(failure('ACCESS_DENIED', 'no'));
  });

  it('lists a target that exited before its turn (NOT_FOUND, or STALE_PID: its pid reused) as gone, not failed', () => {
    expect(manyOutcome([a, b], [failure('NOT_FOUND', 'exited'), { ok: true }], 'Ending the process tree')).toEqual({ ok: true, done: [b], gone: [a], failed: [] });
    expect(manyOutcome([a, b], [failure('STALE_PID', 'reused'), failure('NOT_FOUND', 'exited')], 'Ending the app')).toEqual({ ok: true, done: [], gone: [a, b], failed: [] });
  });

  it('answers NOT_FOUND for no targets at all', () => {
    expect(manyOutcome([], [], 'Ending the app')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('keeps only pid and start time of each target (the answer is a strict schema)', () => {
    const wide = { pid: 12, startTimeMs: 300, name: 'x' } as typeof a;
    expect(manyOutcome([wide], [{ ok: true }], 'x')).toEqual({ ok: true, done: [{ pid: 12, startTimeMs: 300 }], gone: [], failed: [] });
  });
});

describe('newestFirst', () => {
  it('orders by start time, newest first, then by pid', () => {
    expect(newestFirst([a, b, { pid: 9, startTimeMs: 200 }])).toEqual([b, { pid: 9, startTimeMs: 200 }, a]);
  });
});
