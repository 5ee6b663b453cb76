// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskManagerApi } from '../../../src-shared/api.ts';
import { parseCsvObjects } from '../../../src-shared/testing/csv-parse.ts';
import { FIXTURE_TIME_MS, processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import { ApiContext, StoreContext } from '../../store/store-context.tsx';
import { createAppStore } from '../../store/store.ts';
import { ProcessesTab } from './ProcessesTab.tsx';

/** What each download was: the Blob handed to URL.createObjectURL and the link's file name. */
let blobs: Blob[] = [];
let fileNames: string[] = [];

beforeEach(() => {
  blobs = [];
  fileNames = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return `blob:test/${blobs.length}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    fileNames.push(this.download);
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderTab(configure: (store: ReturnType<typeof createAppStore>) => void = () => undefined) {
  const store = createAppStore(null);
  const processes = [
    processRow({ pid: 10, name: 'worker', cpuPercent: 5, memoryBytes: 1000, commandLine: 'worker --name "a, b"' }),
    processRow({ pid: 11, name: 'worker', cpuPercent: 40, memoryBytes: null, commandLine: '=HYPERLINK("x")' }),
    processRow({ pid: 12, name: 'editor', cpuPercent: 90 }),
    processRow({ pid: 13, name: 'worker', cpuPercent: 20 }),
  ];
  store.getState().ingestSnapshot(snapshot({ takenAtMs: FIXTURE_TIME_MS + 7, processes }), 0);
  // As the user left the table: filtered to "worker", sorted by CPU, busiest first.
  store.getState().setSearch('worker');
  store.setState({ sort: { column: 'cpu', direction: 'descending' } });
  configure(store);
  render(
    <ApiContext.Provider value={{} as TaskManagerApi}>
      <StoreContext.Provider value={store}>
        <ProcessesTab />
      </StoreContext.Provider>
    </ApiContext.Provider>,
  );
}

describe('Export menu', () => {
  it('Processes as CSV downloads the rows as shown: filtered, in their order, quotes kept, formulas defused', async () => {
    renderTab();
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(screen.getByRole('button', { name: 'Export' }).getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('menuitem', { name: 'Processes as CSV' }));
    // The export code loads on first use: the download follows a moment later.
    await vi.waitFor(() => expect(fileNames).toEqual([`taskmgr-processes-${FIXTURE_TIME_MS + 7}.csv`]));
    expect(blobs[0]?.type).toBe('text/csv; charset=utf-8');
    const records = parseCsvObjects(await (blobs[0] as Blob).text());
    expect(records.map((r) => [r.pid, r.cpu_percent])).toEqual([['11', '40'], ['13', '20'], ['10', '5']]);
    expect(records.map((r) => r.command_line)).toEqual([`'=HYPERLINK("x")`, '', 'worker --name "a, b"']);
    expect(records[0]?.memory_bytes).toBe('');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('is usable from the keyboard: ArrowDown opens the menu, arrows move, Enter chooses JSON Lines', async () => {
    renderTab();
    const button = screen.getByRole('button', { name: 'Export' });
    button.focus();
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    const menu = screen.getByRole('menu', { name: 'Export' });
    expect(document.activeElement).toBe(menu);
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    act(() => void fireEvent.keyDown(menu, { key: 'Enter' }));
    await vi.waitFor(() => expect(fileNames).toEqual([`taskmgr-processes-${FIXTURE_TIME_MS + 7}.jsonl`]));
    const lines = (await (blobs[0] as Blob).text()).trim().split('\n').map((line) => JSON.parse(line) as { pid: number; memory_bytes: number | null });
    expect(lines.map((l) => l.pid)).toEqual([11, 13, 10]);
    expect(lines[0]?.memory_bytes).toBeNull();
    // Closing gives the focus back to the button.
    expect(document.activeElement).toBe(button);
  });

  it('Escape, or the button pressed again, closes the menu without a download', () => {
    renderTab();
    const button = screen.getByRole('button', { name: 'Export' });
    fireEvent.click(button);
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(screen.getByRole('menu')).toBeTruthy();
    // A real press: pointerdown (outside the menu: it closes) and then the click, which must not reopen it.
    fireEvent.pointerDown(button);
    fireEvent.click(button);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(blobs).toEqual([]);
  });

  it('in the past exports the rows of that moment, the file named by it', async () => {
    const atMs = FIXTURE_TIME_MS - 3_600_000;
    const pastRows = [processRow({ pid: 77, name: 'worker', cpuPercent: 99 }), processRow({ pid: 78, name: 'other', cpuPercent: 1 })];
    renderTab((store) => {
      store.getState().startTravel(atMs);
      store.getState().ingestProcessesAt(atMs, { ok: true, kind: 'processesAt', value: { atMs, takenAtMs: atMs - 400, processes: pastRows, apps: [] } });
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Processes as CSV' }));
    await vi.waitFor(() => expect(fileNames).toEqual([`taskmgr-processes-${atMs - 400}.csv`]));
    // Still filtered by the search ("worker"), as the table shows it.
    expect(parseCsvObjects(await (blobs[0] as Blob).text()).map((r) => [r.pid, r.cpu_percent])).toEqual([['77', '99']]);
  });
});
