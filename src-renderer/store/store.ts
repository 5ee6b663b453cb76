/**
 * One zustand store made of slices (live data, settings, view, time travel, the usage range,
 * rules and alerts).
 * Settings are remembered in localStorage; a stored value is parsed (settings.ts), never trusted.
 */
import { createStore, type StoreApi } from 'zustand';
import { createAlertsSlice, type AlertsSlice } from './alerts-slice.ts';
import { createLiveSlice, type LiveSlice } from './live-slice.ts';
import { DEFAULT_SETTINGS, parseStoredSettings, type Settings } from './settings.ts';
import { createSettingsSlice, type SettingsSlice } from './settings-slice.ts';
import { createTimeTravelSlice, type TimeTravelSlice } from './time-travel-slice.ts';
import { createUsageSlice, type UsageSlice } from './usage-slice.ts';
import { createViewSlice, type ViewSlice } from './view-slice.ts';

export type Store = LiveSlice & SettingsSlice & ViewSlice & TimeTravelSlice & UsageSlice & AlertsSlice;

export const SETTINGS_STORAGE_KEY = 'taskmgr.settings.v1';

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function createAppStore(storage: StorageLike | null): StoreApi<Store> {
  const initial = loadSettings(storage);
  const store = createStore<Store>()((...args) => ({
    ...createLiveSlice(...args),
    ...createSettingsSlice(initial)(...args),
    ...createViewSlice(...args),
    ...createTimeTravelSlice(...args),
    ...createUsageSlice(...args),
    ...createAlertsSlice(...args),
  }));
  if (storage) {
    let saved = JSON.stringify(pickSettings(store.getState()));
    store.subscribe((state) => {
      const next = JSON.stringify(pickSettings(state));
      if (next === saved) return;
      saved = next;
      try {
        storage.setItem(SETTINGS_STORAGE_KEY, next);
      } catch {
        // storage full or denied: the settings still apply for this session
      }
    });
  }
  return store;
}

function loadSettings(storage: StorageLike | null): Settings {
  if (!storage) return DEFAULT_SETTINGS;
  try {
    const text = storage.getItem(SETTINGS_STORAGE_KEY);
    return text === null ? DEFAULT_SETTINGS : parseStoredSettings(JSON.parse(text));
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function pickSettings(state: Store): Settings {
  return {
    updateSpeed: state.updateSpeed,
    cpuMode: state.cpuMode,
    historyWindowSec: state.historyWindowSec,
    visibleColumns: state.visibleColumns,
    columnWidths: state.columnWidths,
    sort: state.sort,
    appsSort: state.appsSort,
    viewMode: state.viewMode,
    activeTab: state.activeTab,
    chosenColumns: state.chosenColumns,
    isDetailsPanelOpen: state.isDetailsPanelOpen,
    collapsedProcesses: state.collapsedProcesses,
    keepSelectionInView: state.keepSelectionInView,
  };
}
