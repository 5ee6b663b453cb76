/**
 * What the data grid (DataGrid.tsx) shows: columns and rows, independent of processes or apps.
 */
export interface GridColumn<R> {
  id: string;
  label: string;
  /** The figure's definition: the header's tooltip. */
  definition: string;
  isNumeric: boolean;
  width: number;
  sortDirection: 'ascending' | 'descending' | null;
  /** The machine's total for this column, shown above its name (not part of the header's name). */
  total?: string;
  text(row: R): string;
  /** More about one cell (its tooltip and accessible description), e.g. why a figure is not measured. */
  title?(row: R): string | undefined;
  /** A 16 px icon before the text (a URL), null for an empty slot of that size; absent: no icon slot. */
  icon?(row: R): string | null;
  /** Heat level 0–5 (0: none). */
  heat?(row: R): number;
}

export interface GridRow<R> {
  key: string;
  data: R;
  /** 1 for top level. */
  level: number;
  hasChildren: boolean;
  isExpanded: boolean;
  /** What the row stands for is gone (an exited process kept in place while the rows hold still): shown dimmed. */
  isGone?: boolean;
}

export type SelectMode = 'only' | 'toggle' | 'range';

export interface GridHandlers {
  onSort?(columnId: string): void;
  onResize?(columnId: string, width: number): void;
  /** `orderedKeys`: the rows as shown, for a Shift-range. */
  onSelect(key: string, mode: SelectMode, orderedKeys: readonly string[]): void;
  onFocus(key: string): void;
  onToggle?(key: string, isExpanded: boolean): void;
  /** Enter or double-click. */
  onActivate?(key: string): void;
  /** Right-click, the context-menu key or Shift+F10; the position is for the menu. */
  onContextMenu?(key: string, x: number, y: number): void;
  /** Delete and Shift+Delete on the focused row. */
  onDeleteKey?(key: string, isShift: boolean): void;
  onSelectAll?(): void;
  /** The pointer came over the rows (true) or left them (false); the header is not counted. */
  onPointerInside?(isInside: boolean): void;
}

/** The DOM id of a row, for aria-activedescendant. */
export const gridRowId = (gridId: string, key: string) => `${gridId}-row-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
