/**
 * Connects the API's pushed events to the store: the only writer of live data. The renderer never
 * polls; it applies what arrives.
 */
import { useEffect } from 'react';
import type { StoreApi } from 'zustand';
import type { TaskManagerApi } from '../../src-shared/api.ts';
import type { Store } from './store.ts';

export function useLiveFeed(api: TaskManagerApi, store: StoreApi<Store>): void {
  useEffect(() => {
    const { ingestSnapshot, ingestStatus, ingestShellState } = store.getState();
    const offSnapshot = api.onSnapshot((snapshot) => ingestSnapshot(snapshot, performance.now()));
    const offStatus = api.onStatus(ingestStatus);
    const offShell = api.onShellState(ingestShellState);
    return () => {
      offSnapshot();
      offStatus();
      offShell();
    };
  }, [api, store]);
}
