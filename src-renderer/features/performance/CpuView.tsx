/**
 * CPU: overall utilisation with its kernel share, a grid of each logical processor, and the
 * figures (utilisation, speed, processes, threads, handles, up time, logical processors).
 */
import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCount, formatMhz, formatPercent, formatUptime } from '../../format.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { strings } from '../../strings.ts';
import { CoreGrid } from './CoreGrid.tsx';
import { FigureList, type Figure } from './FigureList.tsx';
import { axisPercent } from './figures.ts';
import { CPU_KEYS, cpuRows } from './series.ts';
import { TimeChart, type SeriesDef } from './TimeChart.tsx';
import { useHistory } from './use-history.ts';
import { VIEW_TITLE_ID, ViewHeader } from './ViewHeader.tsx';

const p = strings.performance;
const CPU_COLOR = 'var(--perf-cpu)';
const KERNEL_COLOR = 'var(--perf-kernel)';
const SERIES: readonly SeriesDef<(typeof CPU_KEYS)[number]>[] = [
  { key: 'total', color: CPU_COLOR, fillOpacity: 0.15 },
  { key: 'kernel', color: KERNEL_COLOR, fillOpacity: 0.3 },
];

export function CpuView() {
  const model = useAppStore((s) => s.snapshot?.cpu.model ?? null);
  return (
    <section className="perf-view" aria-labelledby={VIEW_TITLE_ID}>
      <ViewHeader title={p.cpu} subtitle={model} />
      <CpuChart />
      <CoreGrid />
      <CpuFigures />
    </section>
  );
}

const CpuChart = memo(function CpuChart() {
  const { history, windowSec } = useHistory();
  const rows = useMemo(() => cpuRows(history, windowSec * 1000), [history, windowSec]);
  return (
    <TimeChart
      rows={rows}
      series={SERIES}
      windowSec={windowSec}
      yMax={100}
      formatY={axisPercent}
      label={p.chartLabels.cpu(strings.historyWindows[windowSec])}
      heightPx={220}
      testId="cpu-chart"
    />
  );
});

const CpuFigures = memo(function CpuFigures() {
  const f = useAppStore(
    useShallow((s) => ({
      total: s.snapshot?.cpu.totalPercent ?? null,
      kernel: s.snapshot?.cpu.kernelPercent ?? null,
      speedMhz: s.snapshot?.cpu.speedMhz ?? null,
      processes: s.snapshot?.totals.processes ?? null,
      threads: s.snapshot?.totals.threads ?? null,
      handles: s.snapshot?.totals.handles ?? null,
      uptimeSec: s.snapshot?.cpu.uptimeSec ?? null,
      cores: s.snapshot?.cpu.logicalCores ?? null,
    })),
  );
  const d = p.definitions;
  const figures: Figure[] = [
    { label: p.utilization, value: formatPercent(f.total), definition: d.utilization, color: CPU_COLOR },
    { label: p.kernelTime, value: formatPercent(f.kernel), definition: d.kernelTime, color: KERNEL_COLOR },
    { label: p.speed, value: formatMhz(f.speedMhz), definition: d.speed },
    { label: p.processes, value: formatCount(f.processes), definition: d.processes },
    { label: p.threads, value: formatCount(f.threads), definition: d.threads },
    { label: p.handles, value: formatCount(f.handles), definition: d.handles },
    { label: p.uptime, value: formatUptime(f.uptimeSec), definition: d.uptime },
    { label: p.logicalProcessors, value: formatCount(f.cores), definition: d.logicalProcessors },
  ];
  return <FigureList figures={figures} label={p.cpu} />;
});
