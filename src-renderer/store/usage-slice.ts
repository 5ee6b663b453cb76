/**
 * The range the Top consumers panel looks at ("what used CPU, memory, disk between 03:00 and
 * 03:15"), ms since the epoch; null while it is closed. Anything may open it: App history, the
 * time-travel banner, a Performance chart's range (`showTopConsumers(fromMs, toMs)`). Also what
 * the App history tab shows (its range and view), kept here so they survive switching tabs.
 */
import type { StateCreator } from 'zustand';
import type { PastRange } from './history-range.ts';
import type { Store } from './store.ts';

export interface UsageRange {
  fromMs: number;
  toMs: number;
}

/** App history's range: one of the last hour to 30 days (ending when chosen), or a start and end the user typed. */
export type UsageChoice = { kind: 'preset'; preset: PastRange } | { kind: 'custom'; range: UsageRange };
export type UsageView = 'apps' | 'executables' | 'events';

export interface UsageSlice {
  topRange: UsageRange | null;
  /** Either end may come first (a chart dragged right to left); ends are made whole ms, as the host's schema asks. */
  showTopConsumers(fromMs: number, toMs: number): void;
  closeTopConsumers(): void;
  usageChoice: UsageChoice;
  usageView: UsageView;
  setUsageChoice(choice: UsageChoice): void;
  setUsageView(view: UsageView): void;
}

export const createUsageSlice: StateCreator<Store, [], [], UsageSlice> = (set) => ({
  topRange: null,
  showTopConsumers: (fromMs, toMs) => set({ topRange: { fromMs: Math.floor(Math.min(fromMs, toMs)), toMs: Math.ceil(Math.max(fromMs, toMs)) } }),
  closeTopConsumers: () => set({ topRange: null }),
  usageChoice: { kind: 'preset', preset: '24h' },
  usageView: 'apps',
  setUsageChoice: (usageChoice) => set({ usageChoice }),
  setUsageView: (usageView) => set({ usageView }),
});
