/**
 * Keeps the previous raw sample and numbers the snapshots; the math is in compute/snapshot.ts.
 */
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { buildSnapshot } from './compute/snapshot.ts';
import type { RawSample } from './platform/platform.ts';

export class SnapshotBuilder {
  private prev: RawSample | null = null;
  private seq = 0;

  private readonly ownPids: () => ReadonlySet<number>;

  constructor(ownPids: () => ReadonlySet<number>) {
    this.ownPids = ownPids;
  }

  /** Forgets the previous sample: the next one primes again (after a pause, say). */
  reprime(): void {
    this.prev = null;
  }

  /** The snapshot since the previous sample, or null for the first (priming) sample. */
  next(raw: RawSample): Snapshot | null {
    const prev = this.prev;
    if (prev !== null && !(raw.monotonicMs > prev.monotonicMs)) return null; // zero interval: wait for the next one
    this.prev = raw;
    if (prev === null) return null;
    this.seq += 1;
    return buildSnapshot(prev, raw, { seq: this.seq, ownPids: this.ownPids() });
  }
}
