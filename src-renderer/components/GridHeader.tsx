/**
 * The grid's header row: one column header per column, named plainly (the machine's total shown
 * above a name is not part of it: the status bar says the totals to a screen reader), with
 * `aria-sort` on the sorted one. A header is a button (click or Enter/Space sorts); its edge can be dragged to resize,
 * and Alt+Left/Right resize it from the keyboard.
 */
import { memo, useRef } from 'react';
import type { GridColumn } from './grid-types.ts';

const KEYBOARD_RESIZE_STEP = 16;

interface GridHeaderProps<R> {
  columns: readonly GridColumn<R>[];
  onSort?(columnId: string): void;
  onResize?(columnId: string, width: number): void;
}

function GridHeaderInner<R>({ columns, onSort, onResize }: GridHeaderProps<R>) {
  const drag = useRef<{ columnId: string; startX: number; startWidth: number } | null>(null);
  return (
    <div role="row" aria-rowindex={1} className="grid-row grid-header">
      {columns.map((column) => (
        <div
          key={column.id}
          role="columnheader"
          aria-label={column.label}
          aria-sort={column.sortDirection ?? undefined}
          className={`grid-cell grid-columnheader${column.isNumeric ? ' numeric' : ''}`}
          style={{ width: column.width }}
          title={column.definition}
        >
          {column.total !== undefined ? (
            <span className="grid-column-total" aria-hidden="true">
              {column.total}
            </span>
          ) : null}
          <button
            type="button"
            className="grid-sort-button"
            onClick={() => onSort?.(column.id)}
            onKeyDown={(event) => {
              if (event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
                event.preventDefault();
                onResize?.(column.id, column.width + (event.key === 'ArrowRight' ? KEYBOARD_RESIZE_STEP : -KEYBOARD_RESIZE_STEP));
              }
            }}
          >
            {column.label}
            {column.sortDirection ? <span aria-hidden="true">{column.sortDirection === 'ascending' ? ' ▲' : ' ▼'}</span> : null}
          </button>
          {onResize ? (
            <span
              className="grid-resize-handle"
              aria-hidden="true"
              onPointerDown={(event) => {
                event.currentTarget.setPointerCapture(event.pointerId);
                drag.current = { columnId: column.id, startX: event.clientX, startWidth: column.width };
              }}
              onPointerMove={(event) => {
                const d = drag.current;
                if (d && d.columnId === column.id) onResize(column.id, d.startWidth + event.clientX - d.startX);
              }}
              onPointerUp={() => {
                drag.current = null;
              }}
            />
          ) : null}
        </div>
      ))}
    </div>
  );
}

export const GridHeader = memo(GridHeaderInner) as typeof GridHeaderInner;
