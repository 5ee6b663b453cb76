/**
 * The desktop app's OS notification for each alert that fires (src-shared/alerts.ts): its rule's
 * name and its message, once per alert (the `alert` broadcast comes again when the alert's actions
 * report, and when it clears: neither is notified). A rule notifies at most `maxPerHour` times an
 * hour because the evaluator fires no more than that (the rest are counted as suppressed). A click
 * shows the window on what the alert is about (main.ts: `showWindow` and the shell's
 * `requestFocus`). Electron's `Notification` is injected (electron-imports.test.ts).
 */
import type { Alert } from '../../src-shared/alerts.ts';
import type { Broadcast } from '../../src-shared/query.ts';
import type { ShellState } from '../../src-shared/shell.ts';

/** The parts of Electron's `Notification` used here. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): void;
  show(): void;
}

export interface AlertNotifierDeps {
  /** Electron's `Notification.isSupported()`: false where the desktop has no notifications. */
  isSupported(): boolean;
  create(options: { title: string; body: string }): NotificationLike;
  /** The user clicked the notification of `alert`. */
  onClick(alert: Alert): void;
}

/** Alert ids remembered as notified: far more than can be active at once, so none is notified twice. */
const REMEMBERED_IDS = 1000;
/** Notifications kept referenced until closed, so their click still reaches us (a collected one's does not). */
const KEPT_NOTIFICATIONS = 20;

export type FocusTarget = NonNullable<ShellState['focusRequest']>['target'];

/** What the page is asked to select for an alert: its process, its app, or the machine. */
export function focusTargetOf(alert: Alert): FocusTarget {
  const { subject } = alert;
  switch (subject.kind) {
    case 'process':
      return { kind: 'process', pid: subject.pid, startTimeMs: subject.startTimeMs };
    case 'app':
      return { kind: 'app', appId: subject.appId };
    case 'machine':
      return { kind: 'machine' };
  }
}

export class AlertNotifier {
  private readonly notified = new Set<string>();
  private readonly shown = new Set<NotificationLike>();
  private readonly deps: AlertNotifierDeps;

  constructor(deps: AlertNotifierDeps) {
    this.deps = deps;
  }

  /** Every broadcast of the hub goes through here; only a newly fired alert raises a notification. */
  onBroadcast(broadcast: Broadcast): void {
    if (broadcast.type !== 'alert') return;
    const { alert } = broadcast;
    if (alert.clearedAtMs !== null || this.notified.has(alert.id)) return;
    this.remember(alert.id);
    if (!this.deps.isSupported()) return;
    const notification = this.deps.create({ title: alert.ruleName, body: alert.message });
    notification.on('click', () => this.deps.onClick(alert));
    notification.on('close', () => this.shown.delete(notification));
    this.shown.add(notification);
    for (const old of this.shown) {
      if (this.shown.size <= KEPT_NOTIFICATIONS) break;
      this.shown.delete(old);
    }
    notification.show();
  }

  private remember(id: string): void {
    this.notified.add(id);
    for (const old of this.notified) {
      if (this.notified.size <= REMEMBERED_IDS) break;
      this.notified.delete(old);
    }
  }
}
