/**
 * While a past range is chosen on the Performance tab: ask the history store for it now and once
 * a minute after (the range moves on with the clock; a minute is the finest step but one of the
 * ranges past an hour, and the hour's 5 s points would cost a re-read per tick for little). One
 * series serves every page (a `SystemPoint` holds all the machine's figures), so switching pages
 * asks nothing. A zoom (chart-zoom.ts) asks for its span at its own finer step, once the wheel,
 * keys or drag have settled for `ZOOM_SETTLE_MS`, not at every notch: the points held are redrawn
 * in the new span meanwhile.
 */
import { useEffect } from 'react';
import { windowQuery } from '../../store/chart-zoom.ts';
import { rangeQuery } from '../../store/history-range.ts';
import { useApi, useAppStore, useStoreApi } from '../../store/store-context.tsx';

export const RANGE_REFRESH_MS = 60_000;
export const ZOOM_SETTLE_MS = 150;

export function useRangeSeries(): void {
  const api = useApi();
  const store = useStoreApi();
  const range = useAppStore((s) => s.historyRange);
  const zoom = useAppStore((s) => s.rangeZoom);
  useEffect(() => {
    if (range === 'live') return;
    let isCurrent = true;
    const read = () => {
      void api.query(zoom === null ? rangeQuery(range, Date.now()) : windowQuery(zoom)).then(
        (result) => isCurrent && store.getState().ingestHistorySeries(range, result, zoom),
        (error: unknown) =>
          isCurrent && store.getState().ingestHistorySeries(range, { ok: false, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }, zoom),
      );
    };
    const first = zoom === null ? null : setTimeout(read, ZOOM_SETTLE_MS);
    if (first === null) read();
    // A re-read of stored rows, not sampling: the feed still pushes every live figure.
    const timer = setInterval(read, RANGE_REFRESH_MS);
    return () => {
      isCurrent = false;
      if (first !== null) clearTimeout(first);
      clearInterval(timer);
    };
  }, [api, store, range, zoom]);
}
