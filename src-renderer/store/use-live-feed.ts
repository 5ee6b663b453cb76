/**
 * Connects the API's pushed events to the store: the only writer of live data. The renderer never
 * polls; it applies what arrives. Once connected (and again after the link to the host came back)
 * it asks, once each, for the machine's facts, history's status, the host's recent series and the
 * alerts, so a page opened now starts with the last minutes drawn and the alerts that are active;
 * later facts, statuses and alerts come as broadcasts.
 *
 * The desktop app may show another machine (ShellState.shownMachine): when the shell says it shows
 * another one, the store forgets the one before (machine-switch.ts), answers asked of it are
 * dropped, and the new one is asked the same questions once it is connected (again after it was
 * unreachable). Its rows come from the whole snapshot main sends first after a switch; the last
 * snapshot is kept for assembling, so a switch said after that snapshot still shows the next one.
 */
import { useEffect } from 'react';
import type { StoreApi } from 'zustand';
import type { TaskManagerApi, Unsubscribe } from '../../src-shared/api.ts';
import type { Inventory } from '../../src-shared/inventory.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { assembleSnapshot } from '../../src-shared/stream.ts';
import { isShownSourceReady, shownMachineId } from './machine-switch.ts';
import type { Store } from './store.ts';

export function useLiveFeed(api: TaskManagerApi, store: StoreApi<Store>): void {
  useEffect(() => connectLiveFeed(api, store), [api, store]);
}

/** Subscribes the store to `api`; returns what undoes it (later answers are then dropped). */
export function connectLiveFeed(api: TaskManagerApi, store: StoreApi<Store>): Unsubscribe {
  const { ingestSnapshot, ingestStatus, ingestConnection, ingestShellState, ingestMachineSwitch, ingestInventory, ingestRecentSeries, ingestHistoryStatus, ingestAlerts, ingestAlert } =
    store.getState();
  let current: Snapshot | null = null;
  let isConnected = false;
  let isStopped = false;
  // The machine shown (undefined until the shell said), how many switches there were (an answer
  // asked before the last one is another machine's), and whether the source shown was asked.
  let shownId: string | null | undefined;
  let switches = 0;
  let wasReady = false;
  // History's status has no time of its own: a query's answer is dropped if a broadcast came since it was asked.
  let statusPushes = 0;
  let alertPushes = 0;
  // The query may answer after a broadcast brought newer facts: keep the newer read.
  const takeInventory = (inventory: Inventory) => {
    const held = store.getState().inventory;
    if (held === null || held.readAtMs <= inventory.readAtMs) ingestInventory(inventory);
  };
  const askRecent = () => {
    const switchesAtAsk = switches;
    const isCurrent = () => !isStopped && switches === switchesAtAsk;
    void api.query({ kind: 'recentSeries' }).then((result) => {
      if (isCurrent() && result.ok) ingestRecentSeries(result.value.points);
    });
    void api.query({ kind: 'inventory' }).then((result) => {
      if (isCurrent() && result.ok && result.value !== null) takeInventory(result.value);
    });
    const pushesAtAsk = statusPushes;
    void api.query({ kind: 'historyStatus' }).then((result) => {
      if (isCurrent() && result.ok && statusPushes === pushesAtAsk) ingestHistoryStatus(result.value);
    });
    // An alert broadcast since the ask is newer than the answer (store/alerts.ts `withAnswer`).
    const alertPushesAtAsk = alertPushes;
    void api.query({ kind: 'alerts' }).then((result) => {
      if (isCurrent() && result.ok) ingestAlerts(result.value, alertPushes === alertPushesAtAsk);
    });
  };
  // Asked once each time the source becomes able to answer: the link came (back), or the machine
  // shown connected. Not before: over the host, a query before the token is accepted answers COLLECTOR_DOWN.
  const askWhenReady = () => {
    const isReady = isConnected && isShownSourceReady(store.getState().shell);
    if (isReady && !wasReady) askRecent();
    wasReady = isReady;
  };
  const offSnapshot = api.onSnapshotMessage((message) => {
    const next = assembleSnapshot(current, message);
    if (next === null) return; // a delta to a snapshot we don't have: a whole one follows
    current = next;
    ingestSnapshot(next, performance.now());
  });
  const offStatus = api.onStatus(ingestStatus);
  const offConnection = api.onConnection((connection) => {
    ingestConnection(connection);
    isConnected = connection.state === 'connected';
    askWhenReady();
  });
  const offShell = api.onShellState((shell) => {
    const id = shownMachineId(shell);
    if (shownId !== undefined && id !== shownId) {
      switches += 1;
      wasReady = false;
      ingestMachineSwitch();
    }
    shownId = id;
    ingestShellState(shell);
    askWhenReady();
  });
  const offBroadcast = api.onBroadcast((broadcast) => {
    if (broadcast.type === 'inventory') takeInventory(broadcast.inventory);
    else if (broadcast.type === 'historyStatus') {
      statusPushes += 1;
      ingestHistoryStatus(broadcast.status);
    } else if (broadcast.type === 'alert') {
      alertPushes += 1;
      ingestAlert(broadcast.alert);
    }
  });
  return () => {
    isStopped = true;
    offSnapshot();
    offStatus();
    offConnection();
    offShell();
    offBroadcast();
  };
}
