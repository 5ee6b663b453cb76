import { describe, expect, it } from 'vitest';
import { HISTORY_STEPS_MS as SCHEMA_STEPS_MS, querySchema } from '../../src-shared/query-schema.ts';
import { gapMsOf, HISTORY_STEPS_MS, historyStepMs, RANGE_MS, rangeQuery, type PastRange } from './history-range.ts';

it('uses the steps the query schema allows', () => {
  expect(HISTORY_STEPS_MS).toEqual(SCHEMA_STEPS_MS);
});

describe('historyStepMs', () => {
  it.each([
    // range, step: the finest allowed step giving at most 1,500 points
    [RANGE_MS['1h'], 5_000],
    [RANGE_MS['24h'], 60_000],
    [RANGE_MS['7d'], 900_000],
    [RANGE_MS['30d'], 3_600_000],
    [60_000, 1_000], // a minute at 1 s: 60 points
    [1_500_000, 1_000], // exactly 1,500 points at 1 s
    [1_500_001, 5_000], // one ms more needs the next step
    [0, 1_000],
  ])('%i ms → %i ms', (rangeMs, step) => {
    expect(historyStepMs(rangeMs)).toBe(step);
  });

  it('answers the coarsest step when no step keeps the points under the limit', () => {
    expect(historyStepMs(10 * 365 * 86_400_000, 10)).toBe(86_400_000);
  });

  it('honours a smaller point budget', () => {
    expect(historyStepMs(RANGE_MS['1h'], 100)).toBe(60_000);
  });
});

describe('rangeQuery', () => {
  it.each<[PastRange, number]>([
    ['1h', 5_000],
    ['24h', 60_000],
    ['7d', 900_000],
    ['30d', 3_600_000],
  ])('%s ends on a whole step before now and spans the range', (range, stepMs) => {
    const nowMs = 1_780_000_123_456;
    const q = rangeQuery(range, nowMs);
    expect(q.stepMs).toBe(stepMs);
    expect(q.toMs % stepMs).toBe(0);
    expect(q.toMs).toBeLessThanOrEqual(nowMs);
    expect(nowMs - q.toMs).toBeLessThan(stepMs);
    expect(q.toMs - q.fromMs).toBe(RANGE_MS[range]);
    expect((q.toMs - q.fromMs) / q.stepMs).toBeLessThanOrEqual(1_500);
    expect(querySchema.safeParse(q).success).toBe(true);
  });
});

describe('gapMsOf', () => {
  it('is a step and a half', () => {
    expect(gapMsOf(60_000)).toBe(90_000);
  });
});
