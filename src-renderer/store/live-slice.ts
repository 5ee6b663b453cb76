/**
 * What the collector last said: the snapshot, its status and the chart history; and what the
 * desktop shell last said (elevation, its settings). One writer each: `ingestSnapshot`,
 * `ingestStatus`, `ingestShellState`, called by the live feed only.
 */
import type { StateCreator } from 'zustand';
import type { CollectorStatus } from '../../src-shared/collector-status.ts';
import type { ShellState } from '../../src-shared/shell.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { appendHistory, historyPoint, type HistoryPoint } from './history.ts';
import type { Store } from './store.ts';

export interface LiveSlice {
  snapshot: Snapshot | null;
  status: CollectorStatus | null;
  /** When the last snapshot arrived, on the page's clock (ms): for the stale-data banner. */
  receivedAtMs: number | null;
  history: HistoryPoint[];
  /** Null until the API has said (at once on subscribe). */
  shell: ShellState | null;
  /** Executable path → its icon (a data URL), or null when it has none. Desktop app only. */
  processIcons: Readonly<Record<string, string | null>>;
  ingestSnapshot(snapshot: Snapshot, receivedAtMs: number): void;
  ingestStatus(status: CollectorStatus): void;
  ingestShellState(shell: ShellState): void;
  ingestProcessIcons(icons: Readonly<Record<string, string | null>>): void;
}

export const createLiveSlice: StateCreator<Store, [], [], LiveSlice> = (set, get) => ({
  snapshot: null,
  status: null,
  receivedAtMs: null,
  history: [],
  shell: null,
  processIcons: {},
  ingestSnapshot: (snapshot, receivedAtMs) => {
    // Paused: the view holds still, whatever the collector does.
    if (get().updateSpeed === 'paused') return;
    set((state) => ({ snapshot, receivedAtMs, history: appendHistory(state.history, historyPoint(snapshot)) }));
  },
  ingestStatus: (status) => set({ status }),
  ingestShellState: (shell) => set({ shell }),
  ingestProcessIcons: (icons) => set((state) => ({ processIcons: { ...state.processIcons, ...icons } })),
});
