import { describe, expect, it } from 'vitest';
import { BASELINE_DAYS } from '../../src-shared/alerts.ts';
import type { Failure } from '../../src-shared/results.ts';
import type { BaselineSample, BaselineSampleQuery } from '../history/history-baseline-reads.ts';
import { AlertBaselines, hourWindows } from './alert-baselines.ts';
import type { BaselineRequest, RuleEvaluator } from './evaluation.ts';

const NOW_MS = Date.UTC(2026, 2, 15, 14, 30);

describe('hourWindows', () => {
  it(`the same local hour on each of the ${BASELINE_DAYS} days before today, oldest first, never today`, () => {
    const hour = new Date(NOW_MS).getHours();
    const windows = hourWindows(NOW_MS, hour);
    expect(windows).toHaveLength(BASELINE_DAYS);
    const today = new Date(NOW_MS);
    for (const [i, w] of windows.entries()) {
      const from = new Date(w.fromMs);
      expect([from.getHours(), from.getMinutes()]).toEqual([hour, 0]);
      expect(new Date(w.toMs).getHours()).toBe((hour + 1) % 24);
      const daysBack = Math.round((new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime() - new Date(from.getFullYear(), from.getMonth(), from.getDate()).getTime()) / 86_400_000);
      expect(daysBack).toBe(BASELINE_DAYS - i);
    }
  });
});

describe('AlertBaselines', () => {
  const request = (hourOfDay: number): BaselineRequest => ({ key: `app:memoryBytes:Chrome:${hourOfDay}`, scope: 'app', metric: 'memoryBytes', app: 'Chrome', hourOfDay });
  const evaluator = { baselineRequests: (hour: number) => [request(hour)] } as Pick<RuleEvaluator, 'baselineRequests'> as RuleEvaluator;

  it('asks history for the app and the hour; a read that answers after the hour changed is dropped, and the new hour is read', async () => {
    const asked: BaselineSampleQuery[] = [];
    const settle: ((answer: { ok: true; value: BaselineSample[] } | Failure) => void)[] = [];
    const baselines = new AlertBaselines({
      evaluator,
      history: { readBaselineSamples: (query) => (asked.push(query), new Promise((resolve) => settle.push(resolve))) },
      log: () => undefined,
    });
    baselines.atHour(9, NOW_MS);
    baselines.atHour(9, NOW_MS + 1_000);
    expect(asked.map((q) => [q.scope, q.metric, q.app, q.windows.length])).toEqual([['app', 'memoryBytes', 'Chrome', BASELINE_DAYS]]);
    baselines.atHour(10, NOW_MS + 3_600_000);
    settle[0]?.({ ok: true, value: [{ atMs: 1, value: 5 }] });
    await Promise.resolve();
    expect(baselines.answers().get(request(9).key)).toBeUndefined();
    expect(baselines.answers().get(request(10).key)).toEqual({ state: 'reading' });
    settle[1]?.({ ok: false, code: 'HISTORY_OFF', message: 'the disk is full' });
    await Promise.resolve();
    expect(baselines.answers().get(request(10).key)).toEqual({ state: 'missing', reason: 'history could not be read: the disk is full' });
  });
});
