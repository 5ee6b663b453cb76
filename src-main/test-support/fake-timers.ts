/**
 * Test support: a clock and timers driven by hand, for the sampling loop and the supervisor.
 * `advance` moves time forward and fires each timer at its due time, in order; `spend` moves time
 * without firing anything (the work a tick does).
 */
interface PendingTimer {
  id: number;
  dueMs: number;
  callback: () => void;
}

export class FakeTimers {
  nowMs: number;
  /** Every wait asked for, in ms, in order. */
  readonly waits: number[] = [];
  private pending: PendingTimer[] = [];
  private nextId = 1;

  constructor(nowMs = 0) {
    this.nowMs = nowMs;
  }

  now(): number {
    return this.nowMs;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, dueMs: this.nowMs + ms, callback };
    this.waits.push(ms);
    this.pending.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  spend(ms: number): void {
    this.nowMs += ms;
  }

  advance(ms: number): void {
    const endMs = this.nowMs + ms;
    for (;;) {
      const due = this.pending.filter((timer) => timer.dueMs <= endMs).sort((a, b) => a.dueMs - b.dueMs || a.id - b.id)[0];
      if (!due) break;
      this.pending = this.pending.filter((timer) => timer !== due);
      this.nowMs = Math.max(this.nowMs, due.dueMs);
      due.callback();
    }
    this.nowMs = Math.max(this.nowMs, endMs);
  }
}
