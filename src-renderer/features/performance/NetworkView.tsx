/**
 * A network interface: send and receive speed (autoscaled), and the figures with the totals.
 */
import { memo, useMemo } from 'react';
import { formatBytes, formatRate } from '../../format.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { strings } from '../../strings.ts';
import { FigureList, type Figure } from './FigureList.tsx';
import { niceBinaryMax } from './scale.ts';
import { maxOf, NETWORK_KEYS, networkRows } from './series.ts';
import { TimeChart, type SeriesDef } from './TimeChart.tsx';
import { useHistory } from './use-history.ts';
import { VIEW_TITLE_ID, ViewHeader } from './ViewHeader.tsx';

const p = strings.performance;
const SEND_COLOR = 'var(--perf-network)';
const RECEIVE_COLOR = 'var(--perf-network-receive)';
const SERIES: readonly SeriesDef<(typeof NETWORK_KEYS)[number]>[] = [
  { key: 'send', color: SEND_COLOR, fillOpacity: 0.15 },
  { key: 'receive', color: RECEIVE_COLOR, fillOpacity: 0.15 },
];

export function NetworkView({ name }: { name: string }) {
  const title = p.network(name);
  return (
    <section className="perf-view" aria-labelledby={VIEW_TITLE_ID}>
      <ViewHeader title={title} subtitle={null} />
      <NetworkChart name={name} title={title} />
      <NetworkFigures name={name} />
    </section>
  );
}

const NetworkChart = memo(function NetworkChart({ name, title }: { name: string; title: string }) {
  const { history, windowSec } = useHistory();
  const rows = useMemo(() => networkRows(history, windowSec * 1000, name), [history, windowSec, name]);
  const yMax = useMemo(() => niceBinaryMax([maxOf(rows, NETWORK_KEYS)]), [rows]);
  return (
    <TimeChart
      rows={rows}
      series={SERIES}
      windowSec={windowSec}
      yMax={yMax}
      formatY={formatRate}
      label={p.chartLabels.network(title, strings.historyWindows[windowSec])}
      heightPx={220}
    />
  );
});

function NetworkFigures({ name }: { name: string }) {
  const n = useAppStore((s) => s.snapshot?.network.find((i) => i.name === name) ?? null);
  const d = p.definitions;
  const figures: Figure[] = [
    { label: p.send, value: formatRate(n?.txBytesPerSec ?? null), definition: d.send, color: SEND_COLOR },
    { label: p.receive, value: formatRate(n?.rxBytesPerSec ?? null), definition: d.receive, color: RECEIVE_COLOR },
    { label: p.totalSent, value: formatBytes(n?.txTotalBytes ?? null), definition: d.totalSent },
    { label: p.totalReceived, value: formatBytes(n?.rxTotalBytes ?? null), definition: d.totalReceived },
  ];
  return <FigureList figures={figures} label={p.network(name)} />;
}
