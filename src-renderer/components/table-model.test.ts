import { describe, expect, it } from 'vitest';
import { gridColumns, nextSort, searchRows, sortRows, type TableColumn } from './table-model.ts';

interface Row {
  name: string;
  size: number | null;
  note: string | null;
}

const COLUMNS: TableColumn<Row>[] = [
  { id: 'name', label: 'Name', definition: '', isNumeric: false, width: 100, text: (r) => r.name, sortValue: (r) => r.name },
  { id: 'size', label: 'Size', definition: '', isNumeric: true, width: 60, text: (r) => String(r.size), sortValue: (r) => r.size },
];
const rows: Row[] = [
  { name: 'b', size: 2, note: null },
  { name: 'a10', size: null, note: 'Kept Here' },
  { name: 'a9', size: 7, note: null },
  { name: 'c', size: 2, note: null },
];
const byName = (a: Row, b: Row) => a.name.localeCompare(b.name);

describe('table-model', () => {
  it.each([
    ['a new text column starts A first', { column: 'size', direction: 'descending' } as const, 'name', { column: 'name', direction: 'ascending' }],
    ['a new figure column starts with the largest', { column: 'name', direction: 'ascending' } as const, 'size', { column: 'size', direction: 'descending' }],
    ['the same column again turns round', { column: 'size', direction: 'descending' } as const, 'size', { column: 'size', direction: 'ascending' }],
    ['and back', { column: 'name', direction: 'descending' } as const, 'name', { column: 'name', direction: 'ascending' }],
  ])('nextSort: %s', (_what, sort, column, expected) => {
    expect(nextSort(sort, column, COLUMNS)).toEqual(expected);
  });

  it('sorts text numerically aware, figures by size, unknown last either way, ties by the tie', () => {
    expect(sortRows(rows, COLUMNS, { column: 'name', direction: 'ascending' }, byName).map((r) => r.name)).toEqual(['a9', 'a10', 'b', 'c']);
    expect(sortRows(rows, COLUMNS, { column: 'size', direction: 'descending' }, byName).map((r) => r.name)).toEqual(['a9', 'b', 'c', 'a10']);
    expect(sortRows(rows, COLUMNS, { column: 'size', direction: 'ascending' }, byName).map((r) => r.name)).toEqual(['b', 'c', 'a9', 'a10']);
  });

  it('an unknown sort column keeps the given order and never changes the input', () => {
    const copy = rows.slice();
    expect(sortRows(rows, COLUMNS, { column: 'colour', direction: 'ascending' }, byName)).toEqual(rows);
    sortRows(rows, COLUMNS, { column: 'name', direction: 'ascending' }, byName);
    expect(rows).toEqual(copy);
  });

  it('marks the sorted column only', () => {
    expect(gridColumns(COLUMNS, { column: 'size', direction: 'ascending' }).map((c) => c.sortDirection)).toEqual([null, 'ascending']);
  });

  it.each([
    ['', ['b', 'a10', 'a9', 'c']],
    ['  ', ['b', 'a10', 'a9', 'c']],
    ['A', ['a10', 'a9']],
    ['here', ['a10']],
    [' kept ', ['a10']],
    ['zzz', []],
  ])('searchRows(%j): any case, trimmed, in any field, null fields skipped', (query, expected) => {
    expect(searchRows(rows, query, (r) => [r.name, r.note]).map((r) => r.name)).toEqual(expected);
  });
});
