/**
 * Where alerts fired on a chart: x positions (seconds before the chart's end, as its rows' `t`) of
 * the alerts the page holds (active and recent) that fired inside the drawn span, newest first, at
 * most `MAX_ALERT_MARKERS` and one per position. Pure; the chart draws a line at each.
 */
export const MAX_ALERT_MARKERS = 50;

export function alertMarkers(firedAtMs: readonly number[], endMs: number, windowSec: number): number[] {
  const seen = new Set<number>();
  const sorted = [...firedAtMs].sort((a, b) => b - a);
  for (const atMs of sorted) {
    const t = (atMs - endMs) / 1000;
    if (t > 0 || t < -windowSec) continue;
    seen.add(t);
    if (seen.size === MAX_ALERT_MARKERS) break;
  }
  return [...seen];
}
