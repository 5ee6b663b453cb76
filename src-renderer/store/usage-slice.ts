/**
 * The range the Top consumers panel looks at ("what used CPU, memory, disk between 03:00 and
 * 03:15"), ms since the epoch; null while it is closed. Anything may open it: App history, the
 * time-travel banner, a Performance chart's range (`showTopConsumers(fromMs, toMs)`).
 */
import type { StateCreator } from 'zustand';
import type { Store } from './store.ts';

export interface UsageRange {
  fromMs: number;
  toMs: number;
}

export interface UsageSlice {
  topRange: UsageRange | null;
  showTopConsumers(fromMs: number, toMs: number): void;
  closeTopConsumers(): void;
}

export const createUsageSlice: StateCreator<Store, [], [], UsageSlice> = (set) => ({
  topRange: null,
  showTopConsumers: (fromMs, toMs) => set({ topRange: { fromMs, toMs } }),
  closeTopConsumers: () => set({ topRange: null }),
});
