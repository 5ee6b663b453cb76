/**
 * While a past range is chosen on the Performance tab: ask the history store for it now and once
 * a minute after (the range moves on with the clock; a minute is the finest step but one of the
 * ranges past an hour, and the hour's 5 s points would cost a re-read per tick for little). One
 * series serves every page (a `SystemPoint` holds all the machine's figures), so switching pages
 * asks nothing.
 */
import { useEffect } from 'react';
import { rangeQuery } from '../../store/history-range.ts';
import { useApi, useAppStore, useStoreApi } from '../../store/store-context.tsx';

export const RANGE_REFRESH_MS = 60_000;

export function useRangeSeries(): void {
  const api = useApi();
  const store = useStoreApi();
  const range = useAppStore((s) => s.historyRange);
  useEffect(() => {
    if (range === 'live') return;
    let isCurrent = true;
    const read = () => {
      void api.query(rangeQuery(range, Date.now())).then(
        (result) => isCurrent && store.getState().ingestHistorySeries(range, result),
        (error: unknown) =>
          isCurrent && store.getState().ingestHistorySeries(range, { ok: false, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }),
      );
    };
    read();
    // A re-read of stored rows, not sampling: the feed still pushes every live figure.
    const timer = setInterval(read, RANGE_REFRESH_MS);
    return () => {
      isCurrent = false;
      clearInterval(timer);
    };
  }, [api, store, range]);
}
