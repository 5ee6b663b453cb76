/**
 * A GPU: utilisation over the window (0–100%), memory used of its size, temperature.
 */
import { memo, useMemo } from 'react';
import { formatBytes, formatCelsius, formatPercent } from '../../format.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { strings } from '../../strings.ts';
import { FigureList, type Figure } from './FigureList.tsx';
import { axisPercent, formatPartOf } from './figures.ts';
import { resourceLabel } from './resources.ts';
import { GPU_KEYS, gpuRows } from './series.ts';
import { TimeChart, type SeriesDef } from './TimeChart.tsx';
import { useHistory } from './use-history.ts';
import { VIEW_TITLE_ID, ViewHeader } from './ViewHeader.tsx';

const p = strings.performance;
const GPU_COLOR = 'var(--perf-gpu)';
const SERIES: readonly SeriesDef<(typeof GPU_KEYS)[number]>[] = [{ key: 'utilization', color: GPU_COLOR, fillOpacity: 0.2 }];

export function GpuView({ gpuId }: { gpuId: string }) {
  const title = useAppStore((s) => resourceLabel(s.snapshot, { kind: 'gpu', key: gpuId }));
  const name = useAppStore((s) => s.snapshot?.gpus.find((g) => g.id === gpuId)?.name ?? null);
  return (
    <section className="perf-view" aria-labelledby={VIEW_TITLE_ID}>
      <ViewHeader title={title} subtitle={name} />
      <GpuChart gpuId={gpuId} title={title} />
      <GpuFigures gpuId={gpuId} title={title} />
    </section>
  );
}

const GpuChart = memo(function GpuChart({ gpuId, title }: { gpuId: string; title: string }) {
  const { history, windowSec } = useHistory();
  const rows = useMemo(() => gpuRows(history, windowSec * 1000, gpuId), [history, windowSec, gpuId]);
  return (
    <TimeChart
      rows={rows}
      series={SERIES}
      windowSec={windowSec}
      yMax={100}
      formatY={axisPercent}
      label={p.chartLabels.gpu(title, strings.historyWindows[windowSec])}
      heightPx={220}
    />
  );
});

function GpuFigures({ gpuId, title }: { gpuId: string; title: string }) {
  const g = useAppStore((s) => s.snapshot?.gpus.find((i) => i.id === gpuId) ?? null);
  const d = p.definitions;
  const figures: Figure[] = [
    { label: p.utilization, value: formatPercent(g?.utilizationPercent ?? null), definition: d.gpuUtilization, color: GPU_COLOR },
    { label: p.dedicatedMemory, value: formatPartOf(g?.memoryUsedBytes ?? null, g?.memoryTotalBytes ?? null, formatBytes), definition: d.gpuMemory },
    { label: p.temperature, value: formatCelsius(g?.temperatureC ?? null), definition: d.temperature },
  ];
  return <FigureList figures={figures} label={title} />;
}
