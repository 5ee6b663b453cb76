import { describe, expect, it } from 'vitest';
import { processGpuPercent } from './gpu.ts';

const engines = (entries: Record<string, number>): Map<string, number> => new Map(Object.entries(entries));

/** amdgpu fdinfo counters (ns) of one client. */
const before = engines({ gfx: 1_873_543_456, compute: 0, dec: 10_000_000, enc: 0 });

describe('processGpuPercent', () => {
  it.each([
    {
      name: 'the busiest engine is the process\'s GPU % (Task Manager semantics)',
      next: engines({ gfx: 1_873_543_456 + 250_000_000, compute: 0, dec: 10_000_000 + 500_000_000, enc: 0 }),
      intervalMs: 1000,
      expected: 50,
    },
    {
      name: 'a 500 ms tick',
      next: engines({ gfx: 1_873_543_456 + 100_000_000, compute: 0, dec: 10_000_000, enc: 0 }),
      intervalMs: 500,
      expected: 20,
    },
    {
      name: 'an idle client reads 0, not null',
      next: before,
      intervalMs: 1000,
      expected: 0,
    },
    {
      name: 'an engine with several instances (video ×2) past 100 is capped',
      next: engines({ gfx: 1_873_543_456, compute: 0, dec: 10_000_000 + 1_800_000_000, enc: 0 }),
      intervalMs: 1000,
      expected: 100,
    },
    {
      name: 'an engine that went backwards is skipped, the others still count',
      next: engines({ gfx: 5, compute: 0, dec: 10_000_000 + 300_000_000, enc: 0 }),
      intervalMs: 1000,
      expected: 30,
    },
    {
      name: 'an engine new in this sample is skipped',
      next: engines({ gfx: 1_873_543_456 + 100_000_000, compute: 0, dec: 10_000_000, enc: 0, enc_1: 900_000_000 }),
      intervalMs: 1000,
      expected: 10,
    },
  ])('$name', ({ next, intervalMs, expected }) => {
    expect(processGpuPercent(before, next, intervalMs)).toBe(expected);
  });

  it.each([
    { name: 'first sample (no previous counters)', prev: undefined, next: before, intervalMs: 1000 },
    { name: 'no previous counters (process did not use the GPU)', prev: null, next: before, intervalMs: 1000 },
    { name: 'the process closed its GPU fd', prev: before, next: null, intervalMs: 1000 },
    { name: 'zero interval', prev: before, next: before, intervalMs: 0 },
    { name: 'negative interval', prev: before, next: before, intervalMs: -10 },
    { name: 'every engine went backwards (a new client with the same pid)', prev: before, next: engines({ gfx: 1, dec: 2 }), intervalMs: 1000 },
    { name: 'no engine in common', prev: before, next: engines({ render: 5_000_000 }), intervalMs: 1000 },
  ])('null when $name', ({ prev, next, intervalMs }) => {
    expect(processGpuPercent(prev, next, intervalMs)).toBeNull();
  });

  it('is exact for a jittered interval', () => {
    const next = engines({ gfx: 1_873_543_456 + 333_000_000 });
    expect(processGpuPercent(before, next, 1017)).toBeCloseTo((333_000_000 / 1_017_000_000) * 100, 10);
  });
});
