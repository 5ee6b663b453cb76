/**
 * A disk: read and write speed (autoscaled), active time (0–100%), and the figures.
 */
import { memo, useMemo } from 'react';
import { formatPercent, formatRate } from '../../format.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { strings } from '../../strings.ts';
import { FigureList, type Figure } from './FigureList.tsx';
import { axisPercent } from './figures.ts';
import { niceBinaryMax } from './scale.ts';
import { DISK_KEYS, diskRows, maxOf } from './series.ts';
import { TimeChart, type SeriesDef } from './TimeChart.tsx';
import { useHistory } from './use-history.ts';
import { VIEW_TITLE_ID, ViewHeader } from './ViewHeader.tsx';

type DiskKey = (typeof DISK_KEYS)[number];
const p = strings.performance;
const READ_COLOR = 'var(--perf-disk)';
const WRITE_COLOR = 'var(--perf-disk-write)';
const RATE_SERIES: readonly SeriesDef<DiskKey>[] = [
  { key: 'read', color: READ_COLOR, fillOpacity: 0.15 },
  { key: 'write', color: WRITE_COLOR, fillOpacity: 0.15 },
];
const ACTIVE_SERIES: readonly SeriesDef<DiskKey>[] = [{ key: 'active', color: READ_COLOR, fillOpacity: 0.2 }];
const RATE_KEYS: readonly DiskKey[] = ['read', 'write'];

export function DiskView({ diskId }: { diskId: string }) {
  const name = useAppStore((s) => s.snapshot?.disks.find((d) => d.id === diskId)?.name ?? null);
  const title = p.disk(diskId);
  return (
    <section className="perf-view" aria-labelledby={VIEW_TITLE_ID}>
      <ViewHeader title={title} subtitle={name !== diskId ? name : null} />
      <DiskCharts diskId={diskId} title={title} />
      <DiskFigures diskId={diskId} />
    </section>
  );
}

const DiskCharts = memo(function DiskCharts({ diskId, title }: { diskId: string; title: string }) {
  const { history, windowSec } = useHistory();
  const rows = useMemo(() => diskRows(history, windowSec * 1000, diskId), [history, windowSec, diskId]);
  const rateMax = useMemo(() => niceBinaryMax([maxOf(rows, RATE_KEYS)]), [rows]);
  const windowText = strings.historyWindows[windowSec];
  return (
    <>
      <TimeChart
        rows={rows}
        series={RATE_SERIES}
        windowSec={windowSec}
        yMax={rateMax}
        formatY={formatRate}
        label={p.chartLabels.diskRate(title, windowText)}
        heightPx={180}
        caption={p.transferRate}
      />
      <TimeChart
        rows={rows}
        series={ACTIVE_SERIES}
        windowSec={windowSec}
        yMax={100}
        formatY={axisPercent}
        label={p.chartLabels.diskActive(title, windowText)}
        heightPx={100}
        caption={p.activeTime}
      />
    </>
  );
});

function DiskFigures({ diskId }: { diskId: string }) {
  const disk = useAppStore((s) => s.snapshot?.disks.find((d) => d.id === diskId) ?? null);
  const d = p.definitions;
  const figures: Figure[] = [
    { label: p.activeTime, value: formatPercent(disk?.activePercent ?? null), definition: d.activeTime },
    { label: p.read, value: formatRate(disk?.readBytesPerSec ?? null), definition: d.read, color: READ_COLOR },
    { label: p.write, value: formatRate(disk?.writeBytesPerSec ?? null), definition: d.write, color: WRITE_COLOR },
  ];
  return <FigureList figures={figures} label={p.disk(diskId)} />;
}
