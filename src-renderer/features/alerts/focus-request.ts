/**
 * A click on an alert's OS notification (desktop app: main shows the window and says so in
 * `ShellState.focusRequest`): its process, or its app's processes, selected in Processes while
 * they run; the Alerts panel otherwise (a machine's alert, or a process that has gone), where the
 * alert is. Loaded when the first click comes (use-focus-requests.ts).
 */
import type { StoreApi } from 'zustand';
import type { ShellState } from '../../../src-shared/shell.ts';
import type { Store } from '../../store/store.ts';
import { runningTargets } from './alert-links.ts';
import { showProcesses } from './show-processes.ts';

export function applyFocusRequest(store: StoreApi<Store>, request: NonNullable<ShellState['focusRequest']>): void {
  const { target } = request;
  const snapshot = store.getState().snapshot;
  const rows =
    target.kind === 'process'
      ? runningTargets({ kind: 'process', pid: target.pid, startTimeMs: target.startTimeMs, name: '' }, snapshot)
      : target.kind === 'app'
        ? runningTargets({ kind: 'app', appId: target.appId, name: '' }, snapshot)
        : [];
  if (!showProcesses(store, rows)) store.getState().openAlerts();
}
