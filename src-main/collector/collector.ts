/**
 * The collector: a platform sampler, the snapshot builder and a drift-corrected loop. It primes its
 * counters at start, so the first snapshot (one interval later) already has every rate. A failed
 * sample is reported and the loop goes on. Hosted in its own process by collector-process.ts, or
 * in-process by the `collect` CLI.
 */
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { createPlatform } from './platform/create-platform.ts';
import type { PlatformSampler, StartTimeBasis } from './platform/platform.ts';
import { errorData, type ErrorData } from './protocol.ts';
import { SamplingLoop } from './sampling-loop.ts';
import { SnapshotBuilder } from './snapshot-builder.ts';

export const MIN_INTERVAL_MS = 250;
export const MAX_INTERVAL_MS = 10_000;
export const DEFAULT_INTERVAL_MS = 1_000;

export interface CollectorOptions {
  intervalMs: number;
  isPaused?: boolean;
  includeLoopback?: boolean;
  /** Pids counted in `self` beside this process's own. */
  hostPids?: readonly number[];
  /** A previous collector's start-time basis (identity across restarts). */
  startTimeBasis?: StartTimeBasis | null;
  onSnapshot(snapshot: Snapshot): void;
  onSampleFailed(error: ErrorData): void;
  /** Tests inject a platform; the default is the one for this OS. */
  platform?: PlatformSampler;
}

export class Collector {
  private readonly platform: PlatformSampler;
  private readonly builder: SnapshotBuilder;
  private readonly loop: SamplingLoop;
  private ownPids: Set<number>;
  private isPaused: boolean;

  private readonly options: CollectorOptions;

  constructor(options: CollectorOptions) {
    this.options = options;
    this.platform =
      options.platform ??
      createPlatform({
        intervalMs: options.intervalMs,
        includeLoopback: options.includeLoopback ?? false,
        startTimeBasis: options.startTimeBasis ?? null,
      });
    this.ownPids = new Set([process.pid, ...(options.hostPids ?? [])]);
    this.builder = new SnapshotBuilder(() => this.ownPids);
    this.loop = new SamplingLoop(() => this.tick(), clampInterval(options.intervalMs));
    this.isPaused = options.isPaused ?? false;
  }

  /** What this collector's start times are computed from; a restarted one should reuse it. */
  get startTimeBasis(): StartTimeBasis | null {
    return this.platform.startTimeBasis ?? null;
  }

  start(): void {
    this.tick(); // prime
    if (!this.isPaused) this.loop.start();
  }

  configure(settings: { intervalMs?: number; isPaused?: boolean; hostPids?: readonly number[] }): void {
    if (settings.hostPids) this.ownPids = new Set([process.pid, ...settings.hostPids]);
    if (settings.intervalMs !== undefined) this.loop.setIntervalMs(clampInterval(settings.intervalMs));
    if (settings.isPaused !== undefined && settings.isPaused !== this.isPaused) {
      this.isPaused = settings.isPaused;
      if (this.isPaused) this.loop.stop();
      else {
        // Re-prime: a rate across the pause would be an average over it, not what happens now.
        this.builder.reprime();
        this.tick();
        this.loop.start();
      }
    }
  }

  stop(): void {
    this.loop.stop();
    this.platform.close();
  }

  private tick(): void {
    let snapshot: Snapshot | null;
    try {
      snapshot = this.builder.next(this.platform.sample());
    } catch (error) {
      this.options.onSampleFailed(errorData(error));
      return;
    }
    if (snapshot && !this.isPaused) this.options.onSnapshot(snapshot);
  }
}

export function clampInterval(intervalMs: number): number {
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, Math.round(intervalMs)));
}
