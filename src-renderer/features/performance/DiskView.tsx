/**
 * A disk: read and write speed (autoscaled), active time (0–100%), then its figures (active time,
 * average response time, read and write speed apart) and facts. The title names its drive letters
 * or mount points where the inventory matched it.
 */
import { memo, useMemo } from 'react';
import { formatRate } from '../../format.ts';
import { READ_COLOR, WRITE_COLOR } from './disk-page.ts';
import { axisPercent } from './figures.ts';
import { PageDetails } from './PageDetails.tsx';
import { niceBinaryMax } from './scale.ts';
import { DISK_KEYS, diskRows, maxOf } from './series.ts';
import { TimeChart, type SeriesDef } from './TimeChart.tsx';
import { useChartHistory } from './use-chart-history.ts';
import { usePageModel } from './use-page-model.ts';
import { VIEW_TITLE_ID, ViewHeader } from './ViewHeader.tsx';
import { performanceStrings } from './performance-strings.ts';

type DiskKey = (typeof DISK_KEYS)[number];
const p = performanceStrings;
const RATE_SERIES: readonly SeriesDef<DiskKey>[] = [
  { key: 'read', color: READ_COLOR, fillOpacity: 0.15 },
  { key: 'write', color: WRITE_COLOR, fillOpacity: 0.15 },
];
const ACTIVE_SERIES: readonly SeriesDef<DiskKey>[] = [{ key: 'active', color: READ_COLOR, fillOpacity: 0.2 }];
const RATE_KEYS: readonly DiskKey[] = ['read', 'write'];

export function DiskView({ diskId }: { diskId: string }) {
  const model = usePageModel('disk', diskId);
  return (
    <section className="perf-view" aria-labelledby={VIEW_TITLE_ID}>
      <ViewHeader title={model.title} subtitle={model.subtitle} />
      <DiskCharts diskId={diskId} title={model.title} />
      <PageDetails model={model} />
    </section>
  );
}

const DiskCharts = memo(function DiskCharts({ diskId, title }: { diskId: string; title: string }) {
  const { history, span, windowSec, windowText, message } = useChartHistory();
  const rows = useMemo(() => diskRows(history, span, diskId), [history, span, diskId]);
  const rateMax = useMemo(() => niceBinaryMax([maxOf(rows, RATE_KEYS)]), [rows]);
  return (
    <>
      <TimeChart
        rows={rows}
        series={ACTIVE_SERIES}
        windowSec={windowSec}
        windowText={windowText}
        message={message}
        yMax={100}
        formatY={axisPercent}
        label={p.chartLabels.diskActive(title, windowText)}
        axisLabel={p.axis.activeTime}
        heightPx={160}
        caption={p.activeTime}
      />
      <TimeChart
        rows={rows}
        series={RATE_SERIES}
        windowSec={windowSec}
        windowText={windowText}
        message={message}
        yMax={rateMax}
        formatY={formatRate}
        label={p.chartLabels.diskRate(title, windowText)}
        axisLabel={p.axis.transferRate}
        heightPx={120}
        caption={p.transferRate}
      />
    </>
  );
});
