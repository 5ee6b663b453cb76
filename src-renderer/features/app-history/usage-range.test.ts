import { describe, expect, it } from 'vitest';
import { MAX_HISTORY_RANGE_MS } from '../../../src-shared/query-schema.ts';
import { appHistoryStrings } from './app-history-strings.ts';
import { localInputValue, MAX_USAGE_RANGE_MS, parseCustomRange, rangeOfChoice } from './usage-range.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// A moment with milliseconds in it: a preset's end is cut to the second.
const NOW = new Date(2026, 11, 5, 3, 15, 42, 987).getTime();
const NOW_SEC = NOW - 987;
const why = appHistoryStrings.customInvalid;

describe('rangeOfChoice', () => {
  it.each([
    ['1h', HOUR],
    ['24h', DAY],
    ['7d', 7 * DAY],
    ['30d', 30 * DAY],
  ] as const)('%s ends now, to the second, and spans its length', (preset, spanMs) => {
    expect(rangeOfChoice({ kind: 'preset', preset }, NOW)).toEqual({ fromMs: NOW_SEC - spanMs, toMs: NOW_SEC });
  });

  it('a custom range is itself, whatever the time', () => {
    expect(rangeOfChoice({ kind: 'custom', range: { fromMs: 5, toMs: 9 } }, NOW)).toEqual({ fromMs: 5, toMs: 9 });
  });
});

describe('parseCustomRange', () => {
  const at = (hours: number, minutes = 0) => localInputValue(new Date(2026, 11, 5, hours, minutes, 0).getTime());
  const ms = (hours: number, minutes = 0) => new Date(2026, 11, 5, hours, minutes, 0).getTime();
  it.each([
    ['03:00 to 03:15 (a quarter hour ago)', at(3, 0), at(3, 15), { ok: true, range: { fromMs: ms(3, 0), toMs: ms(3, 15) } }],
    ['minutes only, as a browser may give', '2026-12-05T02:00', '2026-12-05T02:30', { ok: true, range: { fromMs: ms(2, 0), toMs: ms(2, 30) } }],
    ['an end in the future is now', at(2), at(9), { ok: true, range: { fromMs: ms(2), toMs: NOW_SEC } }],
    ['a start left empty', '', at(3), { ok: false, message: why.missing }],
    ['an end that is no time', at(1), 'soon', { ok: false, message: why.missing }],
    ['inverted', at(3, 15), at(3, 0), { ok: false, message: why.inverted }],
    ['empty (start = end)', at(3), at(3), { ok: false, message: why.inverted }],
    ['a start in the future', at(4), at(5), { ok: false, message: why.future }],
    ['longer than a year', '2025-01-01T00:00', at(3), { ok: false, message: why.tooLong }],
  ])('%s', (_name, from, to, expected) => {
    expect(parseCustomRange(from, to, NOW)).toEqual(expected);
  });

  it('allows what the host’s schema allows, no more', () => {
    expect(MAX_USAGE_RANGE_MS).toBe(MAX_HISTORY_RANGE_MS);
  });
});

describe('localInputValue', () => {
  it('writes local time as a datetime-local field reads it back', () => {
    const value = localInputValue(NOW_SEC);
    expect(value).toMatch(/^2026-12-05T03:15:42$/);
    expect(new Date(value).getTime()).toBe(NOW_SEC);
  });
});
