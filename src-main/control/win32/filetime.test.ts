import { describe, expect, it } from 'vitest';
import { startTimeMsFromFiletime } from '../../collector/compute/start-time.ts';
import { epochMsToFileTime, fileTimeFromHalves } from './filetime.ts';

describe('fileTimeFromHalves', () => {
  it('puts the high DWORD above the low one', () => {
    expect(fileTimeFromHalves(0x89ab_cdef, 0x0123_4567)).toBe(0x0123_4567_89ab_cdefn);
  });

  it('reads halves that arrive as negative int32 values as unsigned', () => {
    expect(fileTimeFromHalves(-1, -1)).toBe(0xffff_ffff_ffff_ffffn);
  });

  it('gives the collector’s start time back for a FILETIME built from its halves', () => {
    const fileTime = epochMsToFileTime(1_700_000_000_123) + 9_999n; // 0.9999 ms more: floored away
    const low = Number(fileTime & 0xffff_ffffn);
    const high = Number(fileTime >> 32n);
    expect(startTimeMsFromFiletime(fileTimeFromHalves(low, high), 0)).toBe(1_700_000_000_123);
  });
});

describe('epochMsToFileTime', () => {
  it.each([
    [0, 116_444_736_000_000_000n],
    [1, 116_444_736_000_010_000n],
    [1_700_000_000_123, 133_444_736_001_230_000n],
  ])('%d ms → %s', (epochMs, fileTime) => {
    expect(epochMsToFileTime(epochMs)).toBe(fileTime);
  });
});
