import { describe, expect, it } from 'vitest';
import { diskResponseTimeMs, windowsResponseTimeMs } from './disk-response.ts';

// Counters recorded from /proc/diskstats of a vda (reads + writes completed, ms reading + ms writing), one second apart.
const VDA_BEFORE = { transfers: 35_147 + 7987, transferMs: 5335 + 11_728 };

describe('diskResponseTimeMs (iostat await)', () => {
  it.each([
    {
      name: '40 transfers that took 100 ms together average 2.5 ms',
      prev: VDA_BEFORE,
      next: { transfers: VDA_BEFORE.transfers + 40, transferMs: VDA_BEFORE.transferMs + 100 },
      expected: 2.5,
    },
    {
      name: 'one slow fsync: 1 transfer of 37 ms',
      prev: VDA_BEFORE,
      next: { transfers: VDA_BEFORE.transfers + 1, transferMs: VDA_BEFORE.transferMs + 37 },
      expected: 37,
    },
    {
      name: 'transfers that completed within the same ms read 0 ms, a real figure',
      prev: VDA_BEFORE,
      next: { transfers: VDA_BEFORE.transfers + 3, transferMs: VDA_BEFORE.transferMs },
      expected: 0,
    },
    {
      name: 'queued requests overlap: the ms sum may pass the interval (32 in flight × 50 ms)',
      prev: { transfers: 0, transferMs: 0 },
      next: { transfers: 640, transferMs: 32_000 },
      expected: 50,
    },
    { name: 'no transfer completed: no response time (not 0 ms)', prev: VDA_BEFORE, next: VDA_BEFORE, expected: null },
    {
      name: 'ms moved but no transfer completed (a long request still in flight at the first read): null',
      prev: VDA_BEFORE,
      next: { transfers: VDA_BEFORE.transfers, transferMs: VDA_BEFORE.transferMs + 12 },
      expected: null,
    },
    {
      name: 'transfer count went backwards (device re-attached): null',
      prev: VDA_BEFORE,
      next: { transfers: 12, transferMs: 40 },
      expected: null,
    },
    {
      name: 'ms counter wrapped (32-bit unsigned long) while transfers advanced: null',
      prev: { transfers: 1000, transferMs: 4_294_967_000 },
      next: { transfers: 1010, transferMs: 200 },
      expected: null,
    },
    { name: 'first sample (no previous reading)', prev: undefined, next: VDA_BEFORE, expected: null },
    { name: 'previous reading unknown', prev: null, next: VDA_BEFORE, expected: null },
    { name: 'next reading unknown', prev: VDA_BEFORE, next: null, expected: null },
  ])('$name', ({ prev, next, expected }) => {
    expect(diskResponseTimeMs(prev, next)).toBe(expected);
  });
});

describe('windowsResponseTimeMs (PDH Avg. Disk sec/Transfer)', () => {
  it.each([
    { name: '0.0042 s per transfer is 4.2 ms', seconds: 0.0042, prev: 1000, next: 1050, expected: 4.2 },
    { name: 'PDH reads 0 for an idle interval: no transfer, so null', seconds: 0, prev: 1000, next: 1000, expected: null },
    { name: 'transfers so fast PDH rounds them to 0 s: 0 ms, a real figure', seconds: 0, prev: 1000, next: 1001, expected: 0 },
    { name: 'first sample (no previous count)', seconds: 0.002, prev: undefined, next: 1000, expected: null },
    { name: 'transfer count unknown', seconds: 0.002, prev: null, next: null, expected: null },
    { name: 'count went backwards (disk re-attached)', seconds: 0.002, prev: 1000, next: 5, expected: null },
    { name: 'average unknown (first collection, counter missing)', seconds: null, prev: 1000, next: 1050, expected: null },
    { name: 'a torn negative average', seconds: -0.5, prev: 1000, next: 1050, expected: null },
  ])('$name', ({ seconds, prev, next, expected }) => {
    const value = windowsResponseTimeMs(seconds, prev, next);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 9);
  });
});
