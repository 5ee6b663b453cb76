/**
 * Connects the API's pushed events to the store: the only writer of live data. The renderer never
 * polls; it applies what arrives.
 */
import { useEffect } from 'react';
import type { StoreApi } from 'zustand';
import type { TaskManagerApi } from '../../src-shared/api.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { assembleSnapshot } from '../../src-shared/stream.ts';
import type { Store } from './store.ts';

export function useLiveFeed(api: TaskManagerApi, store: StoreApi<Store>): void {
  useEffect(() => {
    const { ingestSnapshot, ingestStatus, ingestConnection, ingestShellState } = store.getState();
    let current: Snapshot | null = null;
    const offSnapshot = api.onSnapshotMessage((message) => {
      const next = assembleSnapshot(current, message);
      if (next === null) return; // a delta to a snapshot we don't have: a whole one follows
      current = next;
      ingestSnapshot(next, performance.now());
    });
    const offStatus = api.onStatus(ingestStatus);
    const offConnection = api.onConnection(ingestConnection);
    const offShell = api.onShellState(ingestShellState);
    return () => {
      offSnapshot();
      offStatus();
      offConnection();
      offShell();
    };
  }, [api, store]);
}
