/**
 * What the Apps table's menu and keys do, through the Processes tab's action machinery
 * (useProcessActions: confirmations, refusals in plain words, Undo): End task ends whole apps with
 * `killApp`, End process tree the trees of the chosen processes' roots, Suspend/Resume, priority and
 * efficiency mode act on every chosen process, Open details shows them in the Processes tab.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PRIORITIES } from '../../../src-shared/enums.ts';
import type { MenuItem } from '../../components/ContextMenu.tsx';
import type { GridRow } from '../../components/grid-types.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { isInPast, viewedSnapshot } from '../../store/time-travel-slice.ts';
import { pastMenuItems } from '../processes/past-actions.ts';
import { strings } from '../../strings.ts';
import { useProcessActions } from '../processes/use-process-actions.ts';
import { appMenuItems, type AppMenuChoice } from './app-menu.ts';
import type { AppsRow } from './app-rows.ts';
import { appsTargets, type AppsTargets } from './app-targets.ts';
import { openDetailsPlan } from './open-details.ts';

export interface AppsMenu {
  x: number;
  y: number;
  isPriority: boolean;
}

export function useAppActions(rows: readonly GridRow<AppsRow>[], onToggle: (key: string, isExpanded: boolean) => void) {
  const snapshot = useAppStore((s) => s.snapshot);
  const actions = useProcessActions(snapshot);
  const shown = useAppStore(viewedSnapshot);
  const isPast = useAppStore(isInPast);
  const store = useAppStore(
    useShallow((s) => ({
      selected: s.selected,
      focusedKey: s.focusedKey,
      search: s.search,
      viewMode: s.viewMode,
      setActiveTab: s.setActiveTab,
      selectAll: s.selectAll,
      setFocused: s.setFocused,
      setSearch: s.setSearch,
      setExpanded: s.setExpanded,
    })),
  );
  const [menu, setMenu] = useState<AppsMenu | null>(null);
  const focusedRow = store.focusedKey === null ? null : (rows.find((r) => r.key === store.focusedKey) ?? null);
  /** Looked up when a command is sent, from the rows on screen then. */
  const targets = (): AppsTargets => appsTargets(rows, store.selected, store.focusedKey);

  const openDetails = (chosen: AppsTargets) => {
    const plan = openDetailsPlan(chosen, shown?.processes ?? [], store.search, store.viewMode);
    if (!plan) return;
    if (plan.isSearchCleared) store.setSearch('');
    for (const key of plan.expand) store.setExpanded(key, true);
    store.selectAll(plan.selected);
    store.setFocused(plan.focused);
    store.setActiveTab('processes');
    // The keyboard goes on where the eyes go: the Processes table, once it is shown.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[aria-label="${strings.tableName}"][tabindex="0"]`)?.focus());
  };

  const act = (choice: AppMenuChoice) => {
    const chosen = targets();
    switch (choice) {
      case 'toggle':
        if (focusedRow?.hasChildren) onToggle(focusedRow.key, !focusedRow.isExpanded);
        return;
      case 'priorityMenu':
        return setMenu((open) => open && { ...open, isPriority: true });
      case 'openDetails':
        return openDetails(chosen);
    }
    // In the past nothing acts on a process (the Delete key included): it may be gone, its pid reused.
    if (isPast) return;
    switch (choice) {
      case 'endTask':
        return actions.requestEndApps(chosen.apps, chosen.processes);
      case 'endTree':
        return actions.request('endTree', chosen.roots);
      default:
        return actions.request(choice, chosen.all);
    }
  };

  const menuItems = (): MenuItem[] => {
    const chosen = targets();
    if (!menu?.isPriority) return pastMenuItems(appMenuItems(chosen, focusedRow, act), isPast);
    const priorities = PRIORITIES.map((priority) => ({
      id: `priority-${priority}`,
      label: strings.priorities[priority],
      isChecked: chosen.all.length > 0 && chosen.all.every((p) => p.priority === priority),
      isDisabled: chosen.all.length === 0,
      onSelect: () => act({ priority }),
    }));
    return pastMenuItems(priorities, isPast);
  };

  return { actions, menu, setMenu, menuItems, act };
}
