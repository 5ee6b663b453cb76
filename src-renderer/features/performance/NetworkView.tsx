/**
 * A network adapter: send and receive in bits per second on an autoscaled decimal axis (Task
 * Manager's Kbps/Mbps), then the figures and the adapter's facts.
 */
import { memo, useMemo } from 'react';
import { formatBitRate } from '../../format.ts';
import { RECEIVE_COLOR, SEND_COLOR } from './network-page.ts';
import { PageDetails } from './PageDetails.tsx';
import { niceDecimalMax } from './scale.ts';
import { maxOf, NETWORK_KEYS, networkBitRows } from './series.ts';
import { TimeChart, type SeriesDef } from './TimeChart.tsx';
import { useChartHistory } from './use-chart-history.ts';
import { usePageModel } from './use-page-model.ts';
import { VIEW_TITLE_ID, ViewHeader } from './ViewHeader.tsx';
import { performanceStrings } from './performance-strings.ts';

const p = performanceStrings;
const SERIES: readonly SeriesDef<(typeof NETWORK_KEYS)[number]>[] = [
  { key: 'send', color: SEND_COLOR, fillOpacity: 0.15 },
  { key: 'receive', color: RECEIVE_COLOR, fillOpacity: 0.15 },
];

export function NetworkView({ name }: { name: string }) {
  const model = usePageModel('network', name);
  return (
    <section className="perf-view" aria-labelledby={VIEW_TITLE_ID}>
      <ViewHeader title={model.title} subtitle={model.subtitle} />
      <NetworkChart name={name} title={model.title} />
      <PageDetails model={model} />
    </section>
  );
}

const NetworkChart = memo(function NetworkChart({ name, title }: { name: string; title: string }) {
  const { history, span, windowSec, windowText, message } = useChartHistory();
  const rows = useMemo(() => networkBitRows(history, span, name), [history, span, name]);
  const yMax = useMemo(() => niceDecimalMax([maxOf(rows, NETWORK_KEYS)]), [rows]);
  return (
    <TimeChart
      rows={rows}
      series={SERIES}
      windowSec={windowSec}
      windowText={windowText}
      message={message}
      yMax={yMax}
      formatY={formatBitRate}
      label={p.chartLabels.network(title, windowText)}
      axisLabel={p.axis.throughput}
      heightPx={220}
      testId="network-chart"
    />
  );
});
