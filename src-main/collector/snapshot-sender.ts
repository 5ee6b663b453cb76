/**
 * What the collector sends its host each tick: the first snapshot whole, then only the change from
 * the last one sent (`computeDelta`, the page stream's format), until the host asks for a `resync`.
 * At 2,000 processes that is a few KB a tick instead of a ~1 MB snapshot cloned into the host, and
 * the host keeps the rows that did not change as the very same objects. Its only state is the last
 * snapshot sent; the math is src-shared/stream.ts's.
 */
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { computeDelta } from '../../src-shared/stream.ts';
import type { CollectorToHost } from './protocol.ts';

export class SnapshotSender {
  private lastSent: Snapshot | null = null;

  /** The message for `snapshot`: whole the first time (or after `resync`), a delta otherwise. */
  next(snapshot: Snapshot): Extract<CollectorToHost, { type: 'snapshot' | 'delta' }> {
    const base = this.lastSent;
    this.lastSent = snapshot;
    return base === null ? { type: 'snapshot', snapshot } : { type: 'delta', delta: computeDelta(base, snapshot) };
  }

  /** The host could not apply a delta: send the next snapshot whole. */
  resync(): void {
    this.lastSent = null;
  }
}
