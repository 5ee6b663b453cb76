// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DataGrid, type DataGridProps } from './DataGrid.tsx';
import type { GridColumn, GridRow } from './grid-types.ts';
import { useViewport } from '../testing/viewport.ts';

interface Item {
  name: string;
  cpuPercent: number;
}

const columns: GridColumn<Item>[] = [
  { id: 'name', label: 'Name', definition: 'The name.', isNumeric: false, width: 200, sortDirection: null, text: (r) => r.name },
  {
    id: 'cpu',
    label: 'CPU',
    definition: 'CPU share.',
    isNumeric: true,
    width: 80,
    sortDirection: 'descending',
    text: (r) => `${r.cpuPercent.toFixed(1)}%`,
    heat: (r) => (r.cpuPercent >= 50 ? 5 : 0),
  },
];

const flatRows: GridRow<Item>[] = ['a', 'b', 'c', 'd'].map((name, i) => ({
  key: `${i + 1}:0`,
  data: { name, cpuPercent: 80 - i * 20 },
  level: 1,
  hasChildren: false,
  isExpanded: false,
}));

/** parent (expanded) > child; closed (collapsed, has children); leaf. */
const treeRows: GridRow<Item>[] = [
  { key: '1:0', data: { name: 'parent', cpuPercent: 1 }, level: 1, hasChildren: true, isExpanded: true },
  { key: '2:0', data: { name: 'child', cpuPercent: 1 }, level: 2, hasChildren: false, isExpanded: false },
  { key: '3:0', data: { name: 'closed', cpuPercent: 1 }, level: 1, hasChildren: true, isExpanded: false },
  { key: '4:0', data: { name: 'leaf', cpuPercent: 1 }, level: 1, hasChildren: false, isExpanded: false },
];

function renderGrid(overrides: Partial<DataGridProps<Item>> = {}) {
  const handlers = {
    onSelect: vi.fn<DataGridProps<Item>['onSelect']>(),
    onFocus: vi.fn<DataGridProps<Item>['onFocus']>(),
    onToggle: vi.fn<(key: string, isExpanded: boolean) => void>(),
    onActivate: vi.fn<(key: string) => void>(),
    onDeleteKey: vi.fn<(key: string, isShift: boolean) => void>(),
    onSelectAll: vi.fn<() => void>(),
    onSort: vi.fn<(columnId: string) => void>(),
    onContextMenu: vi.fn<(key: string, x: number, y: number) => void>(),
  };
  const props: DataGridProps<Item> = {
    label: 'Processes',
    isTree: false,
    columns,
    rows: flatRows,
    selected: new Set(),
    focusedKey: null,
    ...handlers,
    ...overrides,
  };
  const result = render(<DataGrid {...props} />);
  const grid = screen.getByRole(props.isTree ? 'treegrid' : 'grid', { name: props.label });
  return { ...result, grid, handlers, props };
}

/**
 * happy-dom lays nothing out, so every element measures 0×0 and the virtualiser (which reads the
 * scroll element's clientWidth/clientHeight, @tanstack/virtual-core's getRect) would show no row.
 * A 240 px tall viewport shows 10 rows of 24 px.
 */
const VIEWPORT_PX = 240;
useViewport(VIEWPORT_PX, 800);
afterEach(() => cleanup());

const dataRows = (grid: HTMLElement) => within(grid).getAllByRole('row').filter((row) => row.getAttribute('aria-rowindex') !== '1');

describe('DataGrid: semantics', () => {
  it('shows a decorative icon before the text where the column gives one, and keeps the slot when it has none', () => {
    const withIcons: GridColumn<Item>[] = [{ ...columns[0]!, icon: (r) => (r.name === 'a' ? 'data:image/png;base64,AAAA' : null) }, columns[1]!];
    renderGrid({ columns: withIcons });
    const cells = screen.getAllByRole('gridcell').filter((cell) => /^[abcd]$/.test(cell.textContent ?? ''));
    const icon = cells[0]?.querySelector('img');
    expect(icon?.getAttribute('src')).toBe('data:image/png;base64,AAAA');
    expect(icon?.getAttribute('alt')).toBe('');
    expect(cells[0]?.textContent).toBe('a');
    expect(cells[1]?.querySelector('img')).toBeNull();
    expect(cells[1]?.querySelector('.cell-icon[aria-hidden="true"]')).not.toBeNull();
  });

  it('is a grid named by its label, counting the header row in aria-rowcount', () => {
    const { grid } = renderGrid();
    expect(grid.getAttribute('aria-rowcount')).toBe('5');
    expect(grid.getAttribute('aria-colcount')).toBe('2');
    expect(grid.getAttribute('aria-multiselectable')).toBe('true');
    expect(screen.queryByRole('treegrid')).toBeNull();
  });

  it('is a treegrid in tree view', () => {
    const { grid } = renderGrid({ isTree: true, rows: treeRows });
    expect(grid.getAttribute('role')).toBe('treegrid');
    expect(grid.getAttribute('aria-rowcount')).toBe('5');
  });

  it('names its column headers plainly, with aria-sort on the sorted one only', () => {
    renderGrid();
    const name = screen.getByRole('columnheader', { name: 'Name' });
    const cpu = screen.getByRole('columnheader', { name: 'CPU' });
    expect(name.hasAttribute('aria-sort')).toBe(false);
    expect(cpu.getAttribute('aria-sort')).toBe('descending');
    expect(screen.getAllByRole('columnheader')).toHaveLength(2);
  });

  it('sorts when a header is clicked', () => {
    const { handlers } = renderGrid();
    fireEvent.click(within(screen.getByRole('columnheader', { name: 'Name' })).getByRole('button'));
    expect(handlers.onSort).toHaveBeenCalledWith('name');
  });

  it('renders the rows on screen with aria-rowindex from 2 (the header is 1), their cells and selection', () => {
    const { grid } = renderGrid({ selected: new Set(['2:0']) });
    const rows = dataRows(grid);
    expect(rows.map((r) => r.getAttribute('aria-rowindex'))).toEqual(['2', '3', '4', '5']);
    expect(within(rows[0] as HTMLElement).getAllByRole('gridcell').map((c) => c.textContent)).toEqual(['a', '80.0%']);
    expect(rows.map((r) => r.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false', 'false']);
    expect(rows.some((r) => r.hasAttribute('aria-level'))).toBe(false);
  });

  it('shades a hot cell', () => {
    const { grid } = renderGrid();
    const cells = within(dataRows(grid)[0] as HTMLElement).getAllByRole('gridcell');
    expect(cells[1]?.className).toContain('heat-5');
    expect(cells[0]?.className).not.toContain('heat');
  });

  it('gives tree rows aria-level, and aria-expanded only to rows with children', () => {
    const { grid } = renderGrid({ isTree: true, rows: treeRows });
    const rows = dataRows(grid);
    expect(rows.map((r) => r.getAttribute('aria-level'))).toEqual(['1', '2', '1', '1']);
    expect(rows.map((r) => r.getAttribute('aria-expanded'))).toEqual(['true', null, 'false', null]);
  });

  it('renders only the rows around the viewport of a long list, with their place in the whole', () => {
    const many: GridRow<Item>[] = Array.from({ length: 2000 }, (_, i) => ({
      key: `${i + 1}:0`,
      data: { name: `p${i}`, cpuPercent: 0 },
      level: 1,
      hasChildren: false,
      isExpanded: false,
    }));
    const { grid } = renderGrid({ rows: many });
    expect(grid.getAttribute('aria-rowcount')).toBe('2001');
    const rows = dataRows(grid);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(50);
    expect(rows[0]?.getAttribute('aria-rowindex')).toBe('2');
  });

  it('names the focused row as the active descendant', () => {
    const { grid } = renderGrid({ focusedKey: '3:0' });
    const id = grid.getAttribute('aria-activedescendant');
    expect(id).not.toBeNull();
    expect(document.getElementById(id ?? '')?.getAttribute('aria-rowindex')).toBe('4');
  });

  it('selects a row on click, and extends or toggles with Shift or Ctrl', () => {
    const { grid, handlers } = renderGrid();
    const keys = flatRows.map((r) => r.key);
    const second = dataRows(grid)[1] as HTMLElement;
    fireEvent.mouseDown(second, { button: 0 });
    fireEvent.mouseDown(second, { button: 0, shiftKey: true });
    fireEvent.mouseDown(second, { button: 0, ctrlKey: true });
    expect(handlers.onSelect.mock.calls).toEqual([
      ['2:0', 'only', keys],
      ['2:0', 'range', keys],
      ['2:0', 'toggle', keys],
    ]);
  });
});

describe('DataGrid: keyboard', () => {
  const keys = flatRows.map((r) => r.key);

  it('ArrowDown selects the next row', () => {
    const { grid, handlers } = renderGrid({ focusedKey: '1:0' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(handlers.onSelect).toHaveBeenCalledWith('2:0', 'only', keys);
    expect(handlers.onFocus).not.toHaveBeenCalled();
  });

  it('ArrowDown with nothing focused selects the first row', () => {
    const { grid, handlers } = renderGrid();
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(handlers.onSelect).toHaveBeenCalledWith('1:0', 'only', keys);
  });

  it('ArrowDown on the last row stays on it; ArrowUp moves back', () => {
    const { grid, handlers } = renderGrid({ focusedKey: '4:0' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    expect(handlers.onSelect.mock.calls.map((c) => c[0])).toEqual(['4:0', '3:0']);
  });

  it('Shift+ArrowDown extends the selection (range)', () => {
    const { grid, handlers } = renderGrid({ focusedKey: '2:0' });
    fireEvent.keyDown(grid, { key: 'ArrowDown', shiftKey: true });
    expect(handlers.onSelect).toHaveBeenCalledWith('3:0', 'range', keys);
  });

  it('Ctrl+ArrowDown moves the focus only', () => {
    const { grid, handlers } = renderGrid({ focusedKey: '2:0' });
    fireEvent.keyDown(grid, { key: 'ArrowDown', ctrlKey: true });
    expect(handlers.onFocus).toHaveBeenCalledWith('3:0');
    expect(handlers.onSelect).not.toHaveBeenCalled();
  });

  it('Home and End select the first and last rows', () => {
    const { grid, handlers } = renderGrid({ focusedKey: '2:0' });
    fireEvent.keyDown(grid, { key: 'End' });
    fireEvent.keyDown(grid, { key: 'Home' });
    expect(handlers.onSelect.mock.calls.map((c) => c[0])).toEqual(['4:0', '1:0']);
  });

  it('Ctrl+Space toggles the focused row; Space selects it alone', () => {
    const { grid, handlers } = renderGrid({ focusedKey: '2:0' });
    fireEvent.keyDown(grid, { key: ' ', ctrlKey: true });
    fireEvent.keyDown(grid, { key: ' ' });
    expect(handlers.onSelect.mock.calls).toEqual([
      ['2:0', 'toggle', keys],
      ['2:0', 'only', keys],
    ]);
  });

  it('Delete and Shift+Delete act on the focused row', () => {
    const { grid, handlers } = renderGrid({ focusedKey: '3:0' });
    fireEvent.keyDown(grid, { key: 'Delete' });
    fireEvent.keyDown(grid, { key: 'Delete', shiftKey: true });
    expect(handlers.onDeleteKey.mock.calls).toEqual([
      ['3:0', false],
      ['3:0', true],
    ]);
  });

  it('Delete with no focused row does nothing', () => {
    const { grid, handlers } = renderGrid();
    fireEvent.keyDown(grid, { key: 'Delete' });
    expect(handlers.onDeleteKey).not.toHaveBeenCalled();
  });

  it('Ctrl+A selects all; A alone does not', () => {
    const { grid, handlers } = renderGrid({ focusedKey: '1:0' });
    fireEvent.keyDown(grid, { key: 'a' });
    expect(handlers.onSelectAll).not.toHaveBeenCalled();
    fireEvent.keyDown(grid, { key: 'a', ctrlKey: true });
    expect(handlers.onSelectAll).toHaveBeenCalledTimes(1);
  });

  it('Enter activates the focused row', () => {
    const { grid, handlers } = renderGrid({ focusedKey: '2:0' });
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(handlers.onActivate).toHaveBeenCalledWith('2:0');
  });

  it('Shift+F10 and the context-menu key open the menu for the focused row; F10 alone does not', () => {
    const { grid, handlers } = renderGrid({ focusedKey: '2:0' });
    fireEvent.keyDown(grid, { key: 'F10' });
    expect(handlers.onContextMenu).not.toHaveBeenCalled();
    fireEvent.keyDown(grid, { key: 'F10', shiftKey: true });
    fireEvent.keyDown(grid, { key: 'ContextMenu' });
    expect(handlers.onContextMenu.mock.calls.map((c) => c[0])).toEqual(['2:0', '2:0']);
  });

  it('ignores keys typed in a header button (they sort or resize that column)', () => {
    const { handlers } = renderGrid({ focusedKey: '1:0' });
    fireEvent.keyDown(within(screen.getByRole('columnheader', { name: 'Name' })).getByRole('button'), { key: 'ArrowDown' });
    expect(handlers.onSelect).not.toHaveBeenCalled();
  });

  it('focusing the grid with no focused row focuses the first', () => {
    const { grid, handlers } = renderGrid();
    fireEvent.focus(grid);
    expect(handlers.onFocus).toHaveBeenCalledWith('1:0');
  });
});

describe('DataGrid: tree keyboard', () => {
  const keys = treeRows.map((r) => r.key);

  it('ArrowRight on a collapsed parent expands it', () => {
    const { grid, handlers } = renderGrid({ isTree: true, rows: treeRows, focusedKey: '3:0' });
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    expect(handlers.onToggle).toHaveBeenCalledWith('3:0', true);
    expect(handlers.onSelect).not.toHaveBeenCalled();
  });

  it('ArrowRight on an expanded parent moves to its first child', () => {
    const { grid, handlers } = renderGrid({ isTree: true, rows: treeRows, focusedKey: '1:0' });
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    expect(handlers.onToggle).not.toHaveBeenCalled();
    expect(handlers.onSelect).toHaveBeenCalledWith('2:0', 'only', keys);
  });

  it('ArrowLeft on an expanded parent collapses it', () => {
    const { grid, handlers } = renderGrid({ isTree: true, rows: treeRows, focusedKey: '1:0' });
    fireEvent.keyDown(grid, { key: 'ArrowLeft' });
    expect(handlers.onToggle).toHaveBeenCalledWith('1:0', false);
  });

  it('ArrowLeft on a child moves to its parent', () => {
    const { grid, handlers } = renderGrid({ isTree: true, rows: treeRows, focusedKey: '2:0' });
    fireEvent.keyDown(grid, { key: 'ArrowLeft' });
    expect(handlers.onSelect).toHaveBeenCalledWith('1:0', 'only', keys);
  });

  it('ArrowRight and ArrowLeft do nothing in a flat grid', () => {
    const { grid, handlers } = renderGrid({ focusedKey: '1:0' });
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    fireEvent.keyDown(grid, { key: 'ArrowLeft' });
    expect(handlers.onToggle).not.toHaveBeenCalled();
    expect(handlers.onSelect).not.toHaveBeenCalled();
  });

  it('a click on the expander toggles the node without selecting it', () => {
    const { grid, handlers } = renderGrid({ isTree: true, rows: treeRows });
    const closed = dataRows(grid)[2] as HTMLElement;
    const expander = closed.querySelector('.grid-expander');
    expect(expander).not.toBeNull();
    fireEvent.mouseDown(expander as Element, { button: 0 });
    expect(handlers.onToggle).toHaveBeenCalledWith('3:0', true);
    expect(handlers.onSelect).not.toHaveBeenCalled();
  });
});

describe('DataGrid: no rows, gone rows, the pointer', () => {
  it('shows the empty message as one row spanning the columns, and nothing of it while there are rows', () => {
    const onClear = vi.fn<() => void>();
    const message = (
      <>
        Nothing here{' '}
        <button type="button" onClick={onClear}>
          Clear
        </button>
      </>
    );
    const { grid, rerender, props } = renderGrid({ rows: [], emptyMessage: message });
    expect(grid.getAttribute('aria-rowcount')).toBe('2');
    const cell = within(grid).getByRole('gridcell');
    expect(cell.textContent).toBe('Nothing here Clear');
    expect(cell.getAttribute('aria-colspan')).toBe('2');
    fireEvent.click(within(cell).getByRole('button', { name: 'Clear' }));
    expect(onClear).toHaveBeenCalledOnce();
    rerender(<DataGrid {...props} rows={flatRows} />);
    expect(within(grid).queryByText('Nothing here')).toBeNull();
    expect(grid.getAttribute('aria-rowcount')).toBe('5');
  });

  it('shows no empty row without a message', () => {
    const { grid } = renderGrid({ rows: [] });
    expect(grid.getAttribute('aria-rowcount')).toBe('1');
    expect(within(grid).queryAllByRole('gridcell')).toHaveLength(0);
  });

  it('marks a gone row disabled and dimmed', () => {
    const { grid } = renderGrid({ rows: [flatRows[0]!, { ...flatRows[1]!, isGone: true }] });
    const rows = dataRows(grid);
    expect(rows.map((r) => r.getAttribute('aria-disabled'))).toEqual([null, 'true']);
    expect(rows[1]?.className).toContain('gone');
  });

  it('says when the pointer comes over the rows and leaves them, not over the header', () => {
    const onPointerInside = vi.fn<(isInside: boolean) => void>();
    const { grid } = renderGrid({ onPointerInside });
    const [head, body] = within(grid).getAllByRole('rowgroup');
    fireEvent.pointerEnter(head as HTMLElement);
    expect(onPointerInside).not.toHaveBeenCalled();
    fireEvent.pointerEnter(body as HTMLElement);
    fireEvent.pointerLeave(body as HTMLElement);
    expect(onPointerInside.mock.calls).toEqual([[true], [false]]);
  });
});

describe('DataGrid: keeping the focused row in view', () => {
  const many: GridRow<Item>[] = Array.from({ length: 100 }, (_, i) => ({
    key: `${i + 1}:0`,
    data: { name: `p${i + 1}`, cpuPercent: 0 },
    level: 1,
    hasChildren: false,
    isExpanded: false,
  }));
  /** The same rows with the first moved to the end (a re-sort moved the focused row down). */
  const resorted = [...many.slice(1), many[0]!];
  // The virtualiser clamps a scroll to scrollHeight − clientHeight: give the list its height.
  const scrollHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'scrollHeight');
  beforeAll(() => Object.defineProperty(HTMLElement.prototype, 'scrollHeight', { configurable: true, get: () => 24 * 101 }));
  afterAll(() => {
    if (scrollHeight) Object.defineProperty(HTMLElement.prototype, 'scrollHeight', scrollHeight);
    else Reflect.deleteProperty(HTMLElement.prototype, 'scrollHeight');
  });
  /** Where the grid was last told to scroll to (happy-dom keeps no scroll position without layout). */
  const scrolledTo = () => {
    const spy = vi.spyOn(HTMLElement.prototype, 'scrollTo');
    return () => {
      // The virtualiser calls scrollTo(options); the spy's type knows only the (x, y) overload.
      const calls = (spy.mock.calls as unknown as [ScrollToOptions | undefined][]).map(([options]) => options?.top ?? 0);
      spy.mockRestore();
      return calls.length === 0 ? 0 : (calls[calls.length - 1] ?? 0);
    };
  };

  it.each([
    [true, 'scrolls to it when a re-sort moves it out of view'],
    [false, 'does not scroll when a re-sort moves it (the view must not jump)'],
  ])('isFollowingFocus %s: %s', (isFollowingFocus) => {
    const { rerender, props } = renderGrid({ rows: many, focusedKey: '1:0', isFollowingFocus });
    const lastScroll = scrolledTo();
    rerender(<DataGrid {...props} rows={resorted} />);
    if (isFollowingFocus) expect(lastScroll()).toBeGreaterThan(24 * 90);
    else expect(lastScroll()).toBe(0);
  });

  it('scrolls to it when revealFocusOn changes (a search cleared), whatever isFollowingFocus', () => {
    const { rerender, props } = renderGrid({ rows: many.slice(0, 1), focusedKey: '100:0', revealFocusOn: 'chrome' });
    const lastScroll = scrolledTo();
    rerender(<DataGrid {...props} rows={many} revealFocusOn="" />);
    expect(lastScroll()).toBeGreaterThan(24 * 90);
  });
});
