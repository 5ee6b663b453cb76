/**
 * A virtualised ARIA grid (flat) or treegrid (tree), used by every table of the page. Only the
 * rows on screen are in the DOM (`aria-rowcount`/`aria-rowindex` say where they are); focus stays
 * on the grid and `aria-activedescendant` names the focused row. Keyboard: arrows, Home/End,
 * PageUp/PageDown; Shift extends, Ctrl moves focus only and Ctrl+Space toggles; Left/Right close
 * and open tree nodes; Enter activates; Delete / Shift+Delete; the context-menu key or Shift+F10;
 * Ctrl+A selects all. With no rows, it shows `emptyMessage` (one row) when given.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useId, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { fitColumnWidths } from './column-fit.ts';
import { GridHeader } from './GridHeader.tsx';
import { GridRowView } from './GridRowView.tsx';
import { gridRowId, type GridColumn, type GridHandlers, type GridRow } from './grid-types.ts';
import { useElementWidth } from './use-element-width.ts';
import { useFollowFocus } from './use-follow-focus.ts';

const ROW_HEIGHT = 24;

export interface DataGridProps<R> extends GridHandlers {
  label: string;
  isTree: boolean;
  columns: readonly GridColumn<R>[];
  rows: readonly GridRow<R>[];
  selected: ReadonlySet<string>;
  focusedKey: string | null;
  /** The column that takes the grid's free space (never narrower than its own width); none: columns keep their widths. */
  flexColumnId?: string;
  /** The grid element's DOM id, for focusing it from outside. */
  id?: string;
  /** Scroll to the focused row when a new order of the rows moves it ("Keep selection in view"). */
  isFollowingFocus?: boolean;
  /** A change of this value scrolls to the focused row. */
  revealFocusOn?: unknown;
  /** Shown in place of the rows when there are none. */
  emptyMessage?: ReactNode;
}

export function DataGrid<R>(props: DataGridProps<R>) {
  const { label, isTree, rows, selected, focusedKey, flexColumnId, emptyMessage } = props;
  const gridId = useId().replace(/:/g, '');
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const gridWidth = useElementWidth(scrollRef);
  const columns = useMemo(() => {
    const flexIndex = flexColumnId === undefined ? -1 : props.columns.findIndex((c) => c.id === flexColumnId);
    const widths = fitColumnWidths(
      props.columns.map((c) => c.width),
      flexIndex,
      gridWidth,
    );
    return props.columns.map((c, i) => (widths[i] === c.width ? c : { ...c, width: widths[i] ?? c.width }));
  }, [props.columns, flexColumnId, gridWidth]);
  // Per tick this is one scan for the focused row; the keys list is only built when a Shift-range
  // needs it (at an event, not at every render).
  const focusedIndex = useMemo(() => (focusedKey === null ? -1 : rows.findIndex((r) => r.key === focusedKey)), [rows, focusedKey]);
  const keysOf = useCallback(() => rows.map((r) => r.key), [rows]);
  const totalWidth = columns.reduce((sum, c) => sum + c.width, 0);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // The sticky header sits above the rows inside the scroll box: a row brought into view at the
    // bottom must clear it by its height (at the top it covers exactly the header's own space).
    scrollPaddingEnd: headRef.current?.offsetHeight ?? 0,
  });

  useFollowFocus(virtualizer, focusedKey, focusedIndex, { isFollowingFocus: props.isFollowingFocus ?? false, revealFocusOn: props.revealFocusOn });
  const isEmptyShown = rows.length === 0 && emptyMessage !== undefined && emptyMessage !== null;

  const { onSelect, onFocus } = props;
  const onPointer = useCallback(
    (key: string, event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }) => {
      scrollRef.current?.focus({ preventScroll: true });
      onSelect(key, event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'only', keysOf());
    },
    [onSelect, keysOf],
  );

  const moveTo = (index: number, event: KeyboardEvent) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    if (event.ctrlKey || event.metaKey) onFocus(row.key);
    else onSelect(row.key, event.shiftKey ? 'range' : 'only', keysOf());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== scrollRef.current) return; // keys inside header buttons are theirs
    const current = rows[focusedIndex];
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const handled = () => event.preventDefault();
    switch (event.key) {
      case 'ArrowDown':
        handled();
        return moveTo(focusedIndex < 0 ? 0 : focusedIndex + 1, event);
      case 'ArrowUp':
        handled();
        return moveTo(focusedIndex < 0 ? 0 : focusedIndex - 1, event);
      case 'Home':
        handled();
        return moveTo(0, event);
      case 'End':
        handled();
        return moveTo(rows.length - 1, event);
      case 'PageDown':
        handled();
        return moveTo(focusedIndex + page, event);
      case 'PageUp':
        handled();
        return moveTo(focusedIndex - page, event);
      case 'ArrowRight':
        if (!isTree || !current) return;
        handled();
        if (current.hasChildren && !current.isExpanded) props.onToggle?.(current.key, true);
        else if (current.isExpanded) moveTo(focusedIndex + 1, event);
        return;
      case 'ArrowLeft': {
        if (!isTree || !current) return;
        handled();
        if (current.isExpanded) return props.onToggle?.(current.key, false);
        for (let i = focusedIndex - 1; i >= 0; i--) {
          if ((rows[i]?.level ?? 0) < current.level) return moveTo(i, event);
        }
        return;
      }
      case ' ':
        if (!current) return;
        handled();
        return onSelect(current.key, event.ctrlKey || event.metaKey ? 'toggle' : 'only', keysOf());
      case 'Enter':
        if (!current) return;
        handled();
        return props.onActivate?.(current.key);
      case 'Delete':
        if (!current) return;
        handled();
        return props.onDeleteKey?.(current.key, event.shiftKey);
      case 'ContextMenu':
      case 'F10':
        if (!current || (event.key === 'F10' && !event.shiftKey)) return;
        handled();
        return openMenuAtRow(current.key);
      case 'a':
      case 'A':
        if (!(event.ctrlKey || event.metaKey)) return;
        handled();
        return props.onSelectAll?.();
    }
  };

  const openMenuAtRow = (key: string) => {
    const element = document.getElementById(gridRowId(gridId, key));
    const rect = element?.getBoundingClientRect();
    props.onContextMenu?.(key, rect ? rect.left + 24 : 0, rect ? rect.bottom : 0);
  };

  return (
    <div
      ref={scrollRef}
      id={props.id}
      role={isTree ? 'treegrid' : 'grid'}
      aria-label={label}
      aria-rowcount={rows.length + (isEmptyShown ? 2 : 1)}
      aria-colcount={columns.length}
      aria-multiselectable="true"
      aria-activedescendant={focusedIndex >= 0 && focusedKey !== null ? gridRowId(gridId, focusedKey) : undefined}
      tabIndex={0}
      className="grid"
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        // Only focus arriving on the grid itself (not on a header button inside it) picks a row.
        if (event.target === event.currentTarget && focusedIndex < 0 && rows[0]) onFocus(rows[0].key);
      }}
    >
      <div ref={headRef} role="rowgroup" className="grid-head" style={{ width: totalWidth }}>
        <GridHeader columns={columns} onSort={props.onSort} onResize={props.onResize} />
      </div>
      <div
        role="rowgroup"
        className="grid-body"
        style={{ height: isEmptyShown ? undefined : virtualizer.getTotalSize(), width: totalWidth }}
        onPointerEnter={() => props.onPointerInside?.(true)}
        onPointerLeave={() => props.onPointerInside?.(false)}
      >
        {isEmptyShown ? (
          <div role="row" aria-rowindex={2} className="grid-row grid-empty-row">
            <div role="gridcell" aria-colspan={columns.length} className="grid-empty">
              {emptyMessage}
            </div>
          </div>
        ) : null}
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <GridRowView
              key={row.key}
              id={gridRowId(gridId, row.key)}
              row={row}
              rowIndex={item.index + 2}
              columns={columns}
              isTree={isTree}
              isSelected={selected.has(row.key)}
              isFocused={row.key === focusedKey}
              top={item.start}
              height={ROW_HEIGHT}
              onPointer={onPointer}
              onToggle={props.onToggle}
              onActivate={props.onActivate}
              onContextMenu={props.onContextMenu}
            />
          );
        })}
      </div>
    </div>
  );
}
