/**
 * CPU: one chart of overall utilisation with its kernel share, or (the toggle) a large chart per
 * logical processor, as Task Manager's "Change graph to"; then the figures and the CPU's facts.
 */
import { memo, useMemo, useState } from 'react';
import { CPU_COLOR, KERNEL_COLOR } from './cpu-page.ts';
import { axisPercent } from './figures.ts';
import { PageDetails } from './PageDetails.tsx';
import { CPU_KEYS, cpuRows, perCoreRows } from './series.ts';
import { TimeChart, type SeriesDef } from './TimeChart.tsx';
import { useChartHistory } from './use-chart-history.ts';
import { usePageModel } from './use-page-model.ts';
import { VIEW_TITLE_ID, ViewHeader } from './ViewHeader.tsx';
import { performanceStrings } from './performance-strings.ts';

const p = performanceStrings;
const SERIES: readonly SeriesDef<(typeof CPU_KEYS)[number]>[] = [
  { key: 'total', color: CPU_COLOR, fillOpacity: 0.15 },
  { key: 'kernel', color: KERNEL_COLOR, fillOpacity: 0.3 },
];
const CORE_SERIES: readonly SeriesDef<'v'>[] = [{ key: 'v', color: CPU_COLOR, fillOpacity: 0.15 }];

export function CpuView() {
  const model = usePageModel('cpu');
  const [isPerProcessor, setPerProcessor] = useState(false);
  return (
    <section className="perf-view" aria-labelledby={VIEW_TITLE_ID}>
      <ViewHeader title={model.title} subtitle={model.subtitle} />
      <div className="perf-view-tools">
        <button type="button" className="perf-toggle" aria-pressed={isPerProcessor} onClick={() => setPerProcessor((on) => !on)}>
          {p.perProcessorToggle}
        </button>
      </div>
      {isPerProcessor ? <CoreCharts /> : <CpuChart />}
      <PageDetails model={model} />
    </section>
  );
}

const CpuChart = memo(function CpuChart() {
  const { history, span, windowSec, windowText, message } = useChartHistory();
  const rows = useMemo(() => cpuRows(history, span), [history, span]);
  return (
    <TimeChart
      rows={rows}
      series={SERIES}
      windowSec={windowSec}
      windowText={windowText}
      message={message}
      yMax={100}
      formatY={axisPercent}
      label={p.chartLabels.cpu(windowText)}
      axisLabel={p.axis.utilization}
      heightPx={220}
      testId="cpu-chart"
    />
  );
});

/** A chart per logical processor, in a grid about as wide as it is tall (Task Manager's layout). */
const CoreCharts = memo(function CoreCharts() {
  const { history, span, windowSec, windowText, message } = useChartHistory();
  const cores = useMemo(() => perCoreRows(history, span), [history, span]);
  const columns = Math.max(1, Math.ceil(Math.sqrt(cores.length)));
  const heightPx = Math.max(48, Math.min(160, Math.floor(360 / Math.max(1, Math.ceil(cores.length / columns)))));
  return (
    <div className="perf-core-block">
      <div className="perf-chart-caption" aria-hidden="true">
        <span className="perf-chart-unit">{p.axis.utilization}</span>
        <span>{axisPercent(100)}</span>
      </div>
      {message === null ? null : (
        <p className="perf-chart-message" role="status">
          {message}
        </p>
      )}
      <ul className="perf-core-charts" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }} aria-label={p.cores} data-testid="core-charts">
        {cores.map((rows, index) => (
          <li key={index}>
            <TimeChart
              rows={rows}
              series={CORE_SERIES}
              windowSec={windowSec}
              windowText={windowText}
              yMax={100}
              formatY={axisPercent}
              label={p.coreChart(index, windowText)}
              axisLabel={p.core(index, '0–100%')}
              heightPx={heightPx}
              isCompact
            />
          </li>
        ))}
      </ul>
      <div className="perf-chart-axis perf-chart-axis-full" aria-hidden="true">
        <span>{windowText}</span>
        <span>0</span>
      </div>
    </div>
  );
});
