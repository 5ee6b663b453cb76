/**
 * One data row of the grid. Memoised: a row re-renders only when its data object, its selection,
 * focus, position or the columns change — and rows unchanged between snapshots keep their object
 * (the stream's deltas preserve them), so a tick repaints only changed rows on screen.
 */
import { memo, type CSSProperties } from 'react';
import type { GridColumn, GridRow } from './grid-types.ts';

interface GridRowViewProps<R> {
  id: string;
  row: GridRow<R>;
  rowIndex: number;
  columns: readonly GridColumn<R>[];
  isTree: boolean;
  isSelected: boolean;
  isFocused: boolean;
  top: number;
  height: number;
  onPointer(key: string, event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): void;
  onToggle?(key: string, isExpanded: boolean): void;
  onActivate?(key: string): void;
  onContextMenu?(key: string, x: number, y: number): void;
}

function GridRowViewInner<R>(props: GridRowViewProps<R>) {
  const { id, row, rowIndex, columns, isTree, isSelected, isFocused, top, height } = props;
  const style: CSSProperties = { transform: `translateY(${top}px)`, height };
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={isSelected}
      aria-level={isTree ? row.level : undefined}
      aria-expanded={isTree && row.hasChildren ? row.isExpanded : undefined}
      aria-disabled={row.isGone ? true : undefined}
      className={`grid-row grid-data-row${isSelected ? ' selected' : ''}${isFocused ? ' focused' : ''}${row.isGone ? ' gone' : ''}`}
      style={style}
      onMouseDown={(event) => {
        if (event.button === 0) props.onPointer(row.key, event);
      }}
      onDoubleClick={() => props.onActivate?.(row.key)}
      onContextMenu={(event) => {
        event.preventDefault();
        if (!isSelected) props.onPointer(row.key, { shiftKey: false, ctrlKey: false, metaKey: false });
        props.onContextMenu?.(row.key, event.clientX, event.clientY);
      }}
    >
      {columns.map((column, index) => {
        const heat = column.heat?.(row.data) ?? 0;
        return (
          <div
            key={column.id}
            role="gridcell"
            className={`grid-cell${column.isNumeric ? ' numeric' : ''}${heat > 0 ? ` heat-${heat}` : ''}`}
            style={{ width: column.width, paddingLeft: index === 0 && isTree ? 8 + (row.level - 1) * 16 : undefined }}
            title={column.title?.(row.data)}
          >
            {index === 0 && isTree ? (
              <span
                className="grid-expander"
                aria-hidden="true"
                onMouseDown={(event) => {
                  event.stopPropagation();
                  if (row.hasChildren) props.onToggle?.(row.key, !row.isExpanded);
                }}
              >
                {row.hasChildren ? (row.isExpanded ? '▾' : '▸') : ''}
              </span>
            ) : null}
            {column.icon ? <CellIcon url={column.icon(row.data)} /> : null}
            {column.text(row.data)}
          </div>
        );
      })}
    </div>
  );
}

export const GridRowView = memo(GridRowViewInner) as typeof GridRowViewInner;

/** Decorative: the cell's text names the row, so the icon has no text of its own. */
function CellIcon({ url }: { url: string | null }) {
  return url === null ? <span className="cell-icon" aria-hidden="true" /> : <img className="cell-icon" src={url} alt="" width={16} height={16} draggable={false} />;
}
