/**
 * Rules and alerts (src-shared/alerts.ts): the rules with their states (the retained `rules`
 * broadcast, or the query at connect), the alerts held (alerts.ts), the toast of the latest alert
 * that fired, and whether the Alerts panel is open. One writer each for the host's words
 * (`ingestRules`, `ingestAlertsView`, `ingestAlert`), called by the live feed only.
 */
import type { StateCreator } from 'zustand';
import type { Alert, AlertsView, RulesView } from '../../src-shared/alerts.ts';
import type { Failure } from '../../src-shared/results.ts';
import { mergeAlertsView, NO_ALERTS, upsertAlert } from './alerts.ts';
import type { Store } from './store.ts';

export interface AlertsSlice {
  /** Null until the host said (or when it keeps no rules: `rulesFailure`). */
  rulesView: RulesView | null;
  /** Why there are no rules here (UNSUPPORTED: a host without rules); null otherwise. */
  rulesFailure: Failure | null;
  alerts: AlertsView;
  /** The latest alert that fired while the page watched, shown as a toast until dismissed. */
  alertToast: Alert | null;
  isAlertsOpen: boolean;
  ingestRules(result: { ok: true; value: RulesView } | Failure): void;
  ingestAlertsView(view: AlertsView): void;
  /** A broadcast: an alert fired (a new id: the toast), cleared, or its outcomes came. */
  ingestAlert(alert: Alert): void;
  dismissAlertToast(): void;
  openAlerts(): void;
  closeAlerts(): void;
}

export const createAlertsSlice: StateCreator<Store, [], [], AlertsSlice> = (set) => ({
  rulesView: null,
  rulesFailure: null,
  alerts: NO_ALERTS,
  alertToast: null,
  isAlertsOpen: false,
  ingestRules: (result) => set(result.ok ? { rulesView: result.value, rulesFailure: null } : { rulesFailure: result }),
  ingestAlertsView: (view) => set((state) => ({ alerts: mergeAlertsView(state.alerts, view) })),
  ingestAlert: (alert) =>
    set((state) => {
      const isNew = !state.alerts.active.some((a) => a.id === alert.id) && !state.alerts.recent.some((a) => a.id === alert.id);
      const alerts = upsertAlert(state.alerts, alert, true);
      return { alerts, alertToast: isNew || state.alertToast?.id === alert.id ? alert : state.alertToast };
    }),
  dismissAlertToast: () => set({ alertToast: null }),
  openAlerts: () => set({ isAlertsOpen: true }),
  closeAlerts: () => set({ isAlertsOpen: false }),
});

export const activeAlertCount = (state: Store): number => state.alerts.active.length;
