/**
 * Beside the range choice while a past range is shown: "Reset zoom" (while zoomed), "What used
 * this range?" (the Top consumers panel over the span the charts show) and "Export this range" (that
 * span, CSV or JSON Lines; export-range.ts, loaded when first used). A failure is said in plain words.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { historyStrings } from '../../history-strings.ts';
import { windowQuery } from '../../store/chart-zoom.ts';
import { rangeQuery } from '../../store/history-range.ts';
import { useApi, useAppStore, useStoreApi } from '../../store/store-context.tsx';
import type { Store } from '../../store/store.ts';
import { ExportMenu } from '../processes/ExportMenu.tsx';
import type { ShownRange } from './export-range.ts';

/** The span the charts show and how to read it: the zoom's, else the range's as last read, else as it would be read now. */
export function shownRange(s: Pick<Store, 'historyRange' | 'rangeZoom' | 'rangeSeries'>, nowMs: number): ShownRange | null {
  if (s.historyRange === 'live') return null;
  if (s.rangeZoom !== null) return { ...s.rangeZoom, query: windowQuery(s.rangeZoom) };
  const series = s.rangeSeries?.range === s.historyRange ? s.rangeSeries : null;
  const query = series ? { kind: 'historySeries' as const, fromMs: series.fromMs, toMs: series.toMs, stepMs: series.stepMs } : rangeQuery(s.historyRange, nowMs);
  return { fromMs: query.fromMs, toMs: query.toMs, query };
}

export function RangeTools() {
  const api = useApi();
  const store = useStoreApi();
  const { isLive, isZoomed, setZoom, showTopConsumers } = useAppStore(
    useShallow((s) => ({ isLive: s.historyRange === 'live', isZoomed: s.rangeZoom !== null, setZoom: s.setRangeZoom, showTopConsumers: s.showTopConsumers })),
  );
  const [failure, setFailure] = useState<string | null>(null);
  if (isLive) return null;
  const onExport = (format: 'csv' | 'jsonl') => {
    const shown = shownRange(store.getState(), Date.now());
    if (!shown) return;
    void import('./export-range.ts')
      .then(({ exportRange }) => exportRange(api, shown, format))
      .then((why) => setFailure(why === null ? null : historyStrings.exportFailed(why)));
  };
  return (
    <span className="perf-range-tools">
      {isZoomed ? (
        <button type="button" onClick={() => setZoom(null)}>
          {historyStrings.resetZoom}
        </button>
      ) : null}
      <button
        type="button"
        onClick={() => {
          const shown = shownRange(store.getState(), Date.now());
          if (shown) showTopConsumers(shown.fromMs, shown.toMs);
        }}
      >
        {historyStrings.topOfRange}
      </button>
      <ExportMenu onExport={onExport} label={historyStrings.exportRange} itemLabels={{ csv: historyStrings.exportRangeCsv, jsonl: historyStrings.exportRangeJsonl }} />
      {failure ? <span role="alert">{failure}</span> : null}
    </span>
  );
}
