/**
 * Where alerts fired on a chart, pure: the alerts the page holds (active and recent) and, in a past
 * range, the ones history noted there (`firedInHistory`), merged into lines at x positions
 * (seconds before the chart's end, as its rows' `t`) inside the drawn span, newest first, at most
 * `MAX_ALERT_MARKERS` and one per moment, each named after its rules and time. The chart draws a
 * line at each.
 */
import { firedNoteRule } from '../../../src-shared/alert-notes.ts';
import type { HistoryEvent } from '../../../src-shared/query.ts';
import { formatDateTime } from '../../format.ts';
import { performanceStrings } from './performance-strings.ts';

export const MAX_ALERT_MARKERS = 50;

/** An alert that fired: when, and its rule's name. */
export interface FiredAlert {
  atMs: number;
  ruleName: string;
}

/** A line on a chart: where (`t`, seconds, ≤ 0) and what it says on hover ("CPU hog fired at …"). */
export interface AlertMarker {
  t: number;
  label: string;
}

/** The alerts history's events say fired: kind `alert` with a fired note, not a clear nor an action's outcome. */
export function firedInHistory(events: readonly HistoryEvent[]): FiredAlert[] {
  const fired: FiredAlert[] = [];
  for (const event of events) {
    if (event.kind !== 'alert' || event.detail === null) continue;
    const ruleName = firedNoteRule(event.detail);
    if (ruleName !== null) fired.push({ atMs: event.atMs, ruleName });
  }
  return fired;
}

/** The markers of `fired` (from any sources, duplicates allowed) in the span of `windowSec` ending at `endMs`. */
export function alertMarkers(fired: readonly FiredAlert[], endMs: number, windowSec: number): AlertMarker[] {
  const names = new Map<number, Set<string>>();
  const sorted = [...fired].sort((a, b) => b.atMs - a.atMs);
  for (const alert of sorted) {
    const t = (alert.atMs - endMs) / 1000;
    if (t > 0 || t < -windowSec) continue;
    const at = names.get(alert.atMs);
    if (at !== undefined) {
      at.add(alert.ruleName);
      continue;
    }
    if (names.size === MAX_ALERT_MARKERS) break;
    names.set(alert.atMs, new Set([alert.ruleName]));
  }
  return [...names].map(([atMs, rules]) => ({ t: (atMs - endMs) / 1000, label: performanceStrings.alertMarker([...rules].join(', '), formatDateTime(atMs)) }));
}
