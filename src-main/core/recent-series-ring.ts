/**
 * The last minutes of machine-wide figures (`SystemPoint`s), one ring buffer in the core that both
 * hosts feed with every snapshot they receive, so a page that opens draws the last 5 minutes at once
 * (query `recentSeries`). Bounded twice: by time (`spanMs` behind the newest point) and by count
 * (`maxPoints`, 5 minutes at the fastest sampling rate), so its memory is fixed whatever the rate.
 *
 * A gap (collector restarted, sampling paused) is simply absent points, never filled in. A point
 * keeps the snapshot's own figure objects (cpu, memory, disks…; snapshots are never mutated), so
 * the ring costs one small object per tick and a query copies only the list of references.
 */
import type { SystemPoint } from '../../src-shared/query.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';

/** How far back the ring reaches: Task Manager's graphs show 60 s; the page's long view shows 5 minutes. */
export const RECENT_SPAN_MS = 5 * 60_000;
/** 5 minutes at the fastest sampling interval (250 ms). */
export const RECENT_MAX_POINTS = 1_200;

/** A snapshot less its per-process parts (processes, apps, volumes): a new object sharing the figures. */
export function systemPointOf(snapshot: Snapshot): SystemPoint {
  const { processes: _processes, apps: _apps, volumes: _volumes, ...point } = snapshot;
  return point;
}

export class RecentSeriesRing {
  readonly spanMs: number;
  readonly maxPoints: number;
  /** Fixed storage; `start` is the oldest point's slot, `count` how many slots hold points. */
  private readonly slots: (SystemPoint | undefined)[];
  private start = 0;
  private count = 0;

  constructor(options: { spanMs?: number; maxPoints?: number } = {}) {
    this.spanMs = options.spanMs ?? RECENT_SPAN_MS;
    this.maxPoints = options.maxPoints ?? RECENT_MAX_POINTS;
    if (!Number.isInteger(this.maxPoints) || this.maxPoints < 1) throw new RangeError(`maxPoints must be a positive integer, not ${this.maxPoints}`);
    this.slots = new Array<SystemPoint | undefined>(this.maxPoints);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the snapshot's figures as the newest point. */
  pushSnapshot(snapshot: Snapshot): void {
    this.push(systemPointOf(snapshot));
  }

  /**
   * Adds `point` as the newest. Points are kept in time order: when the wall clock stepped back
   * (NTP, a user's change), the points now "in the future" are dropped rather than reordered, so
   * every answer stays oldest first with strictly rising `takenAtMs`.
   */
  push(point: SystemPoint): void {
    while (this.count > 0 && this.at(this.count - 1).takenAtMs >= point.takenAtMs) this.dropNewest();
    if (this.count === this.maxPoints) this.dropOldest();
    this.slots[(this.start + this.count) % this.maxPoints] = point;
    this.count += 1;
    this.evictBefore(point.takenAtMs - this.spanMs);
  }

  /**
   * The points of the last `spanMs` before `nowMs` (wall clock, as `takenAtMs`), oldest first: a new
   * array of the stored points, nothing else copied. A ring fed nothing for a while (collector down,
   * paused) answers only what is still within the span, possibly nothing.
   */
  points(nowMs: number): SystemPoint[] {
    const from = nowMs - this.spanMs;
    const answer: SystemPoint[] = [];
    for (let i = 0; i < this.count; i++) {
      const point = this.at(i);
      if (point.takenAtMs >= from) answer.push(point);
    }
    return answer;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.start = 0;
    this.count = 0;
  }

  private at(index: number): SystemPoint {
    const point = this.slots[(this.start + index) % this.maxPoints];
    if (point === undefined) throw new Error(`ring slot ${index} of ${this.count} is empty (a bug)`);
    return point;
  }

  private evictBefore(fromMs: number): void {
    while (this.count > 0 && this.at(0).takenAtMs < fromMs) this.dropOldest();
  }

  private dropOldest(): void {
    this.slots[this.start] = undefined;
    this.start = (this.start + 1) % this.maxPoints;
    this.count -= 1;
  }

  private dropNewest(): void {
    this.slots[(this.start + this.count - 1) % this.maxPoints] = undefined;
    this.count -= 1;
  }
}
