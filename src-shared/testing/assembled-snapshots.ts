/** Test helper: the snapshots a listener of `onSnapshotMessage` rebuilds, as plain snapshots. */
import type { TaskManagerApi, Unsubscribe } from '../api.ts';
import type { Snapshot } from '../snapshot.ts';
import { assembleSnapshot } from '../stream.ts';

export function onAssembledSnapshot(api: Pick<TaskManagerApi, 'onSnapshotMessage'>, listener: (snapshot: Snapshot) => void): Unsubscribe {
  let current: Snapshot | null = null;
  return api.onSnapshotMessage((message) => {
    const next = assembleSnapshot(current, message);
    if (next === null) return;
    current = next;
    listener(next);
  });
}
