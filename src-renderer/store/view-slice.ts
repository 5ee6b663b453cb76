/**
 * What the user is looking at in the Processes and Apps tables: search text, selection (by
 * identity, so it survives re-sorting and new snapshots), the focused row, expanded tree nodes.
 */
import type { StateCreator } from 'zustand';
import type { Store } from './store.ts';

/** A row's identity: pid and start time (a reused pid is another row). */
export type RowKey = string;
export const rowKey = (pid: number, startTimeMs: number): RowKey => `${pid}:${startTimeMs}`;

export type SelectMode = 'only' | 'toggle' | 'range';

/**
 * Why the Processes table holds its row order (row-order.ts): the pointer is over the rows (set by
 * the grid on pointer enter and leave), or a menu or dialog of the tab is open (set by the tab). The
 * rows re-sort when no reason is left, or at once when a header is clicked.
 */
export type OrderFreeze = 'pointer' | 'overlay';

export interface ViewSlice {
  search: string;
  selected: ReadonlySet<RowKey>;
  /** Where a Shift-selection starts. */
  anchorKey: RowKey | null;
  focusedKey: RowKey | null;
  /** Tree nodes the user opened (tree view and Apps). */
  expanded: ReadonlySet<RowKey>;
  setSearch(text: string): void;
  /** `orderedKeys` are the rows as shown, for a range. */
  select(key: RowKey, mode: SelectMode, orderedKeys?: readonly RowKey[]): void;
  selectAll(keys: readonly RowKey[]): void;
  setFocused(key: RowKey | null): void;
  setExpanded(key: RowKey, isExpanded: boolean): void;
  expandAll(keys: readonly RowKey[]): void;
  collapseAll(): void;
  /** Empty: the Processes rows follow the sort; otherwise their order is held. */
  orderFreezes: ReadonlySet<OrderFreeze>;
  setOrderFrozen(reason: OrderFreeze, isFrozen: boolean): void;
  /** How many processes the search finds, while one is typed in the Processes tab; null otherwise. */
  processMatchCount: number | null;
  setProcessMatchCount(count: number | null): void;
}

export const createViewSlice: StateCreator<Store, [], [], ViewSlice> = (set) => ({
  search: '',
  selected: new Set(),
  anchorKey: null,
  focusedKey: null,
  expanded: new Set(),
  setSearch: (search) => set({ search }),
  select: (key, mode, orderedKeys = []) =>
    set((state) => {
      if (mode === 'toggle') {
        const selected = new Set(state.selected);
        if (selected.has(key)) selected.delete(key);
        else selected.add(key);
        return { selected, anchorKey: key, focusedKey: key };
      }
      if (mode === 'range' && state.anchorKey !== null) {
        const from = orderedKeys.indexOf(state.anchorKey);
        const to = orderedKeys.indexOf(key);
        if (from >= 0 && to >= 0) {
          const [a, b] = from <= to ? [from, to] : [to, from];
          return { selected: new Set(orderedKeys.slice(a, b + 1)), focusedKey: key };
        }
      }
      return { selected: new Set([key]), anchorKey: key, focusedKey: key };
    }),
  selectAll: (keys) => set({ selected: new Set(keys) }),
  setFocused: (focusedKey) => set({ focusedKey }),
  setExpanded: (key, isExpanded) =>
    set((state) => {
      const expanded = new Set(state.expanded);
      if (isExpanded) expanded.add(key);
      else expanded.delete(key);
      return { expanded };
    }),
  expandAll: (keys) => set({ expanded: new Set(keys) }),
  collapseAll: () => set({ expanded: new Set() }),
  orderFreezes: new Set(),
  setOrderFrozen: (reason, isFrozen) =>
    set((state) => {
      if (state.orderFreezes.has(reason) === isFrozen) return {};
      const orderFreezes = new Set(state.orderFreezes);
      if (isFrozen) orderFreezes.add(reason);
      else orderFreezes.delete(reason);
      return { orderFreezes };
    }),
  processMatchCount: null,
  setProcessMatchCount: (processMatchCount) => set({ processMatchCount }),
});
