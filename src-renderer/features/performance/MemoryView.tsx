/**
 * Memory: in use over the window (y fixed at the installed memory), the composition bar (in use,
 * cached, free) and the figures (in use, available, cached, committed of the limit, swap).
 */
import { memo, useMemo } from 'react';
import type { MemoryFigures } from '../../../src-shared/snapshot.ts';
import { formatBytes } from '../../format.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { strings } from '../../strings.ts';
import { FigureList, type Figure } from './FigureList.tsx';
import { formatPartOf } from './figures.ts';
import { memoryComposition, type CompositionKey } from './memory-composition.ts';
import { fixedMax } from './scale.ts';
import { MEMORY_KEYS, memoryRows } from './series.ts';
import { TimeChart, type SeriesDef } from './TimeChart.tsx';
import { useHistory } from './use-history.ts';
import { VIEW_TITLE_ID, ViewHeader } from './ViewHeader.tsx';

const p = strings.performance;
const MEMORY_COLOR = 'var(--perf-memory)';
const SERIES: readonly SeriesDef<(typeof MEMORY_KEYS)[number]>[] = [{ key: 'used', color: MEMORY_COLOR, fillOpacity: 0.2 }];
const PART_LABELS: Record<CompositionKey, string> = { inUse: p.inUse, cached: p.cached, free: p.free, available: p.available };

export function MemoryView() {
  const memory = useAppStore((s) => s.snapshot?.memory ?? null);
  return (
    <section className="perf-view" aria-labelledby={VIEW_TITLE_ID}>
      <ViewHeader title={p.memory} subtitle={memory ? formatBytes(memory.totalBytes) : null} />
      <MemoryChart totalBytes={memory?.totalBytes ?? null} />
      {memory ? <CompositionBar memory={memory} /> : null}
      <MemoryFigureList memory={memory} />
    </section>
  );
}

const MemoryChart = memo(function MemoryChart({ totalBytes }: { totalBytes: number | null }) {
  const { history, windowSec } = useHistory();
  const rows = useMemo(() => memoryRows(history, windowSec * 1000), [history, windowSec]);
  return (
    <TimeChart
      rows={rows}
      series={SERIES}
      windowSec={windowSec}
      yMax={fixedMax(totalBytes)}
      formatY={formatBytes}
      label={p.chartLabels.memory(strings.historyWindows[windowSec])}
      heightPx={220}
    />
  );
});

function CompositionBar({ memory }: { memory: MemoryFigures }) {
  const parts = memoryComposition(memory);
  const describe = (key: CompositionKey, bytes: number) => `${PART_LABELS[key]}: ${formatBytes(bytes)}`;
  return (
    <div className="perf-composition-block">
      <h3 className="perf-cores-heading">{p.composition}</h3>
      <div className="perf-composition" role="img" aria-label={`${p.composition}: ${parts.map((x) => describe(x.key, x.bytes)).join(', ')}`}>
        {parts.map((part) => (
          <div
            key={part.key}
            className={partClassName(part.key)}
            data-part={part.key}
            style={{ width: `${(part.fraction * 100).toFixed(2)}%` }}
            title={describe(part.key, part.bytes)}
          />
        ))}
      </div>
    </div>
  );
}

/** A part of the composition bar and its legend swatch share these classes, so they look alike in every colour scheme. */
const partClassName = (key: CompositionKey) => `perf-composition-part perf-part-${key}`;

function MemoryFigureList({ memory: m }: { memory: MemoryFigures | null }) {
  const d = p.definitions;
  const figures: Figure[] = [
    { label: p.inUse, value: formatBytes(m?.usedBytes ?? null), definition: d.inUse, swatchClassName: partClassName('inUse') },
    { label: p.available, value: formatBytes(m?.availableBytes ?? null), definition: d.available },
    { label: p.cached, value: formatBytes(m?.cachedBytes ?? null), definition: d.cached, swatchClassName: partClassName('cached') },
    { label: p.committed, value: formatPartOf(m?.commitBytes ?? null, m?.commitLimitBytes ?? null, formatBytes), definition: d.committed },
    { label: p.swap, value: formatPartOf(m?.swapUsedBytes ?? null, m?.swapTotalBytes ?? null, formatBytes), definition: d.swap },
    { label: p.total, value: formatBytes(m?.totalBytes ?? null), definition: d.total },
  ];
  return <FigureList figures={figures} label={p.memory} />;
}
