/**
 * The alerts the page holds, one list in the order they came: every active one and the latest
 * cleared, kept up to date from the `alerts` query's answer and the `alert` broadcasts (the same
 * `id` again when an alert clears or its actions' outcomes come). The panel sorts them for
 * showing (it loads lazily; this module is in the first script). Pure.
 */
import type { Alert } from '../../src-shared/alerts.ts';

/**
 * The cleared alerts the page keeps: the host's `MAX_RECENT_ALERTS` (alerts.test.ts holds them
 * equal). Not imported: a value of src-shared/alerts.ts in the first script would bring the whole
 * module (templates, metric lists, `ruleProblem`) into it, since the Alerts panel shares it.
 */
export const KEPT_RECENT_ALERTS = 200;

/**
 * Whether `next` says more than `held` of the same alert: a clear comes after the fire, and
 * outcomes only ever add up. A query's answer may be older than a broadcast that came before it.
 */
export function isNewerAlert(next: Alert, held: Alert): boolean {
  if ((next.clearedAtMs === null) !== (held.clearedAtMs === null)) return next.clearedAtMs !== null;
  return next.actions.length > held.actions.length;
}

/**
 * `held` with `alert` in its place (or added): a broadcast is the latest word on its alert
 * (`isLatest`); a query's answer replaces only what it says more of. Past KEPT_RECENT_ALERTS
 * cleared ones, the one cleared longest ago goes.
 */
export function upsertAlert(held: readonly Alert[], alert: Alert, isLatest: boolean): readonly Alert[] {
  const at = held.findIndex((a) => a.id === alert.id);
  const old = held[at];
  if (old && !isLatest && !isNewerAlert(alert, old)) return held;
  const next = old ? held.with(at, alert) : [...held, alert];
  const cleared = next.filter((a) => a.clearedAtMs !== null);
  if (cleared.length <= KEPT_RECENT_ALERTS) return next;
  const oldest = cleared.reduce((a, b) => ((b.clearedAtMs ?? 0) < (a.clearedAtMs ?? 0) ? b : a));
  return next.filter((a) => a !== oldest);
}

export const isActiveAlert = (alert: Alert): boolean => alert.clearedAtMs === null;
