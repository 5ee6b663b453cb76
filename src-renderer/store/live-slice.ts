/**
 * What the collector last said: the snapshot, its status and the chart history. One writer:
 * `ingestSnapshot` (and `ingestStatus`), called by the live feed only.
 */
import type { StateCreator } from 'zustand';
import type { CollectorStatus } from '../../src-shared/collector-status.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { appendHistory, historyPoint, type HistoryPoint } from './history.ts';
import type { Store } from './store.ts';

export interface LiveSlice {
  snapshot: Snapshot | null;
  status: CollectorStatus | null;
  /** When the last snapshot arrived, on the page's clock (ms): for the stale-data banner. */
  receivedAtMs: number | null;
  history: HistoryPoint[];
  ingestSnapshot(snapshot: Snapshot, receivedAtMs: number): void;
  ingestStatus(status: CollectorStatus): void;
}

export const createLiveSlice: StateCreator<Store, [], [], LiveSlice> = (set, get) => ({
  snapshot: null,
  status: null,
  receivedAtMs: null,
  history: [],
  ingestSnapshot: (snapshot, receivedAtMs) => {
    // Paused: the view holds still, whatever the collector does.
    if (get().updateSpeed === 'paused') return;
    set((state) => ({ snapshot, receivedAtMs, history: appendHistory(state.history, historyPoint(snapshot)) }));
  },
  ingestStatus: (status) => set({ status }),
});
