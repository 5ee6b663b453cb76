/**
 * A table a page keeps itself (Startup apps, Services, Users): its columns say what each row shows
 * and sorts by; this orders and searches rows by them. A header clicked again turns its direction;
 * a new text column starts A first, a new figure column the largest first (as the Apps table).
 * Unknown values ("—") sort last either way (compare-values.ts). Pure.
 */
import { comparator, type SortValue } from './compare-values.ts';
import type { GridColumn } from './grid-types.ts';

export interface TableColumn<R> extends Omit<GridColumn<R>, 'sortDirection'> {
  sortValue(row: R): SortValue;
}

export interface TableSort {
  column: string;
  direction: 'ascending' | 'descending';
}

/** The grid's columns, the sorted one marked. */
export function gridColumns<R>(columns: readonly TableColumn<R>[], sort: TableSort): GridColumn<R>[] {
  return columns.map((c) => ({ ...c, sortDirection: c.id === sort.column ? sort.direction : null }));
}

/** The sort after a click on `columnId`'s header. */
export function nextSort<R>(sort: TableSort, columnId: string, columns: readonly TableColumn<R>[]): TableSort {
  if (sort.column === columnId) return { column: columnId, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' };
  const isNumeric = columns.find((c) => c.id === columnId)?.isNumeric ?? false;
  return { column: columnId, direction: isNumeric ? 'descending' : 'ascending' };
}

/** `rows` in the order of `sort` (an unknown column: as given), ties by `tie`. */
export function sortRows<R>(rows: readonly R[], columns: readonly TableColumn<R>[], sort: TableSort, tie: (a: R, b: R) => number): R[] {
  const column = columns.find((c) => c.id === sort.column);
  if (!column) return rows.slice();
  return rows.slice().sort(comparator(column.sortValue, sort.direction, tie));
}

/**
 * The rows where the query (trimmed, any case) is part of one of `fields`; all of them for an empty
 * query.
 */
export function searchRows<R>(rows: readonly R[], query: string, fields: (row: R) => readonly (string | null)[]): R[] {
  const wanted = query.trim().toLowerCase();
  if (wanted === '') return rows.slice();
  return rows.filter((row) => fields(row).some((field) => field !== null && field.toLowerCase().includes(wanted)));
}
