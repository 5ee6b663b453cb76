/**
 * A chart over the chosen window or range (recharts, no animation): x is seconds before the newest
 * live point or the range's end, fixed at [−window, 0]; y is fixed at [0, `yMax`]. Nulls are gaps. The chart is one image to
 * assistive technology, named by `label`; its figures are in the list beside it. Every chart says
 * what its y axis measures, in which unit (`axisLabel`, as Task Manager's "% Utilization"); the
 * tick labels carry the unit too. A compact chart (one of many: a logical processor, a GPU engine)
 * has no tick column, its top is in its `axisLabel` instead. A big chart has a cursor
 * (use-chart-cursor.ts) and its readout line under it, which is what the keyboard reaches; in a
 * past range also zoom and pan (use-chart-zoom.ts), by pointer and by keys on that line. A red
 * line marks each alert that fired in the span, the page's own and, in a past range, those history
 * noted there (use-alert-markers.ts), its rule and time its title on hover.
 */
import { memo, type SVGProps } from 'react';
import { Area, AreaChart, CartesianGrid, ReferenceArea, ReferenceLine, XAxis, YAxis } from 'recharts';
import { historyStrings } from '../../history-strings.ts';
import type { Row } from './series.ts';
import { useAlertMarkers } from './use-alert-markers.ts';
import { useChartCursor, Y_AXIS_PX } from './use-chart-cursor.ts';
import { useChartZoom } from './use-chart-zoom.ts';

export interface SeriesDef<K extends string> {
  key: K;
  /** A CSS colour, e.g. `var(--perf-cpu)`. */
  color: string;
  fillOpacity: number;
}

interface TimeChartProps<K extends string> {
  rows: readonly Row<K>[];
  series: readonly SeriesDef<K>[];
  /** The span drawn, seconds: the x domain is [−windowSec, 0]. */
  windowSec: number;
  /** The span in words, under the chart: "60 seconds", "24 hours". */
  windowText: string;
  /** Said in the chart area instead of lines (history off, nothing recorded); null when drawn. */
  message?: string | null;
  yMax: number;
  formatY: (value: number) => string;
  label: string;
  /** What the y axis measures and its unit: "% Utilisation", "Throughput (bits per second)". */
  axisLabel: string;
  heightPx: number;
  /** One of many small charts: no tick column and no time axis under it (the grid has one). */
  isCompact?: boolean;
  /** A short heading above the chart where a view has more than one. */
  caption?: string;
  testId?: string;
}

const MARGIN = { top: 4, right: 0, bottom: 0, left: 0 };

/** An alert's line, named on hover by its title ("CPU hog fired at …"), with a wider see-through line under it to point at. */
const markerLine = (label: string) =>
  function MarkerLine(props: SVGProps<SVGLineElement>) {
    return (
      <g className="perf-alert-marker">
        <title>{label}</title>
        <line x1={props.x1} y1={props.y1} x2={props.x2} y2={props.y2} stroke="transparent" strokeWidth={8} />
        <line {...props} />
      </g>
    );
  };

function TimeChartImpl<K extends string>(props: TimeChartProps<K>) {
  const { rows, series, windowSec, windowText, message = null, yMax, formatY, label, axisLabel, heightPx, caption, testId, isCompact = false } = props;
  const cursor = useChartCursor(rows, series.map((s) => s.key), windowSec, formatY);
  const zoom = useChartZoom(isCompact);
  const markers = useAlertMarkers(windowSec, !isCompact);
  const chart = (
    <div
      ref={zoom.ref}
      className={isCompact ? 'perf-chart perf-chart-compact' : zoom.isEnabled ? 'perf-chart perf-chart-zoomable' : 'perf-chart'}
      role="img"
      aria-label={label}
      data-testid={testId}
      onPointerDown={zoom.onPointerDown}
      onPointerMove={
        isCompact
          ? undefined
          : (event) => {
              cursor.onPointerMove(event);
              zoom.onPointerMove(event);
            }
      }
      onPointerUp={zoom.onPointerUp}
      onPointerCancel={zoom.onPointerCancel}
      onPointerLeave={isCompact ? undefined : cursor.onPointerLeave}
      onClick={isCompact ? undefined : (event) => zoom.takeDragClick() || cursor.onClick(event)}
    >
      <div className="perf-chart-caption" aria-hidden="true">
        {caption ? <span className="perf-chart-name">{caption}</span> : null}
        <span className="perf-chart-unit">{axisLabel}</span>
      </div>
      {message === null ? null : (
        <p className="perf-chart-message" role="status">
          {message}
        </p>
      )}
      <div aria-hidden="true">
        <AreaChart
          data={rows as Row<K>[]}
          responsive
          style={{ width: '100%', height: heightPx }}
          margin={MARGIN}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="var(--perf-grid)" vertical horizontal />
          <XAxis dataKey="t" type="number" domain={[-windowSec, 0]} allowDataOverflow hide />
          <YAxis
            type="number"
            domain={[0, yMax]}
            ticks={[0, yMax / 2, yMax]}
            allowDataOverflow
            orientation="right"
            hide={isCompact}
            width={Y_AXIS_PX}
            tickFormatter={formatY}
            tick={{ fill: 'var(--muted)', fontSize: 11 }}
            stroke="var(--perf-grid)"
          />
          {series.map((s) => (
            <Area
              key={s.key}
              dataKey={s.key}
              type="linear"
              stroke={s.color}
              strokeWidth={1.5}
              fill={s.color}
              fillOpacity={s.fillOpacity}
              isAnimationActive={false}
              dot={false}
              activeDot={false}
              connectNulls={false}
            />
          ))}
          {markers.map((m) => (
            <ReferenceLine key={`alert-${m.t}`} x={m.t} stroke="var(--alert-marker, #c62828)" strokeWidth={1.5} shape={markerLine(m.label)} />
          ))}
          {cursor.t === null ? null : <ReferenceLine x={cursor.t} stroke="var(--fg, currentColor)" strokeDasharray="3 3" />}
          {zoom.band === null ? null : <ReferenceArea x1={zoom.band.t1} x2={zoom.band.t2} fill="var(--accent, #1565c0)" fillOpacity={0.15} />}
        </AreaChart>
      </div>
      {isCompact ? null : (
        <div className="perf-chart-axis" aria-hidden="true">
          <span>{windowText}</span>
          <span>0</span>
        </div>
      )}
    </div>
  );
  if (isCompact) return chart;
  // The cursor's readout line: focusable, arrow keys move the cursor, Enter shows that moment's processes.
  return (
    <>
      {chart}
      <div
        className="perf-chart-cursor"
        role="slider"
        tabIndex={0}
        aria-label={historyStrings.cursorLabel(label)}
        aria-valuemin={0}
        aria-valuemax={Math.max(0, rows.length - 1)}
        aria-valuenow={cursor.index < 0 ? Math.max(0, rows.length - 1) : cursor.index}
        aria-valuetext={cursor.readout === '' ? historyStrings.cursorIdle : cursor.readout}
        title={zoom.isEnabled ? historyStrings.zoomHelp : historyStrings.cursorHint}
        aria-description={zoom.isEnabled ? historyStrings.zoomHelp : historyStrings.cursorHint}
        onKeyDown={(event) => zoom.onKeyDown(event, cursor.atMs) || cursor.onKeyDown(event)}
      >
        {cursor.readout === '' ? historyStrings.cursorIdle : cursor.readout}
      </div>
    </>
  );
}

export const TimeChart = memo(TimeChartImpl) as typeof TimeChartImpl;
