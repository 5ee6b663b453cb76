/**
 * The one supervisor of the collector process (DESIGN.md "One supervisor"). Each host injects how
 * a collector process is started (`utilityProcess.fork` in the app, `child_process.fork` in the
 * headless host); the supervisor starts it, restarts it with exponential backoff when it exits or
 * stops producing snapshots, and publishes snapshots and status to its listeners.
 */
import type { CollectorStatus } from '../../src-shared/collector-status.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { assembleSnapshot, type SnapshotDelta } from '../../src-shared/stream.ts';

/** A new snapshot, and the delta that made it from the one before (null: it came whole). */
export type SnapshotListener = (snapshot: Snapshot, delta: SnapshotDelta | null) => void;
import type { CollectorStartOptions, CollectorToHost, ErrorData, HostToCollector } from '../collector/protocol.ts';

export interface CollectorHandle {
  readonly pid: number | undefined;
  send(message: HostToCollector): void;
  kill(): void;
  onMessage(listener: (message: CollectorToHost) => void): void;
  /** Called once when the process has exited, with a plain-words reason. */
  onExit(listener: (reason: string) => void): void;
}

export type CollectorLauncher = () => CollectorHandle;

export interface SupervisorTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SupervisorOptions {
  launch: CollectorLauncher;
  start: CollectorStartOptions;
  /** First restart delay; doubles per consecutive failure up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A collector that ran this long resets the backoff. */
  healthyAfterMs?: number;
  /** No snapshot for this long while not paused: the collector is hung and is restarted. */
  stallTimeoutMs?: number;
  timers?: SupervisorTimers;
  onSampleFailed?(error: ErrorData): void;
}

const defaultTimers: SupervisorTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class CollectorSupervisor {
  private handle: CollectorHandle | null = null;
  private latestSnapshot: Snapshot | null = null;
  private currentStatus: CollectorStatus;
  private readonly snapshotListeners = new Set<SnapshotListener>();
  private readonly statusListeners = new Set<(status: CollectorStatus) => void>();
  private failures = 0;
  private restarts = 0;
  private startedAtMs = 0;
  private restartTimer: unknown = null;
  private stallTimer: unknown = null;
  private isStopping = false;
  private settings: CollectorStartOptions;
  private readonly timers: SupervisorTimers;

  private readonly options: SupervisorOptions;

  constructor(options: SupervisorOptions) {
    this.options = options;
    this.timers = options.timers ?? defaultTimers;
    this.settings = { ...options.start };
    this.currentStatus = { state: 'stopped', restarts: 0, message: null, sinceMs: this.timers.now() };
  }

  get status(): CollectorStatus {
    return this.currentStatus;
  }

  /** The latest snapshot, or null while none has arrived since the last (re)start. */
  get latest(): Snapshot | null {
    return this.latestSnapshot;
  }

  /** What the collector computes start times from (identity), once a collector has said. */
  get startTimeBasis(): CollectorStartOptions['startTimeBasis'] {
    return this.settings.startTimeBasis ?? null;
  }

  get collectorPid(): number | undefined {
    return this.handle?.pid;
  }

  /**
   * Every new snapshot; with the collector's delta from the previous one when it came as one, so
   * a host can pass that change on to its pages instead of computing it again.
   */
  onSnapshot(listener: SnapshotListener): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  onStatus(listener: (status: CollectorStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Starts the collector; a second call while one runs or is due to restart does nothing. */
  start(): void {
    if (this.handle !== null || this.restartTimer !== null) return;
    this.isStopping = false;
    this.launch();
  }

  /** Changes the interval, pauses, or names the host's own pids (a renderer came or went); remembered for restarts. */
  configure(settings: { intervalMs?: number; isPaused?: boolean; hostPids?: readonly number[] }): void {
    if (settings.intervalMs !== undefined) this.settings.intervalMs = settings.intervalMs;
    if (settings.isPaused !== undefined) this.settings.isPaused = settings.isPaused;
    if (settings.hostPids !== undefined) this.settings.hostPids = [...settings.hostPids];
    this.handle?.send({ type: 'configure', ...settings });
    this.armStallTimer();
  }

  /** Stops the collector for good (host shutdown); resolves when it has exited. */
  stop(): Promise<void> {
    this.isStopping = true;
    this.clearTimer('restartTimer');
    this.clearTimer('stallTimer');
    const handle = this.handle;
    if (!handle) {
      this.setStatus('stopped', null);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const killTimer = this.timers.setTimeout(() => handle.kill(), 2_000);
      handle.onExit(() => {
        this.timers.clearTimeout(killTimer);
        resolve();
      });
      handle.send({ type: 'stop' });
    });
  }

  private launch(): void {
    this.latestSnapshot = null;
    this.setStatus('starting', this.currentStatus.message);
    let handle: CollectorHandle;
    try {
      handle = this.options.launch();
    } catch (error) {
      this.onDown(`the collector could not be started: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.handle = handle;
    this.startedAtMs = this.timers.now();
    handle.onMessage((message) => {
      if (this.handle === handle) this.onCollectorMessage(message);
    });
    handle.onExit((reason) => {
      if (this.handle !== handle) return;
      this.handle = null;
      if (this.isStopping) this.setStatus('stopped', null);
      else this.onDown(reason);
    });
    handle.send({ type: 'start', options: this.settings });
    this.armStallTimer();
  }

  private onCollectorMessage(message: CollectorToHost): void {
    switch (message.type) {
      case 'ready':
        return;
      case 'started':
        // Remembered for the next start: a restarted collector computes the same identities.
        if (message.startTimeBasis) this.settings.startTimeBasis = message.startTimeBasis;
        return;
      case 'snapshot':
      case 'delta': {
        // A delta applies to the last snapshot this supervisor holds; one that doesn't (it can't
        // happen on an ordered channel, but a host must not guess) asks for a whole one.
        const snapshot = assembleSnapshot(this.latestSnapshot, message);
        if (snapshot === null) {
          this.handle?.send({ type: 'resync' });
          return;
        }
        this.latestSnapshot = snapshot;
        if (this.currentStatus.state !== 'up') this.setStatus('up', null);
        if (this.timers.now() - this.startedAtMs >= (this.options.healthyAfterMs ?? 30_000)) this.failures = 0;
        this.armStallTimer();
        const delta = message.type === 'delta' ? message.delta : null;
        for (const listener of this.snapshotListeners) listener(snapshot, delta);
        return;
      }
      case 'sample-failed':
        this.options.onSampleFailed?.(message.error);
        return;
      case 'fatal':
        this.onDown(`the collector failed: ${message.error.message}`);
        return;
    }
  }

  private onDown(reason: string): void {
    this.clearTimer('stallTimer');
    const handle = this.handle;
    this.handle = null;
    handle?.kill();
    // While stopping, this handle's exit is no longer listened to: say "stopped" here.
    if (this.isStopping) {
      this.setStatus('stopped', null);
      return;
    }
    this.latestSnapshot = null;
    this.setStatus('down', reason);
    const backoffMs = Math.min(
      this.options.maxBackoffMs ?? 30_000,
      (this.options.initialBackoffMs ?? 500) * 2 ** this.failures,
    );
    this.failures += 1;
    this.clearTimer('restartTimer');
    this.restartTimer = this.timers.setTimeout(() => {
      this.restartTimer = null;
      this.restarts += 1;
      this.launch();
    }, backoffMs);
  }

  private armStallTimer(): void {
    this.clearTimer('stallTimer');
    if (this.isStopping || this.settings.isPaused || !this.handle) return;
    const timeoutMs = this.options.stallTimeoutMs ?? Math.max(10_000, this.settings.intervalMs * 5);
    this.stallTimer = this.timers.setTimeout(() => {
      this.stallTimer = null;
      this.onDown(`the collector sent nothing for ${Math.round(timeoutMs / 1000)} s and was restarted`);
    }, timeoutMs);
  }

  private clearTimer(which: 'restartTimer' | 'stallTimer'): void {
    if (this[which] !== null) this.timers.clearTimeout(this[which]);
    this[which] = null;
  }

  private setStatus(state: CollectorStatus['state'], message: string | null): void {
    this.currentStatus = { state, restarts: this.restarts, message, sinceMs: this.timers.now() };
    for (const listener of this.statusListeners) listener(this.currentStatus);
  }
}
