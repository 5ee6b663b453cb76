/**
 * The alerts the page holds, one list in the order they came: every active one and the latest
 * cleared, kept up to date from the `alerts` query's answer and the `alert` broadcasts. The panel sorts them for
 * showing (it loads lazily; this module is in the first script). Pure.
 */
import type { Alert, AlertsView } from '../../src-shared/alerts.ts';

/**
 * The cleared alerts the page keeps: the host's `MAX_RECENT_ALERTS` (alerts.test.ts holds them
 * equal). Not imported: a value of src-shared/alerts.ts in the first script would bring the whole
 * module (templates, metric lists, `ruleProblem`) into it, since the Alerts panel shares it.
 */
export const KEPT_RECENT_ALERTS = 200;

/**
 * `held` with a broadcast's `alert` in its place (the same id again: it cleared, or its outcomes
 * came), or added. Past KEPT_RECENT_ALERTS cleared ones, the first of them to have come goes.
 */
export function upsertAlert(held: readonly Alert[], alert: Alert): readonly Alert[] {
  const at = held.findIndex((a) => a.id === alert.id);
  const next = at < 0 ? [...held, alert] : held.with(at, alert);
  if (next.filter((a) => a.clearedAtMs !== null).length <= KEPT_RECENT_ALERTS) return next;
  const first = next.findIndex((a) => a.clearedAtMs !== null);
  return next.toSpliced(first, 1);
}

/**
 * The `alerts` query's answer with what is held: the answer as it is when no alert was broadcast
 * since it was asked (it is the host's whole word: what cleared while the page was away is
 * cleared); else the held alerts, which are newer, and the answer's that are not held.
 */
export function withAnswer(held: readonly Alert[], answer: AlertsView, isWhole: boolean): readonly Alert[] {
  const answered = [...answer.active, ...answer.recent];
  if (isWhole) return answered;
  const ids = new Set(held.map((a) => a.id));
  return [...held, ...answered.filter((a) => !ids.has(a.id))];
}

export const isActiveAlert = (alert: Alert): boolean => alert.clearedAtMs === null;
