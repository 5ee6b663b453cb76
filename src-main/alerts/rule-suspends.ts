/**
 * The processes rules have suspended, each waiting to be resumed when SUSPEND_EXPIRY_MS is up
 * (alert-service.ts resumes it through the command path), unless the user keeps it suspended
 * (`keep`), or the app closes first (`takeAll`: they are all resumed then).
 */
import { SUSPEND_EXPIRY_MS, type AlertActionOutcome } from '../../src-shared/alerts.ts';

/** Whatever `setTimer` returns, handed back to `clearTimer`. */
export type TimerHandle = unknown;

export interface SuspendedByRule {
  alertId: string;
  ruleName: string;
  target: AlertActionOutcome['target'];
}

export interface RuleSuspendsOptions {
  /** Called when a process's time is up (it is no longer held here). */
  onExpired: (suspended: SuspendedByRule) => void;
  setTimer?: (callback: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
}

const keyOf = (alertId: string, pid: number, startTimeMs: number) => `${alertId}|${pid}|${startTimeMs}`;

function defaultSetTimer(callback: () => void, ms: number): TimerHandle {
  const timer = setTimeout(callback, ms);
  // A pending resume never keeps a host alive: its close resumes what is left.
  timer.unref();
  return timer;
}

export class RuleSuspends {
  private readonly held = new Map<string, { suspended: SuspendedByRule; timer: TimerHandle }>();
  private readonly onExpired: (suspended: SuspendedByRule) => void;
  private readonly setTimer: (callback: () => void, ms: number) => TimerHandle;
  private readonly clearTimer: (handle: TimerHandle) => void;

  constructor(options: RuleSuspendsOptions) {
    this.onExpired = options.onExpired;
    this.setTimer = options.setTimer ?? defaultSetTimer;
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as NodeJS.Timeout));
  }

  /** A rule's suspend succeeded: resume it in SUSPEND_EXPIRY_MS (a second suspend of it by the same alert starts the time again). */
  add(suspended: SuspendedByRule): void {
    const key = keyOf(suspended.alertId, suspended.target.pid, suspended.target.startTimeMs);
    const earlier = this.held.get(key);
    if (earlier) this.clearTimer(earlier.timer);
    const entry = {
      suspended,
      timer: this.setTimer(() => {
        if (this.held.get(key) !== entry) return;
        this.held.delete(key);
        this.onExpired(suspended);
      }, SUSPEND_EXPIRY_MS),
    };
    this.held.set(key, entry);
  }

  /** The user keeps it suspended: it is no longer resumed. Null when no such process waits. */
  keep(alertId: string, pid: number, startTimeMs: number): SuspendedByRule | null {
    const key = keyOf(alertId, pid, startTimeMs);
    const entry = this.held.get(key);
    if (!entry) return null;
    this.clearTimer(entry.timer);
    this.held.delete(key);
    return entry.suspended;
  }

  /** Every process still waiting (their timers cleared), for the caller to resume now. */
  takeAll(): SuspendedByRule[] {
    const all = [...this.held.values()];
    this.held.clear();
    for (const entry of all) this.clearTimer(entry.timer);
    return all.map((entry) => entry.suspended);
  }
}
