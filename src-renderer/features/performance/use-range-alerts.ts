/**
 * The alerts history noted as fired in the past range the Performance charts show (alert-markers.ts
 * `firedInHistory`): one `historyEvents` query of kind `alert` when the range or its zoom changes,
 * beside the series' read (use-range-series.ts; a zoom asks once it has settled), never while live
 * and never per tick: an alert fired after the read is one the page holds (its store's alerts). No
 * history (off, nothing recorded, any failure): none, quietly; the page's own alerts still mark.
 * The tab reads it once and hands it to its charts through `RangeAlertsContext`.
 */
import { createContext, useEffect, useState } from 'react';
import { rangeQuery } from '../../store/history-range.ts';
import { useApi, useAppStore } from '../../store/store-context.tsx';
import { firedInHistory, type FiredAlert } from './alert-markers.ts';
import { ZOOM_SETTLE_MS } from './use-range-series.ts';

const NONE: readonly FiredAlert[] = [];

export const RangeAlertsContext = createContext<readonly FiredAlert[]>(NONE);

export function useRangeAlerts(): readonly FiredAlert[] {
  const api = useApi();
  const range = useAppStore((s) => s.historyRange);
  const zoom = useAppStore((s) => s.rangeZoom);
  const [fired, setFired] = useState<readonly FiredAlert[]>(NONE);
  useEffect(() => {
    if (range === 'live') return;
    let isCurrent = true;
    const read = () => {
      // The whole range reaches now (the series' end is on a whole step before it); a zoom is its span.
      const nowMs = Date.now();
      const span = zoom ?? { fromMs: rangeQuery(range, nowMs).fromMs, toMs: nowMs };
      const keep = (alerts: readonly FiredAlert[]) => isCurrent && setFired(alerts);
      void api.query({ kind: 'historyEvents', fromMs: span.fromMs, toMs: span.toMs, eventKind: 'alert' }).then(
        (result) => keep(result.ok ? firedInHistory(result.value.events) : NONE),
        () => keep(NONE),
      );
    };
    const timer = zoom === null ? null : setTimeout(read, ZOOM_SETTLE_MS);
    if (timer === null) read();
    return () => {
      isCurrent = false;
      if (timer !== null) clearTimeout(timer);
    };
  }, [api, range, zoom]);
  // Until a new span's answer, the alerts held still mark where they fired (each is drawn only inside the span shown).
  return range === 'live' ? NONE : fired;
}
