/**
 * A GPU: overall utilisation over the window (0–100%), one small graph per engine type (3D, Copy,
 * Video Decode…), then the figures (dedicated and shared memory, temperature) and its facts
 * (driver version and date).
 */
import { memo, useMemo } from 'react';
import { enginePointsOf, engineRows, engineTypes } from './engine-history.ts';
import { axisPercent } from './figures.ts';
import { GPU_COLOR } from './gpu-page.ts';
import { PageDetails } from './PageDetails.tsx';
import { GPU_KEYS, gpuRows } from './series.ts';
import { TimeChart, type SeriesDef } from './TimeChart.tsx';
import { useChartHistory } from './use-chart-history.ts';
import { usePageModel } from './use-page-model.ts';
import { VIEW_TITLE_ID, ViewHeader } from './ViewHeader.tsx';
import { performanceStrings } from './performance-strings.ts';

const p = performanceStrings;
const SERIES: readonly SeriesDef<(typeof GPU_KEYS)[number]>[] = [{ key: 'utilization', color: GPU_COLOR, fillOpacity: 0.2 }];
const ENGINE_SERIES: readonly SeriesDef<'v'>[] = [{ key: 'v', color: GPU_COLOR, fillOpacity: 0.2 }];

export function GpuView({ gpuId }: { gpuId: string }) {
  const model = usePageModel('gpu', gpuId);
  return (
    <section className="perf-view" aria-labelledby={VIEW_TITLE_ID}>
      <ViewHeader title={model.title} subtitle={model.subtitle} />
      <GpuChart gpuId={gpuId} title={model.title} />
      <EngineCharts gpuId={gpuId} title={model.title} />
      <PageDetails model={model} />
    </section>
  );
}

const GpuChart = memo(function GpuChart({ gpuId, title }: { gpuId: string; title: string }) {
  const { history, span, windowSec, windowText, message } = useChartHistory();
  const rows = useMemo(() => gpuRows(history, span, gpuId), [history, span, gpuId]);
  return (
    <TimeChart
      rows={rows}
      series={SERIES}
      windowSec={windowSec}
      windowText={windowText}
      message={message}
      yMax={100}
      formatY={axisPercent}
      label={p.chartLabels.gpu(title, windowText)}
      axisLabel={p.axis.utilization}
      heightPx={160}
    />
  );
});

const EngineCharts = memo(function EngineCharts({ gpuId, title }: { gpuId: string; title: string }) {
  const { history, span, windowSec, windowText } = useChartHistory();
  const points = useMemo(() => enginePointsOf(history, gpuId), [history, gpuId]);
  const types = engineTypes(points);
  if (types.length === 0) return null;
  return (
    <div className="perf-engines">
      <h3 className="perf-cores-heading">{p.engines}</h3>
      <ul className="perf-engine-charts" aria-label={p.engines}>
        {types.map((type) => (
          <li key={type} title={p.definitions.engine}>
            <TimeChart
              rows={engineRows(points, span, type)}
              series={ENGINE_SERIES}
              windowSec={windowSec}
              windowText={windowText}
              yMax={100}
              formatY={axisPercent}
              label={p.chartLabels.engine(title, type)}
              axisLabel={`${type}: ${p.axis.utilization}`}
              heightPx={64}
              isCompact
            />
          </li>
        ))}
      </ul>
    </div>
  );
});
