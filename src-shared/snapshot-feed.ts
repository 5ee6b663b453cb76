/**
 * The snapshot side of `TaskManagerApi` for an implementation that receives whole snapshots and
 * deltas from elsewhere (the preload from main's port, the browser client from the host's
 * socket): it keeps the latest snapshot, hands a new listener that whole snapshot first, and then
 * passes each message on only if it applies, so every listener's chain of deltas stays unbroken.
 */
import type { Unsubscribe } from './api.ts';
import type { Snapshot } from './snapshot.ts';
import { assembleSnapshot, type SnapshotMessage } from './stream.ts';

export class SnapshotFeed {
  private current: Snapshot | null = null;
  private readonly listeners = new Set<(message: SnapshotMessage) => void>();

  get latest(): Snapshot | null {
    return this.current;
  }

  /** A message from the source. A delta that does not apply to the latest snapshot is dropped (a whole one follows). */
  receive(message: SnapshotMessage): void {
    const next = assembleSnapshot(this.current, message);
    if (next === null) return;
    this.current = next;
    for (const listener of this.listeners) listener(message);
  }

  subscribe(listener: (message: SnapshotMessage) => void): Unsubscribe {
    this.listeners.add(listener);
    if (this.current !== null) listener({ type: 'snapshot', snapshot: this.current });
    return () => {
      this.listeners.delete(listener);
    };
  }
}
