import { describe, expect, it } from 'vitest';
import { fixedMax, MIN_RATE_MAX, niceBinaryMax } from './scale.ts';

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
