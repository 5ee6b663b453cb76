/**
 * A flat data grid (DataGrid.tsx: keys, ARIA, virtual rows) whose selection and focus are its own
 * (use-local-selection.ts), for the history views, the Alerts panel and the Startup apps and
 * Services tabs: nothing else reads what is selected in them (a toolbar may follow the focused
 * row: `onFocusedChange`; Enter or a double-click is `onActivate`, the context menu `onContextMenu`).
 */
import { useMemo, type ReactNode } from 'react';
import { DataGrid } from './DataGrid.tsx';
import type { GridColumn, GridRow } from './grid-types.ts';
import { useLocalSelection } from './use-local-selection.ts';

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
  onActivate?(key: string): void;
  onContextMenu?(key: string, x: number, y: number): void;
}

export function LocalGrid<R>({ label, columns, rows, rowKey, onSort, emptyMessage, flexColumnId, onFocusedChange, onActivate, onContextMenu }: LocalGridProps<R>) {
  const { selected, focusedKey, onSelect, setFocusedKey, selectAll } = useLocalSelection(onFocusedChange);
  // Made once per answer or order, not on every selection change (a range may hold 10,000 events).
  const gridRows = useMemo((): GridRow<R>[] => rows.map((data, index) => ({ key: rowKey(data, index), data, level: 1, hasChildren: false, isExpanded: false })), [rows, rowKey]);
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
      onSelectAll={() => selectAll(gridRows.map((r) => r.key))}
      onActivate={onActivate}
      onContextMenu={onContextMenu}
      emptyMessage={emptyMessage}
    />
  );
}
