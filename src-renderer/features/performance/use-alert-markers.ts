/**
 * The alert markers of a big chart (alert-markers.ts): where the alerts the page holds and, in a
 * past range, those history noted there (use-range-alerts.ts, through `RangeAlertsContext`) fired,
 * in the chart's span (it ends at the newest live point or the past range's end: use-chart-history.ts).
 */
import { useContext, useMemo } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { alertMarkers, type AlertMarker, type FiredAlert } from './alert-markers.ts';
import { chartHistory } from './use-chart-history.ts';
import { RangeAlertsContext } from './use-range-alerts.ts';

const NONE: AlertMarker[] = [];

export function useAlertMarkers(windowSec: number, isShown: boolean): AlertMarker[] {
  const endMs = useAppStore((s) => (isShown ? chartHistory(s).endMs : null));
  const alerts = useAppStore((s) => s.alerts);
  const inRange = useContext(RangeAlertsContext);
  return useMemo(() => {
    if (endMs === null || (alerts.length === 0 && inRange.length === 0)) return NONE;
    const fired: FiredAlert[] = alerts.map((a) => ({ atMs: a.firedAtMs, ruleName: a.ruleName }));
    return alertMarkers(fired.concat(inRange), endMs, windowSec);
  }, [alerts, inRange, endMs, windowSec]);
}
