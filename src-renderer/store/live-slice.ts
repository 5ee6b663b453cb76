/**
 * What the collector last said: the snapshot, its status and the chart history; the link to the
 * source (connected, lost); and what the desktop shell last said (elevation, its settings). One
 * writer each: `ingestSnapshot`, `ingestStatus`, `ingestConnection`, `ingestShellState`, `ingestInventory`, `ingestHistoryStatus`, called by
 * the live feed only; `ingestMachineSwitch` empties what came from the machine shown before
 * (machine-switch.ts); `ingestRecentSeries` merges the host's last minutes into the chart history. While the user holds Ctrl (`setHeld`), the view stands still as in Task
 * Manager: the latest snapshot waits and is shown when Ctrl is let go.
 */
import type { StateCreator } from 'zustand';
import type { CollectorStatus } from '../../src-shared/collector-status.ts';
import type { Inventory } from '../../src-shared/inventory.ts';
import type { HistoryStatus, SystemPoint } from '../../src-shared/query.ts';
import type { ShellState } from '../../src-shared/shell.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import type { ConnectionState } from '../../src-shared/stream.ts';
import { appendHistory, historyPoint, type HistoryPoint } from './history.ts';
import { machineSwitchState } from './machine-switch.ts';
import { mergeRecentSeries } from './recent-history.ts';
import { cadenceOf } from './update-speed.ts';
import type { Store } from './store.ts';

export interface LiveSlice {
  snapshot: Snapshot | null;
  status: CollectorStatus | null;
  /** Null until the API has said (at once on subscribe). */
  connection: ConnectionState | null;
  /** Ctrl is held down: the view stands still. */
  isHeld: boolean;
  /** The latest snapshot that arrived while held, shown when Ctrl is let go. */
  heldSnapshot: Snapshot | null;
  /** When the last snapshot arrived, on the page's clock (ms): for the stale-data banner. */
  receivedAtMs: number | null;
  history: HistoryPoint[];
  /** Null until the API has said (at once on subscribe). */
  shell: ShellState | null;
  /** The machine's facts (the `inventory` broadcast or query); null until the first read has finished. */
  inventory: Inventory | null;
  /** Executable path → its icon (a data URL), or null when it has none. Desktop app only. */
  processIcons: Readonly<Record<string, string | null>>;
  ingestSnapshot(snapshot: Snapshot, receivedAtMs: number): void;
  ingestStatus(status: CollectorStatus): void;
  ingestConnection(connection: ConnectionState): void;
  setHeld(isHeld: boolean): void;
  ingestShellState(shell: ShellState): void;
  /** The window now shows another machine (or this computer again): nothing of the one before stays. */
  ingestMachineSwitch(): void;
  ingestProcessIcons(icons: Readonly<Record<string, string | null>>): void;
  ingestInventory(inventory: Inventory): void;
  /** History's state (the `historyStatus` broadcast, or the query at connect); null until the host said. */
  historyStatus: HistoryStatus | null;
  ingestHistoryStatus(status: HistoryStatus): void;
  /**
   * The host's recent series (query `recentSeries`), oldest first: merged into `history` at this
   * page's update speed where the live feed has no points (before its first, in a gap), so the
   * charts of a page opened now start with the last minutes drawn.
   */
  ingestRecentSeries(points: readonly SystemPoint[]): void;
}

export const createLiveSlice: StateCreator<Store, [], [], LiveSlice> = (set, get, api) => ({
  snapshot: null,
  status: null,
  connection: null,
  isHeld: false,
  heldSnapshot: null,
  receivedAtMs: null,
  history: [],
  shell: null,
  processIcons: {},
  inventory: null,
  ingestSnapshot: (snapshot, receivedAtMs) => {
    // Paused: the view holds still — but a page opened paused shows the state it was opened on.
    if (get().updateSpeed === 'paused' && get().snapshot !== null) return;
    if (get().isHeld) return set({ heldSnapshot: snapshot, receivedAtMs });
    set((state) => ({ snapshot, receivedAtMs, history: appendHistory(state.history, historyPoint(snapshot)) }));
  },
  ingestStatus: (status) => set({ status }),
  ingestConnection: (connection) => set({ connection }),
  setHeld: (isHeld) =>
    set((state) => {
      if (state.isHeld === isHeld) return {};
      const held = state.heldSnapshot;
      if (isHeld || held === null) return { isHeld, heldSnapshot: null };
      return { isHeld, heldSnapshot: null, snapshot: held, history: appendHistory(state.history, historyPoint(held)) };
    }),
  ingestShellState: (shell) => set({ shell }),
  ingestMachineSwitch: () => set(machineSwitchState(api.getInitialState())),
  ingestProcessIcons: (icons) => set((state) => ({ processIcons: { ...state.processIcons, ...icons } })),
  ingestInventory: (inventory) => set({ inventory }),
  historyStatus: null,
  ingestHistoryStatus: (historyStatus) => set({ historyStatus }),
  ingestRecentSeries: (points) =>
    set((state) => {
      const history = mergeRecentSeries(state.history, points, cadenceOf(state.updateSpeed).intervalMs);
      return history === state.history ? {} : { history };
    }),
});
