/**
 * The user's choices (settings.ts), remembered in localStorage by store.ts.
 */
import type { StateCreator } from 'zustand';
import {
  type AppColumnId,
  COLUMN_IDS,
  DEFAULT_SETTINGS,
  MAX_COLLAPSED_PROCESSES,
  MAX_COLUMN_WIDTH,
  MIN_COLUMN_WIDTH,
  type ColumnId,
  type CpuMode,
  type HistoryWindowSec,
  type Settings,
  type TabId,
  type UpdateSpeed,
  type ViewMode,
} from './settings.ts';
import type { Store } from './store.ts';

export interface SettingsSlice extends Settings {
  setUpdateSpeed(speed: UpdateSpeed): void;
  setCpuMode(mode: CpuMode): void;
  setHistoryWindow(seconds: HistoryWindowSec): void;
  toggleColumn(column: ColumnId): void;
  /** The Columns menu: show or hide a column; turning one on shows it even where this host can't fill it. */
  setColumnShown(column: ColumnId, isShown: boolean): void;
  setDetailsPanelOpen(isOpen: boolean): void;
  setColumnWidth(column: ColumnId, width: number): void;
  /** Sorting by the sorted column flips the direction; a new column starts descending for figures. */
  sortBy(column: ColumnId): void;
  /** The same for the Apps table. */
  sortAppsBy(column: AppColumnId): void;
  setViewMode(mode: ViewMode): void;
  setActiveTab(tab: TabId): void;
  /** Opens or closes one node of the Processes tree. */
  setProcessExpanded(key: string, isExpanded: boolean): void;
  expandAllProcesses(): void;
  /** `keys`: every node that has children now (process-rows.ts expandableKeys). */
  collapseAllProcesses(keys: readonly string[]): void;
  setKeepSelectionInView(isKept: boolean): void;
}

/** Columns first sorted ascending (A to Z, earliest first) when chosen; the other figures start descending. */
const TEXT_COLUMNS: readonly ColumnId[] = ['name', 'status', 'user', 'commandLine', 'path', 'description', 'publisher', 'services', 'startTime', 'parentPid'];

export function createSettingsSlice(initial: Settings = DEFAULT_SETTINGS): StateCreator<Store, [], [], SettingsSlice> {
  return (set, get) => ({
    ...initial,
    setUpdateSpeed: (updateSpeed) => set({ updateSpeed }),
    setCpuMode: (cpuMode) => set({ cpuMode }),
    setHistoryWindow: (historyWindowSec) => set({ historyWindowSec }),
    toggleColumn: (column) => {
      const state = get();
      state.setColumnShown(column, !state.visibleColumns.includes(column));
    },
    setColumnShown: (column, isShown) =>
      set((state) => {
        if (column === 'name') return {}; // the name column is always there
        const without = <T>(list: readonly T[]) => list.filter((c) => c !== column);
        if (!isShown) return { visibleColumns: without(state.visibleColumns), chosenColumns: without(state.chosenColumns) };
        const byPlace = (a: ColumnId, b: ColumnId) => COLUMN_IDS.indexOf(a) - COLUMN_IDS.indexOf(b);
        return {
          visibleColumns: [...without(state.visibleColumns), column].sort(byPlace),
          chosenColumns: [...without(state.chosenColumns), column].sort(byPlace),
        };
      }),
    setDetailsPanelOpen: (isDetailsPanelOpen) => set({ isDetailsPanelOpen }),
    setColumnWidth: (column, width) =>
      set((state) => ({
        columnWidths: { ...state.columnWidths, [column]: Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width))) },
      })),
    sortBy: (column) =>
      set((state) => ({
        sort:
          state.sort.column === column
            ? { column, direction: state.sort.direction === 'ascending' ? 'descending' : 'ascending' }
            : { column, direction: TEXT_COLUMNS.includes(column) || column === 'pid' ? 'ascending' : 'descending' },
      })),
    sortAppsBy: (column) =>
      set((state) => ({
        appsSort:
          state.appsSort.column === column
            ? { column, direction: state.appsSort.direction === 'ascending' ? 'descending' : 'ascending' }
            : { column, direction: column === 'name' || column === 'status' ? 'ascending' : 'descending' },
      })),
    setViewMode: (viewMode) => set({ viewMode }),
    setActiveTab: (activeTab) => set({ activeTab }),
    setProcessExpanded: (key, isExpanded) =>
      set((state) => {
        const others = state.collapsedProcesses.filter((k) => k !== key);
        return { collapsedProcesses: isExpanded ? others : [...others, key].slice(-MAX_COLLAPSED_PROCESSES) };
      }),
    expandAllProcesses: () => set({ collapsedProcesses: [] }),
    collapseAllProcesses: (keys) => set({ collapsedProcesses: keys.slice(-MAX_COLLAPSED_PROCESSES) }),
    setKeepSelectionInView: (keepSelectionInView) => set({ keepSelectionInView }),
  });
}
