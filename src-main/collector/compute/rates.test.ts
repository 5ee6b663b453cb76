import { describe, expect, it } from 'vitest';
import { activePercent, bytesPerSec } from './rates.ts';

describe('bytesPerSec', () => {
  it.each([
    { name: '2 MiB in 1 s', prev: 1_000_000, next: 1_000_000 + 2 * 1024 * 1024, intervalMs: 1000, expected: 2 * 1024 * 1024 },
    { name: '4096 bytes in half a second is 8192/s', prev: 1000, next: 5096, intervalMs: 500, expected: 8192 },
    { name: 'a counter that did not move is 0/s', prev: 644_992_918, next: 644_992_918, intervalMs: 1000, expected: 0 },
    { name: 'a 2-second tick halves the rate', prev: 0, next: 3000, intervalMs: 2000, expected: 1500 },
    { name: 'first sample (no previous reading)', prev: undefined, next: 5000, intervalMs: 1000, expected: null },
    { name: 'previous reading unknown (permissions)', prev: null, next: 5000, intervalMs: 1000, expected: null },
    { name: 'next reading unknown (permissions)', prev: 5000, next: null, intervalMs: 1000, expected: null },
    { name: 'zero interval', prev: 0, next: 5000, intervalMs: 0, expected: null },
    { name: 'negative interval', prev: 0, next: 5000, intervalMs: -1000, expected: null },
    { name: 'counter went backwards (interface reset, 32-bit wrap)', prev: 4_294_967_000, next: 1200, intervalMs: 1000, expected: null },
  ])('$name', ({ prev, next, intervalMs, expected }) => {
    expect(bytesPerSec(prev, next, intervalMs)).toBe(expected);
  });

  it('divides by the measured interval', () => {
    expect(bytesPerSec(0, 1_000_000, 987)).toBeCloseTo(1_000_000_000 / 987, 6);
  });
});

describe('activePercent', () => {
  it.each([
    { name: 'busy a quarter of the second', prev: 5264, next: 5514, intervalMs: 1000, expected: 25 },
    { name: 'idle disk is 0, not null', prev: 5264, next: 5264, intervalMs: 1000, expected: 0 },
    { name: 'busy the whole interval', prev: 0, next: 1000, intervalMs: 1000, expected: 100 },
    { name: 'overlapping requests / clock skew past 100 are capped', prev: 0, next: 1012, intervalMs: 1000, expected: 100 },
    { name: 'first sample', prev: undefined, next: 5264, intervalMs: 1000, expected: null },
    { name: 'previous unknown', prev: null, next: 5264, intervalMs: 1000, expected: null },
    { name: 'zero interval', prev: 0, next: 10, intervalMs: 0, expected: null },
    { name: 'counter went backwards (device re-attached)', prev: 5264, next: 12, intervalMs: 1000, expected: null },
    { name: 'no busy counter now (the OS gives the share itself, Windows)', prev: 5264, next: null, intervalMs: 1000, expected: null },
  ])('$name', ({ prev, next, intervalMs, expected }) => {
    expect(activePercent(prev, next, intervalMs)).toBe(expected);
  });
});
