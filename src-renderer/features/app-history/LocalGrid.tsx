/**
 * A flat data grid (components/DataGrid.tsx: keys, ARIA, virtual rows) whose selection and focus
 * are its own, for the history views and the Alerts panel: nothing else reads what is selected in
 * them (a toolbar may follow the focused row: `onFocusedChange`).
 */
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { DataGrid } from '../../components/DataGrid.tsx';
import type { GridColumn, GridRow, SelectMode } from '../../components/grid-types.ts';

interface LocalGridProps<R> {
  label: string;
  columns: readonly GridColumn<R>[];
  rows: readonly R[];
  rowKey(row: R, index: number): string;
  onSort?(columnId: string): void;
  emptyMessage?: ReactNode;
  /** The column that takes the grid's free space; the first by default. */
  flexColumnId?: string;
  /** Told the focused row's key when it moves, for a toolbar that acts on it (the Alerts panel). */
  onFocusedChange?(key: string): void;
}

export function LocalGrid<R>({ label, columns, rows, rowKey, onSort, emptyMessage, flexColumnId, onFocusedChange }: LocalGridProps<R>) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focusedKey, setFocused] = useState<string | null>(null);
  const setFocusedKey = useCallback(
    (key: string) => {
      setFocused(key);
      onFocusedChange?.(key);
    },
    [onFocusedChange],
  );
  // Made once per answer or order, not on every selection change (a range may hold 10,000 events).
  const gridRows = useMemo((): GridRow<R>[] => rows.map((data, index) => ({ key: rowKey(data, index), data, level: 1, hasChildren: false, isExpanded: false })), [rows, rowKey]);
  const onSelect = useCallback((key: string, mode: SelectMode, orderedKeys: readonly string[]) => {
    setFocusedKey(key);
    setSelected((current) => {
      if (mode === 'toggle') {
        const next = new Set(current);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }
      if (mode === 'range' && current.size > 0) {
        const at = orderedKeys.findIndex((k) => current.has(k));
        const to = orderedKeys.indexOf(key);
        if (at >= 0 && to >= 0) return new Set(orderedKeys.slice(Math.min(at, to), Math.max(at, to) + 1));
      }
      return new Set([key]);
    });
  }, [setFocusedKey]);
  return (
    <DataGrid
      label={label}
      isTree={false}
      columns={columns}
      flexColumnId={flexColumnId ?? columns[0]?.id}
      rows={gridRows}
      selected={selected}
      focusedKey={focusedKey}
      onSort={onSort}
      onSelect={onSelect}
      onFocus={setFocusedKey}
      onSelectAll={() => setSelected(new Set(gridRows.map((r) => r.key)))}
      emptyMessage={emptyMessage}
    />
  );
}
