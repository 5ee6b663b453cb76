import { describe, expect, it } from 'vitest';
import type { Failure } from '../../../src-shared/results.ts';
import type { HistoryPoint } from '../../store/history.ts';
import type { TimeWindow } from '../../store/chart-zoom.ts';
import { formatClock } from '../../format.ts';
import type { HistoryRange } from '../../store/history-range.ts';
import type { RangeSeries } from '../../store/time-travel-slice.ts';
import { historyStrings } from '../../history-strings.ts';
import { chartHistory } from './use-chart-history.ts';

const live: HistoryPoint[] = [];
const series = (points: number): RangeSeries => ({
  range: '24h',
  fromMs: 0,
  toMs: 86_400_000,
  stepMs: 60_000,
  points: Array.from({ length: points }, (_, i) => ({ takenAtMs: i * 60_000 }) as HistoryPoint),
});
const state = (historyRange: HistoryRange, rangeSeries: RangeSeries | null, rangeError: Failure | null = null) => ({
  history: live,
  historyWindowSec: 60 as const,
  historyRange,
  rangeSeries,
  rangeError,
  rangeZoom: null as TimeWindow | null,
});

describe('chartHistory', () => {
  it.each<[string, ReturnType<typeof state>, string | null]>([
    ['live draws the live window', state('live', null), null],
    ['a range being read', state('24h', null), historyStrings.loading],
    ['recording off', state('24h', null, { ok: false, code: 'HISTORY_OFF', message: 'off' }), historyStrings.off],
    ['nothing in the range', state('24h', null, { ok: false, code: 'NO_HISTORY', message: 'none' }), historyStrings.nothing],
    ['an empty answer', state('24h', series(0)), historyStrings.nothing],
    ['another failure, in its words', state('24h', null, { ok: false, code: 'INTERNAL', message: 'disk gone' }), historyStrings.failed('disk gone')],
    ['points drawn', state('24h', series(3)), null],
    ['a series of another range is not drawn', state('7d', series(3)), historyStrings.loading],
  ])('%s', (_name, s, message) => {
    expect(chartHistory(s).message).toBe(message);
  });

  it('live spans the chosen window; a range spans itself, gaps at 1.5 steps, ending at its end', () => {
    expect(chartHistory(state('live', null)).span).toBe(60_000);
    expect(chartHistory(state('24h', series(3))).span).toEqual({ windowMs: 86_400_000, gapMs: 90_000, endMs: 86_400_000 });
    expect(chartHistory(state('24h', series(3))).windowText).toBe('24 hours');
  });

  it('a zoomed range spans its zoom, its gaps at the step of the points held', () => {
    const zoomed = { ...state('24h', series(3)), rangeZoom: { fromMs: 3_600_000, toMs: 4_500_000 } };
    expect(chartHistory(zoomed).span).toEqual({ windowMs: 900_000, gapMs: 90_000, endMs: 4_500_000 });
    expect(chartHistory(zoomed).windowSec).toBe(900);
    expect(chartHistory(zoomed).endMs).toBe(4_500_000);
    expect(chartHistory(zoomed).windowText).toBe(`15 minutes to ${formatClock(4_500_000)}`);
  });
});
