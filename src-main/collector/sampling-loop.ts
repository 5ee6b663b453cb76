/**
 * A drift-corrected loop: ticks are due at start + k × interval, and each wait is what is left of
 * the interval after the tick's own work (never a bare setInterval, whose ticks drift and pile up).
 * A tick that overruns skips the slots it missed instead of firing them back to back.
 */
export interface LoopClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: LoopClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SamplingLoop {
  private timer: unknown = null;
  private nextDueMs = 0;
  private isRunning = false;

  private readonly tick: () => void;
  private intervalMs: number;
  private readonly clock: LoopClock;

  constructor(tick: () => void, intervalMs: number, clock: LoopClock = realClock) {
    this.tick = tick;
    this.intervalMs = intervalMs;
    this.clock = clock;
  }

  get interval(): number {
    return this.intervalMs;
  }

  get running(): boolean {
    return this.isRunning;
  }

  /** Starts ticking; the first tick is one interval from now. */
  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.nextDueMs = this.clock.now() + this.intervalMs;
    this.schedule();
  }

  stop(): void {
    this.isRunning = false;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** A new interval applies from now: the next tick is one new interval away. */
  setIntervalMs(intervalMs: number): void {
    this.intervalMs = intervalMs;
    if (!this.isRunning) return;
    this.stop();
    this.start();
  }

  private schedule(): void {
    const waitMs = Math.max(0, this.nextDueMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => this.fire(), waitMs);
  }

  private fire(): void {
    this.timer = null;
    if (!this.isRunning) return;
    this.tick();
    // The tick may have stopped the loop, or restarted it (setIntervalMs): then its schedule stands.
    if (!this.isRunning || this.timer !== null) return;
    const now = this.clock.now();
    this.nextDueMs += this.intervalMs;
    if (this.nextDueMs <= now) {
      const missed = Math.floor((now - this.nextDueMs) / this.intervalMs) + 1;
      this.nextDueMs += missed * this.intervalMs;
    }
    this.schedule();
  }
}
