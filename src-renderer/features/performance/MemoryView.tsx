/**
 * Memory: in use over the window (y fixed at the installed memory), the composition bar (in use,
 * modified, standby, free, as Task Manager draws it) with its legend, the figures and the facts.
 */
import { memo, useMemo } from 'react';
import type { MemoryFigures } from '../../../src-shared/snapshot.ts';
import { formatBytes } from '../../format.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { memoryComposition, type CompositionKey } from './memory-composition.ts';
import { partClassName } from './memory-page.ts';
import { PageDetails } from './PageDetails.tsx';
import { fixedMax } from './scale.ts';
import { MEMORY_KEYS, memoryRows } from './series.ts';
import { TimeChart, type SeriesDef } from './TimeChart.tsx';
import { useChartHistory } from './use-chart-history.ts';
import { usePageModel } from './use-page-model.ts';
import { VIEW_TITLE_ID, ViewHeader } from './ViewHeader.tsx';
import { performanceStrings } from './performance-strings.ts';

const p = performanceStrings;
const MEMORY_COLOR = 'var(--perf-memory)';
const SERIES: readonly SeriesDef<(typeof MEMORY_KEYS)[number]>[] = [{ key: 'used', color: MEMORY_COLOR, fillOpacity: 0.2 }];
const PART_LABELS: Record<CompositionKey, string> = {
  inUse: p.inUse,
  modified: p.modified,
  standby: p.standby,
  cached: p.cached,
  free: p.free,
  available: p.available,
};

export function MemoryView() {
  const model = usePageModel('memory');
  const memory = useAppStore((s) => s.snapshot?.memory ?? null);
  return (
    <section className="perf-view" aria-labelledby={VIEW_TITLE_ID}>
      <ViewHeader title={model.title} subtitle={model.subtitle} />
      <MemoryChart totalBytes={memory?.totalBytes ?? null} />
      {memory ? <CompositionBar memory={memory} /> : null}
      <PageDetails model={model} />
    </section>
  );
}

const MemoryChart = memo(function MemoryChart({ totalBytes }: { totalBytes: number | null }) {
  const { history, span, windowSec, windowText, message } = useChartHistory();
  const rows = useMemo(() => memoryRows(history, span), [history, span]);
  return (
    <TimeChart
      rows={rows}
      series={SERIES}
      windowSec={windowSec}
      windowText={windowText}
      message={message}
      yMax={fixedMax(totalBytes)}
      formatY={formatBytes}
      label={p.chartLabels.memory(windowText)}
      axisLabel={p.axis.memory}
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
      {/* The legend: the bar is an image to screen readers (its name says the same), so this is for the eye. */}
      <ul className="perf-legend" aria-hidden="true">
        {parts.map((part) => (
          <li key={part.key} data-part={part.key}>
            <span className={`perf-swatch ${partClassName(part.key)}`} />
            {describe(part.key, part.bytes)}
          </li>
        ))}
      </ul>
    </div>
  );
}
