/**
 * A short ranked table (Top consumers: at most 10 rows) as a plain HTML table with a caption and
 * column headers, each header's definition as its tooltip; no virtual rows, no selection.
 */
import type { GridColumn } from '../../components/grid-types.ts';

interface UsageTableProps<R> {
  caption: string;
  columns: readonly GridColumn<R>[];
  rows: readonly R[];
  rowKey(row: R): string;
  /** Shown in one row when there are no rows. */
  emptyMessage: string;
}

export function UsageTable<R>({ caption, columns, rows, rowKey, emptyMessage }: UsageTableProps<R>) {
  return (
    <table className="usage-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.id} scope="col" title={c.definition} className={c.isNumeric ? 'numeric' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length}>{emptyMessage}</td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.id} className={c.isNumeric ? 'numeric' : undefined}>
                  {c.text(row)}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
