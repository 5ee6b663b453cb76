/**
 * The alerts the page holds: active ones and the latest that cleared, kept up to date from the
 * `alerts` query's answer and the `alert` broadcasts (the same `id` again when an alert clears or
 * its actions' outcomes come). Pure.
 */
import { MAX_RECENT_ALERTS, type Alert, type AlertsView } from '../../src-shared/alerts.ts';

export const NO_ALERTS: AlertsView = { active: [], recent: [] };

/**
 * Whether `next` says more than `held` of the same alert: a clear comes after the fire, and
 * outcomes only ever add up. A query's answer may be older than a broadcast that came before it.
 */
export function isNewerAlert(next: Alert, held: Alert): boolean {
  if ((next.clearedAtMs === null) !== (held.clearedAtMs === null)) return next.clearedAtMs !== null;
  return next.actions.length > held.actions.length;
}

const findAlert = (view: AlertsView, id: string): Alert | undefined => view.active.find((a) => a.id === id) ?? view.recent.find((a) => a.id === id);

/**
 * `view` with `alert` in its place: active while not cleared (newest fired first), else among the
 * recent (newest cleared first, at most MAX_RECENT_ALERTS). A broadcast is the latest word on its
 * alert (`isLatest`); a query's answer replaces only what it says more of (`isNewerAlert`).
 */
export function upsertAlert(view: AlertsView, alert: Alert, isLatest: boolean): AlertsView {
  const held = findAlert(view, alert.id);
  if (held && !isLatest && !isNewerAlert(alert, held)) return view;
  const active = view.active.filter((a) => a.id !== alert.id);
  const recent = view.recent.filter((a) => a.id !== alert.id);
  if (alert.clearedAtMs === null) {
    active.push(alert);
    active.sort((a, b) => b.firedAtMs - a.firedAtMs);
  } else {
    recent.push(alert);
    recent.sort((a, b) => (b.clearedAtMs ?? 0) - (a.clearedAtMs ?? 0) || b.firedAtMs - a.firedAtMs);
    recent.length = Math.min(recent.length, MAX_RECENT_ALERTS);
  }
  return { active, recent };
}

/** The held alerts with a query's answer merged in (what came by broadcast since it was asked stays). */
export function mergeAlertsView(held: AlertsView, answer: AlertsView): AlertsView {
  let view = held;
  for (const alert of [...answer.active, ...answer.recent]) view = upsertAlert(view, alert, false);
  return view;
}

/** Every alert held once, active first: for markers and links. */
export const allAlerts = (view: AlertsView): Alert[] => [...view.active, ...view.recent];
