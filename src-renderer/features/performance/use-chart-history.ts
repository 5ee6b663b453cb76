/**
 * What the big charts draw: the live history over the chosen window, or the chosen past range
 * from the history store (use-range-series.ts reads it). One object per change, so a chart
 * re-computes its rows only when its points or span change. The sidebar's sparklines stay live
 * (use-history.ts).
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { HistoryPoint } from '../../store/history.ts';
import { formatClock } from '../../format.ts';
import { gapMsOf, RANGE_MS } from '../../store/history-range.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { historyStrings } from '../../history-strings.ts';
import { strings } from '../../strings.ts';
import type { Store } from '../../store/store.ts';
import type { Span } from './series.ts';

export interface ChartHistory {
  history: HistoryPoint[];
  span: Span;
  windowSec: number;
  /** The span in words: "60 seconds", "24 hours". */
  windowText: string;
  /** Said in the chart area instead of lines (history off, nothing recorded, reading); null when drawn. */
  message: string | null;
  /** The moment x = 0 stands for (ms since the epoch): the newest live point or the range's end; null with nothing drawn. */
  endMs: number | null;
}

const NO_POINTS: HistoryPoint[] = [];

/** Pure, for the hook and its tests. A zoomed range spans its zoom (chart-zoom.ts), the points held drawn in it. */
export function chartHistory(s: Pick<Store, 'history' | 'historyWindowSec' | 'historyRange' | 'rangeSeries' | 'rangeError' | 'rangeZoom'>): ChartHistory {
  const range = s.historyRange;
  if (range === 'live') {
    const endMs = s.history[s.history.length - 1]?.takenAtMs ?? null;
    return { history: s.history, span: s.historyWindowSec * 1000, windowSec: s.historyWindowSec, windowText: strings.historyWindows[s.historyWindowSec], message: null, endMs };
  }
  const zoom = s.rangeZoom;
  const windowMs = zoom === null ? RANGE_MS[range] : zoom.toMs - zoom.fromMs;
  const windowText = zoom === null ? historyStrings.ranges[range] : historyStrings.zoomed(windowMs, formatClock(zoom.toMs));
  const series = s.rangeSeries?.range === range ? s.rangeSeries : null;
  const error = s.rangeError;
  const message =
    error?.code === 'HISTORY_OFF'
      ? historyStrings.off
      : error?.code === 'NO_HISTORY'
        ? historyStrings.nothing
        : error
          ? historyStrings.failed(error.message)
          : series === null
            ? historyStrings.loading
            : series.points.length === 0
              ? historyStrings.nothing
              : null;
  if (series === null) return { history: NO_POINTS, span: windowMs, windowSec: windowMs / 1000, windowText, message, endMs: null };
  const endMs = zoom === null ? series.toMs : zoom.toMs;
  return { history: series.points, span: { windowMs, gapMs: gapMsOf(series.stepMs), endMs }, windowSec: windowMs / 1000, windowText, message, endMs };
}

export function useChartHistory(): ChartHistory {
  // useShallow compares fields one level deep: a ChartSpan made anew on every call would re-render
  // each chart every tick, so the span travels as its parts and is rebuilt once they change.
  const flat = useAppStore(
    useShallow((s) => {
      const { span, ...rest } = chartHistory(s);
      return typeof span === 'number' ? { ...rest, windowMs: span, gapMs: null } : { ...rest, ...span };
    }),
  );
  const { history, windowSec, windowText, message, windowMs, gapMs, endMs } = flat;
  const span = useMemo((): Span => (gapMs === null || endMs === null ? windowMs : { windowMs, gapMs, endMs }), [windowMs, gapMs, endMs]);
  return useMemo(() => ({ history, span, windowSec, windowText, message, endMs }), [history, span, windowSec, windowText, message, endMs]);
}
