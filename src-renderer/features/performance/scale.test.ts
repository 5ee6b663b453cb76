import { describe, expect, it } from 'vitest';
import { fixedMax, MIN_BIT_RATE_MAX, MIN_RATE_MAX, niceBinaryMax, niceDecimalMax } from './scale.ts';

describe('niceBinaryMax', () => {
  it('is the floor for no values, unknown values or all zeros', () => {
    expect(niceBinaryMax([])).toBe(MIN_RATE_MAX);
    expect(niceBinaryMax([null, null])).toBe(MIN_RATE_MAX);
    expect(niceBinaryMax([0, 0, 0])).toBe(MIN_RATE_MAX);
    expect(niceBinaryMax([Number.NaN, Infinity])).toBe(MIN_RATE_MAX);
  });

  it('rounds the largest value up to 1, 2 or 5 × a power of ten of a binary unit', () => {
    expect(niceBinaryMax([1500])).toBe(2 * 1024);
    expect(niceBinaryMax([3 * 1024, null, 100])).toBe(5 * 1024);
    expect(niceBinaryMax([60 * 1024])).toBe(100 * 1024);
    expect(niceBinaryMax([600 * 1024])).toBe(1024 * 1024);
    expect(niceBinaryMax([1.1 * 1024 * 1024])).toBe(2 * 1024 * 1024);
    expect(niceBinaryMax([1024 * 1024])).toBe(1024 * 1024);
  });

  it('keeps a value that is already nice', () => {
    expect(niceBinaryMax([5 * 1024])).toBe(5 * 1024);
  });

  it('takes another floor when given', () => {
    expect(niceBinaryMax([10], 100)).toBe(100);
    expect(niceBinaryMax([150], 100)).toBe(200);
  });
});

describe('fixedMax', () => {
  it('is the size where known and positive, else 1 (never a 0-high axis)', () => {
    expect(fixedMax(8e9)).toBe(8e9);
    expect(fixedMax(0)).toBe(1);
    expect(fixedMax(null)).toBe(1);
    expect(fixedMax(Number.NaN)).toBe(1);
  });
});

describe('niceDecimalMax', () => {
  it.each([
    [[], MIN_BIT_RATE_MAX],
    [[null, Number.NaN, Infinity], MIN_BIT_RATE_MAX],
    [[0, 9_999], MIN_BIT_RATE_MAX],
    [[10_001], 20_000],
    [[30_000, null], 50_000],
    [[60_000], 100_000],
    [[100_000], 100_000],
    [[1_100_000], 2_000_000],
    [[4_999_999, 12], 5_000_000],
    [[8e9], 1e10],
  ] as const)('%j → %s', (values, top) => {
    expect(niceDecimalMax(values)).toBe(top);
  });

  it('is at least the largest value, so no point is drawn past the top', () => {
    for (const max of [12_345, 987_654, 3.3e8]) expect(niceDecimalMax([max])).toBeGreaterThanOrEqual(max);
  });
});
