/**
 * The alert markers of a big chart (alert-markers.ts): where the alerts the page holds fired, in
 * the chart's span (it ends at the newest live point or the past range's end: use-chart-history.ts).
 */
import { useMemo } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { alertMarkers } from './alert-markers.ts';
import { chartHistory } from './use-chart-history.ts';

const NONE: number[] = [];

export function useAlertMarkers(windowSec: number, isShown: boolean): number[] {
  const endMs = useAppStore((s) => (isShown ? chartHistory(s).endMs : null));
  const alerts = useAppStore((s) => s.alerts);
  return useMemo(() => {
    if (endMs === null) return NONE;
    const fired = alerts.map((a) => a.firedAtMs);
    return fired.length === 0 ? NONE : alertMarkers(fired, endMs, windowSec);
  }, [alerts, endMs, windowSec]);
}
