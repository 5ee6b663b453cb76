/**
 * Shows processes in the Processes tab, live: selected, the main one (the oldest) focused and in
 * view, a search that would hide it cleared, its tree opened (apps/open-details.ts plans it), and
 * the Alerts panel closed. For "Show the process" of an alert and for a click on an alert's OS
 * notification (focus-request.ts). False when none of them still runs.
 */
import type { StoreApi } from 'zustand';
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import type { Store } from '../../store/store.ts';
import { openDetailsPlan } from '../apps/open-details.ts';

export function showProcesses(store: StoreApi<Store>, rows: readonly ProcessRow[]): boolean {
  const state = store.getState();
  const oldestFirst = [...rows].sort((a, b) => a.startTimeMs - b.startTimeMs || a.pid - b.pid);
  const plan = openDetailsPlan({ apps: [], processes: oldestFirst, all: oldestFirst, roots: oldestFirst }, state.snapshot?.processes ?? [], state.search, state.viewMode);
  if (!plan) return false;
  if (state.viewAtMs !== null) state.backToLive();
  if (plan.isSearchCleared) state.setSearch('');
  for (const key of plan.expand) state.setExpanded(key, true);
  state.selectAll(plan.selected);
  state.setFocused(plan.focused);
  state.setActiveTab('processes');
  state.closeAlerts();
  return true;
}
