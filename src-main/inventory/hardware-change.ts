/**
 * When the hardware changed enough to read the inventory again: a disk, network interface or GPU
 * appeared or left the snapshot. Load figures never count; only the sets of ids. Pure.
 */
import type { Snapshot } from '../../src-shared/snapshot.ts';

/** The snapshot's devices as one comparable string: disk ids, interface names, GPU ids, each set sorted. */
export function deviceKey(snapshot: Pick<Snapshot, 'disks' | 'network' | 'gpus'>): string {
  const sorted = (ids: string[]) => [...new Set(ids)].sort();
  return JSON.stringify([sorted(snapshot.disks.map((d) => d.id)), sorted(snapshot.network.map((n) => n.name)), sorted(snapshot.gpus.map((g) => g.id))]);
}

/** Whether the devices differ from those the inventory was read against (null: not known then, adopt these). */
export function hasHardwareChanged(readKey: string | null, latestKey: string): boolean {
  return readKey !== null && readKey !== latestKey;
}
