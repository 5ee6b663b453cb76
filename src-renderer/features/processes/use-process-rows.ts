/**
 * The Processes table's rows and columns from the store, memoised so that a tick rebuilds them once
 * and the columns (and so every memoised row) stay the same object until a setting changes.
 */
import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import type { GridColumn, GridRow } from '../../components/grid-types.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { viewedSnapshot } from '../../store/time-travel-slice.ts';
import { NONE_UNAVAILABLE, shownColumns, unavailableColumns, type UnavailableColumns } from './column-availability.ts';
import { columnTotals, COLUMNS, heatLevel, NO_TOTALS, type ColumnContext } from './columns.ts';
import { buildDisplayRows, type DisplayRow } from './process-rows.ts';
import { heldProcesses, holdOrder, startHold, type HeldRows } from './row-order.ts';
import { normalizeQuery } from './search.ts';

/** The columns this host can't fill, and why: judged once per snapshot. */
export function useUnavailableColumns(): UnavailableColumns {
  const snapshot = useAppStore(viewedSnapshot);
  const cpuMode = useAppStore((s) => s.cpuMode);
  const judged = useMemo(
    () => (snapshot ? unavailableColumns(snapshot, { cpuMode, logicalCores: snapshot.cpu.logicalCores, totalMemoryBytes: snapshot.memory.totalBytes }) : NONE_UNAVAILABLE),
    [snapshot, cpuMode],
  );
  // The same object while the verdicts stay the same, so the columns (and every row) are not rebuilt each tick.
  const previous = useRef(judged);
  if (!sameVerdicts(previous.current, judged)) previous.current = judged;
  return previous.current;
}

function sameVerdicts(a: UnavailableColumns, b: UnavailableColumns): boolean {
  const keys = Object.keys(a) as (keyof UnavailableColumns)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export function useProcessColumns(): GridColumn<ProcessRow>[] {
  const unavailable = useUnavailableColumns();
  const { visibleColumns, chosenColumns, columnWidths, sort, cpuMode, logicalCores, totalMemoryBytes, icons } = useAppStore(
    useShallow((s) => ({
      icons: s.shell?.isDesktopApp ? s.processIcons : null,
      visibleColumns: s.visibleColumns,
      chosenColumns: s.chosenColumns,
      columnWidths: s.columnWidths,
      sort: s.sort,
      cpuMode: s.cpuMode,
      logicalCores: viewedSnapshot(s)?.cpu.logicalCores ?? 1,
      totalMemoryBytes: viewedSnapshot(s)?.memory.totalBytes ?? 0,
    })),
  );
  // The machine's totals of a past moment are not asked for (time travel reads processes only): none shown.
  const totals = useAppStore(useShallow((s) => (s.snapshot && s.viewAtMs === null ? columnTotals(s.snapshot, s.cpuMode) : NO_TOTALS)));
  return useMemo(() => {
    const context: ColumnContext = { cpuMode, logicalCores, totalMemoryBytes };
    return shownColumns(visibleColumns, chosenColumns, unavailable).map((id): GridColumn<ProcessRow> => {
      const def = COLUMNS[id];
      return {
        id,
        label: def.label,
        definition: def.definition,
        isNumeric: def.isNumeric,
        width: columnWidths[id] ?? def.defaultWidth,
        sortDirection: sort.column === id ? sort.direction : null,
        total: totals[id],
        text: (row) => def.text(row, context),
        icon: id === 'name' && icons ? (row) => (row.exePath === null ? null : (icons[row.exePath] ?? null)) : undefined,
        heat: def.heat ? (row) => heatLevel(def.heat?.(row, context) ?? null) : undefined,
      };
    });
  }, [visibleColumns, chosenColumns, unavailable, columnWidths, sort, cpuMode, logicalCores, totalMemoryBytes, totals, icons]);
}

export interface ProcessRows {
  rows: GridRow<ProcessRow>[];
  /** How many processes the search finds (not counting the ancestors shown with them); null without a search. */
  matchCount: number | null;
}

/**
 * The rows, re-sorted each tick unless the order is frozen (view-slice `orderFreezes`): then no row
 * moves until the freeze ends or the sort changes (row-order.ts says what a hold keeps).
 */
export function useProcessRows(): ProcessRows {
  const { processes, search, sort, viewMode, collapsedList, isOrderFrozen, cpuMode, logicalCores, totalMemoryBytes } = useAppStore(
    useShallow((s) => ({
      processes: viewedSnapshot(s)?.processes,
      search: s.search,
      sort: s.sort,
      viewMode: s.viewMode,
      collapsedList: s.collapsedProcesses,
      isOrderFrozen: s.orderFreezes.size > 0,
      cpuMode: s.cpuMode,
      logicalCores: viewedSnapshot(s)?.cpu.logicalCores ?? 1,
      totalMemoryBytes: viewedSnapshot(s)?.memory.totalBytes ?? 0,
    })),
  );
  const collapsed = useMemo(() => new Set(collapsedList), [collapsedList]);
  // The previous tick's row objects, reused when nothing about a row changed, so that memoised
  // rows on screen skip re-rendering (only changed rows repaint).
  const previous = useRef(new Map<string, GridRow<ProcessRow>>());
  // What was shown last, and the hold since the freeze began; each with what it was sorted by.
  const shown = useRef<{ rows: readonly DisplayRow[]; basis: SortBasis } | null>(null);
  const held = useRef<{ rows: HeldRows; basis: SortBasis } | null>(null);
  return useMemo(() => {
    const all = processes ?? [];
    const basis: SortBasis = [sort, viewMode, cpuMode, logicalCores];
    const options = { search, sort, viewMode, collapsed, context: { cpuMode, logicalCores, totalMemoryBytes } };
    let display: DisplayRow[];
    let gone: ReadonlySet<string> = new Set();
    if (isOrderFrozen) {
      const before = shown.current;
      if (!held.current || !isSameBasis(held.current.basis, basis)) {
        // The freeze begins: hold what is on screen. A click on a header while frozen: the new sort, held.
        const isSameView = !held.current && before !== null && isSameBasis(before.basis, basis);
        held.current = { rows: startHold(isSameView ? before.rows : [], all), basis };
      }
      const frame = heldProcesses(all, held.current.rows, before?.rows ?? []);
      gone = frame.gone;
      display = buildDisplayRows(frame.processes, { ...options, heldOrder: held.current.rows.ranks });
      held.current = { rows: holdOrder(held.current.rows, display), basis };
    } else {
      held.current = null;
      display = buildDisplayRows(all, options);
    }
    shown.current = { rows: display, basis };

    const next = new Map<string, GridRow<ProcessRow>>();
    let matchCount = 0;
    const rows = display.map((r) => {
      const isGone = gone.has(r.key);
      if (r.isMatch && !isGone) matchCount += 1;
      const old = previous.current.get(r.key);
      const row =
        old && old.data === r.row && old.level === r.level && old.hasChildren === r.hasChildren && old.isExpanded === r.isExpanded && (old.isGone ?? false) === isGone
          ? old
          : { key: r.key, data: r.row, level: r.level, hasChildren: r.hasChildren, isExpanded: r.isExpanded, isGone };
      next.set(r.key, row);
      return row;
    });
    previous.current = next;
    return { rows, matchCount: normalizeQuery(search) === '' ? null : matchCount };
  }, [processes, search, sort, viewMode, collapsed, isOrderFrozen, cpuMode, logicalCores, totalMemoryBytes]);
}

/** What a change of re-sorts the rows even while their order is held. */
type SortBasis = readonly unknown[];
const isSameBasis = (a: SortBasis, b: SortBasis) => a.length === b.length && a.every((v, i) => v === b[i]);
