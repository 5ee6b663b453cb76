/**
 * The alerts the page holds (alerts.ts), the toast of the latest that fired, and whether the
 * Alerts panel is open. One writer each for the host's words (`ingestAlerts` for the query's
 * answer, `ingestAlert` for a broadcast), called by the live feed only. The rules are the panel's
 * own business (they load with it: features/alerts/use-rules-view.ts).
 */
import type { StateCreator } from 'zustand';
import type { Alert, AlertsView } from '../../src-shared/alerts.ts';
import { isActiveAlert, upsertAlert, withAnswer } from './alerts.ts';
import type { Store } from './store.ts';

export interface AlertsSlice {
  alerts: readonly Alert[];
  /** The latest alert that fired while the page watched, shown as a toast until dismissed. */
  alertToast: Alert | null;
  isAlertsOpen: boolean;
  /** The `alerts` query's answer; `isWhole`: no alert was broadcast since it was asked (alerts.ts `withAnswer`). */
  ingestAlerts(view: AlertsView, isWhole: boolean): void;
  /** A broadcast: an alert fired (a new id: the toast), cleared, or its outcomes came. */
  ingestAlert(alert: Alert): void;
  dismissAlertToast(): void;
  openAlerts(): void;
  closeAlerts(): void;
}

export const createAlertsSlice: StateCreator<Store, [], [], AlertsSlice> = (set) => ({
  alerts: [],
  alertToast: null,
  isAlertsOpen: false,
  ingestAlerts: (view, isWhole) => set((state) => ({ alerts: withAnswer(state.alerts, view, isWhole) })),
  ingestAlert: (alert) =>
    set((state) => {
      const isNew = !state.alerts.some((a) => a.id === alert.id);
      return { alerts: upsertAlert(state.alerts, alert), alertToast: isNew || state.alertToast?.id === alert.id ? alert : state.alertToast };
    }),
  dismissAlertToast: () => set({ alertToast: null }),
  openAlerts: () => set({ isAlertsOpen: true }),
  closeAlerts: () => set({ isAlertsOpen: false }),
});

export const activeAlertCount = (state: Store): number => state.alerts.filter(isActiveAlert).length;
