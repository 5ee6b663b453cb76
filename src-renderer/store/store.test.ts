import { describe, expect, it } from 'vitest';
import type { CollectorStatus } from '../../src-shared/collector-status.ts';
import type { ProcessRow } from '../../src-shared/snapshot.ts';
import { FIXTURE_TIME_MS, processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { buildDisplayRows } from '../features/processes/process-rows.ts';
import { DEFAULT_SETTINGS, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, type ColumnId } from './settings.ts';
import { createAppStore, SETTINGS_STORAGE_KEY, type StorageLike } from './store.ts';
import { rowKey } from './view-slice.ts';

/** localStorage as the store sees it, with a record of every write. */
class FakeStorage implements StorageLike {
  readonly items = new Map<string, string>();
  writes = 0;
  failReads = false;
  failWrites = false;

  getItem(key: string): string | null {
    if (this.failReads) throw new Error('SecurityError: storage denied');
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.writes += 1;
    this.items.set(key, value);
  }
}

const stored = (storage: FakeStorage): unknown => JSON.parse(storage.items.get(SETTINGS_STORAGE_KEY) ?? 'null');

describe('live slice', () => {
  it('starts with no snapshot, no status and no history', () => {
    const state = createAppStore(null).getState();
    expect(state.snapshot).toBeNull();
    expect(state.status).toBeNull();
    expect(state.receivedAtMs).toBeNull();
    expect(state.history).toEqual([]);
  });

  it('ingestSnapshot keeps the snapshot, when it arrived, and a history point', () => {
    const store = createAppStore(null);
    const first = snapshot({ seq: 1, takenAtMs: FIXTURE_TIME_MS });
    const second = snapshot({ seq: 2, takenAtMs: FIXTURE_TIME_MS + 1000 });
    store.getState().ingestSnapshot(first, 5000);
    store.getState().ingestSnapshot(second, 6000);
    const state = store.getState();
    expect(state.snapshot).toBe(second);
    expect(state.receivedAtMs).toBe(6000);
    expect(state.history.map((p) => p.takenAtMs)).toEqual([FIXTURE_TIME_MS, FIXTURE_TIME_MS + 1000]);
  });

  it('ignores snapshots while the update speed is paused, and takes them again after', () => {
    const store = createAppStore(null);
    const before = snapshot({ seq: 1 });
    store.getState().ingestSnapshot(before, 1000);
    store.getState().setUpdateSpeed('paused');
    store.getState().ingestSnapshot(snapshot({ seq: 2, takenAtMs: FIXTURE_TIME_MS + 1000 }), 2000);
    expect(store.getState().snapshot).toBe(before);
    expect(store.getState().receivedAtMs).toBe(1000);
    expect(store.getState().history).toHaveLength(1);

    store.getState().setUpdateSpeed('normal');
    const after = snapshot({ seq: 3, takenAtMs: FIXTURE_TIME_MS + 2000 });
    store.getState().ingestSnapshot(after, 3000);
    expect(store.getState().snapshot).toBe(after);
    expect(store.getState().history).toHaveLength(2);
  });

  it('a page opened paused shows the first snapshot it gets, and holds still after it', () => {
    const store = createAppStore(null);
    store.getState().setUpdateSpeed('paused');
    const first = snapshot({ seq: 1 });
    store.getState().ingestSnapshot(first, 1000);
    store.getState().ingestSnapshot(snapshot({ seq: 2, takenAtMs: FIXTURE_TIME_MS + 1000 }), 2000);
    expect(store.getState().snapshot).toBe(first);
  });

  it('holds the view while Ctrl is held: the latest snapshot waits and is shown on release, with its history point', () => {
    const store = createAppStore(null);
    const before = snapshot({ seq: 1 });
    store.getState().ingestSnapshot(before, 1000);
    store.getState().setHeld(true);
    store.getState().ingestSnapshot(snapshot({ seq: 2, takenAtMs: FIXTURE_TIME_MS + 1000 }), 2000);
    const latest = snapshot({ seq: 3, takenAtMs: FIXTURE_TIME_MS + 2000 });
    store.getState().ingestSnapshot(latest, 3000);
    expect(store.getState().snapshot).toBe(before);
    expect(store.getState().receivedAtMs).toBe(3000); // not stale: data is arriving
    expect(store.getState().history).toHaveLength(1);

    store.getState().setHeld(false);
    expect(store.getState().snapshot).toBe(latest);
    expect(store.getState().heldSnapshot).toBeNull();
    expect(store.getState().history.map((p) => p.takenAtMs)).toEqual([FIXTURE_TIME_MS, FIXTURE_TIME_MS + 2000]);
  });

  it('a release with nothing new keeps the snapshot as it is', () => {
    const store = createAppStore(null);
    const only = snapshot({ seq: 1 });
    store.getState().ingestSnapshot(only, 1000);
    store.getState().setHeld(true);
    store.getState().setHeld(false);
    expect(store.getState().snapshot).toBe(only);
    expect(store.getState().history).toHaveLength(1);
  });

  it('ingestRecentSeries draws the host’s last minutes before the live points, at the page’s update speed', () => {
    const store = createAppStore(null);
    store.getState().setUpdateSpeed('fast'); // 500 ms
    store.getState().ingestSnapshot(snapshot({ seq: 20, takenAtMs: FIXTURE_TIME_MS + 5000 }), 1000);
    // The host sampled every 250 ms for the 5 s before the page opened, and the tick it opened on.
    const points = Array.from({ length: 21 }, (_, i) => {
      const { processes: _p, apps: _a, volumes: _v, ...point } = snapshot({ seq: i, takenAtMs: FIXTURE_TIME_MS + i * 250, intervalMs: 250 });
      return point;
    });
    store.getState().ingestRecentSeries(points);
    const times = store.getState().history.map((p) => p.takenAtMs - FIXTURE_TIME_MS);
    expect(times).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000]);
    // A live point keeps coming after them.
    store.getState().ingestSnapshot(snapshot({ seq: 22, takenAtMs: FIXTURE_TIME_MS + 5500 }), 1500);
    expect(store.getState().history.at(-1)?.takenAtMs).toBe(FIXTURE_TIME_MS + 5500);
  });

  it('ingestRecentSeries with nothing new leaves the history as it was (no re-render)', () => {
    const store = createAppStore(null);
    store.getState().ingestSnapshot(snapshot({ seq: 1 }), 1000);
    const before = store.getState().history;
    store.getState().ingestRecentSeries([]);
    expect(store.getState().history).toBe(before);
  });

  it('ingestConnection keeps the link state', () => {
    const store = createAppStore(null);
    store.getState().ingestConnection({ state: 'lost', message: 'the connection to the host was lost; reconnecting', sinceMs: 5 });
    expect(store.getState().connection?.state).toBe('lost');
  });

  it('ingestStatus keeps the collector status', () => {
    const store = createAppStore(null);
    const status: CollectorStatus = { state: 'down', restarts: 2, message: 'exited with code 1', sinceMs: FIXTURE_TIME_MS };
    store.getState().ingestStatus(status);
    expect(store.getState().status).toBe(status);
  });
});

describe('settings persistence', () => {
  it('starts from the defaults with nothing stored, and writes nothing until a setting changes', () => {
    const storage = new FakeStorage();
    const store = createAppStore(storage);
    expect(store.getState().updateSpeed).toBe(DEFAULT_SETTINGS.updateSpeed);
    store.getState().ingestSnapshot(snapshot(), 1000);
    store.getState().setSearch('chrome');
    store.getState().select('1:2', 'only');
    expect(storage.writes).toBe(0);
  });

  it('stores the settings under SETTINGS_STORAGE_KEY after a change, and a new store loads them back', () => {
    const storage = new FakeStorage();
    const store = createAppStore(storage);
    store.getState().setUpdateSpeed('slow');
    store.getState().setCpuMode('perCore');
    store.getState().setHistoryWindow(300);
    store.getState().toggleColumn('threads');
    store.getState().setColumnWidth('name', 333);
    store.getState().sortBy('memory');
    store.getState().sortAppsBy('name');
    store.getState().setViewMode('tree');
    store.getState().setActiveTab('performance');
    expect(stored(storage)).toMatchObject({ updateSpeed: 'slow', cpuMode: 'perCore', viewMode: 'tree' });

    const again = createAppStore(storage).getState();
    expect(again.updateSpeed).toBe('slow');
    expect(again.cpuMode).toBe('perCore');
    expect(again.historyWindowSec).toBe(300);
    expect(again.visibleColumns).toContain('threads');
    expect(again.columnWidths).toEqual({ name: 333 });
    expect(again.sort).toEqual({ column: 'memory', direction: 'descending' });
    expect(again.appsSort).toEqual({ column: 'name', direction: 'ascending' });
    expect(again.viewMode).toBe('tree');
    expect(again.activeTab).toBe('performance');
  });

  it('writes once per change, not again for the same settings', () => {
    const storage = new FakeStorage();
    const store = createAppStore(storage);
    store.getState().setUpdateSpeed('fast');
    store.getState().setUpdateSpeed('fast');
    expect(storage.writes).toBe(1);
  });

  it.each([
    ['JSON that does not parse', '{"updateSpeed": "fa'],
    ['JSON of the wrong shape', '[1, 2, 3]'],
    ['JSON null', 'null'],
  ])('starts from the defaults when storage holds %s', (_what, text) => {
    const storage = new FakeStorage();
    storage.items.set(SETTINGS_STORAGE_KEY, text);
    const state = createAppStore(storage).getState();
    expect(state.updateSpeed).toBe(DEFAULT_SETTINGS.updateSpeed);
    expect(state.visibleColumns).toEqual(DEFAULT_SETTINGS.visibleColumns);
    expect(state.sort).toEqual(DEFAULT_SETTINGS.sort);
  });

  it('starts from the defaults when storage cannot be read', () => {
    const storage = new FakeStorage();
    storage.failReads = true;
    expect(createAppStore(storage).getState().cpuMode).toBe(DEFAULT_SETTINGS.cpuMode);
  });

  it('still applies a setting for this session when storage refuses the write', () => {
    const storage = new FakeStorage();
    storage.failWrites = true;
    const store = createAppStore(storage);
    store.getState().setCpuMode('perCore');
    expect(store.getState().cpuMode).toBe('perCore');
  });
});

describe('settings slice', () => {
  it('flips the direction when sorting by the sorted column again', () => {
    const store = createAppStore(null);
    expect(store.getState().sort).toEqual({ column: 'cpu', direction: 'descending' });
    store.getState().sortBy('cpu');
    expect(store.getState().sort).toEqual({ column: 'cpu', direction: 'ascending' });
    store.getState().sortBy('cpu');
    expect(store.getState().sort).toEqual({ column: 'cpu', direction: 'descending' });
  });

  it.each<[ColumnId, 'ascending' | 'descending']>([
    ['name', 'ascending'],
    ['pid', 'ascending'],
    ['status', 'ascending'],
    ['user', 'ascending'],
    ['commandLine', 'ascending'],
    ['memory', 'descending'],
    ['disk', 'descending'],
    ['network', 'descending'],
    ['gpu', 'descending'],
    ['threads', 'descending'],
  ])('a new sort column %s starts %s', (column, direction) => {
    const store = createAppStore(null);
    store.getState().sortBy(column);
    expect(store.getState().sort).toEqual({ column, direction });
  });

  it('starts a figure column descending even when the previous column was ascending', () => {
    const store = createAppStore(null);
    store.getState().sortBy('name');
    store.getState().sortBy('cpu');
    expect(store.getState().sort).toEqual({ column: 'cpu', direction: 'descending' });
  });

  it('sorts the Apps table on its own: text columns start ascending, figures descending, again flips', () => {
    const store = createAppStore(null);
    store.getState().sortAppsBy('name');
    expect(store.getState().appsSort).toEqual({ column: 'name', direction: 'ascending' });
    store.getState().sortAppsBy('processes');
    expect(store.getState().appsSort).toEqual({ column: 'processes', direction: 'descending' });
    store.getState().sortAppsBy('processes');
    expect(store.getState().appsSort).toEqual({ column: 'processes', direction: 'ascending' });
    expect(store.getState().sort).toEqual({ column: 'cpu', direction: 'descending' });
  });

  it('toggleColumn hides and shows a column, back in its place among the columns', () => {
    const store = createAppStore(null);
    store.getState().toggleColumn('commandLine');
    store.getState().toggleColumn('threads');
    store.getState().toggleColumn('pid');
    expect(store.getState().visibleColumns).toEqual(['name', 'status', 'cpu', 'memory', 'disk', 'network', 'gpu', 'user', 'threads', 'commandLine']);
    store.getState().toggleColumn('pid');
    expect(store.getState().visibleColumns).toEqual([
      'name',
      'pid',
      'status',
      'cpu',
      'memory',
      'disk',
      'network',
      'gpu',
      'user',
      'threads',
      'commandLine',
    ]);
  });

  it('setColumnShown turns a column on (chosen: shown even where the host can’t fill it) and off (no longer chosen)', () => {
    const store = createAppStore(null);
    store.getState().setColumnShown('startTime', true);
    store.getState().setColumnShown('network', true);
    expect(store.getState().chosenColumns).toEqual(['network', 'startTime']);
    expect(store.getState().visibleColumns).toEqual([...DEFAULT_SETTINGS.visibleColumns, 'startTime']);
    store.getState().setColumnShown('network', false);
    expect(store.getState().chosenColumns).toEqual(['startTime']);
    expect(store.getState().visibleColumns).not.toContain('network');
    store.getState().setColumnShown('name', false);
    expect(store.getState().visibleColumns).toContain('name');
  });

  it('remembers the chosen columns and the details panel choice', () => {
    const storage = new FakeStorage();
    const store = createAppStore(storage);
    store.getState().setColumnShown('handles', true);
    store.getState().setDetailsPanelOpen(false);
    const again = createAppStore(storage).getState();
    expect(again.chosenColumns).toEqual(['handles']);
    expect(again.visibleColumns).toContain('handles');
    expect(again.isDetailsPanelOpen).toBe(false);
  });

  it('toggleColumn never hides the name column', () => {
    const store = createAppStore(null);
    store.getState().toggleColumn('name');
    expect(store.getState().visibleColumns).toEqual(DEFAULT_SETTINGS.visibleColumns);
  });

  it.each([
    [200, 200],
    [200.4, 200],
    [10, MIN_COLUMN_WIDTH],
    [-50, MIN_COLUMN_WIDTH],
    [5000, MAX_COLUMN_WIDTH],
  ])('setColumnWidth(%d) keeps a width of %d', (width, kept) => {
    const store = createAppStore(null);
    store.getState().setColumnWidth('cpu', width);
    expect(store.getState().columnWidths).toEqual({ cpu: kept });
  });

  it('setColumnWidth leaves the other columns alone', () => {
    const store = createAppStore(null);
    store.getState().setColumnWidth('cpu', 100);
    store.getState().setColumnWidth('name', 300);
    expect(store.getState().columnWidths).toEqual({ cpu: 100, name: 300 });
  });
});

describe('view slice', () => {
  const keys = ['a', 'b', 'c', 'd', 'e'];

  it('select "only" selects that row alone and makes it the anchor and the focus', () => {
    const store = createAppStore(null);
    store.getState().select('b', 'only');
    store.getState().select('d', 'only');
    const state = store.getState();
    expect([...state.selected]).toEqual(['d']);
    expect(state.anchorKey).toBe('d');
    expect(state.focusedKey).toBe('d');
  });

  it('select "toggle" adds and removes one row, keeping the others', () => {
    const store = createAppStore(null);
    store.getState().select('a', 'only');
    store.getState().select('c', 'toggle');
    expect([...store.getState().selected].sort()).toEqual(['a', 'c']);
    store.getState().select('a', 'toggle');
    expect([...store.getState().selected]).toEqual(['c']);
    expect(store.getState().anchorKey).toBe('a');
    expect(store.getState().focusedKey).toBe('a');
  });

  it('select "range" selects from the anchor to the row, either way, keeping the anchor', () => {
    const store = createAppStore(null);
    store.getState().select('b', 'only', keys);
    store.getState().select('d', 'range', keys);
    expect([...store.getState().selected]).toEqual(['b', 'c', 'd']);
    expect(store.getState().anchorKey).toBe('b');
    expect(store.getState().focusedKey).toBe('d');
    store.getState().select('a', 'range', keys);
    expect([...store.getState().selected]).toEqual(['a', 'b']);
    expect(store.getState().anchorKey).toBe('b');
  });

  it('select "range" with no anchor, or an anchor no longer shown, selects the row alone', () => {
    const store = createAppStore(null);
    store.getState().select('c', 'range', keys);
    expect([...store.getState().selected]).toEqual(['c']);
    store.getState().select('gone', 'only');
    store.getState().select('d', 'range', keys);
    expect([...store.getState().selected]).toEqual(['d']);
    expect(store.getState().anchorKey).toBe('d');
  });

  it('selectAll selects exactly the given rows', () => {
    const store = createAppStore(null);
    store.getState().select('z', 'only');
    store.getState().selectAll(keys);
    expect([...store.getState().selected]).toEqual(keys);
  });

  it('setFocused moves the focus without changing the selection', () => {
    const store = createAppStore(null);
    store.getState().select('a', 'only');
    store.getState().setFocused('c');
    expect(store.getState().focusedKey).toBe('c');
    expect([...store.getState().selected]).toEqual(['a']);
  });

  it('setExpanded opens and closes one node; expandAll opens the given; collapseAll closes all', () => {
    const store = createAppStore(null);
    store.getState().setExpanded('a', true);
    store.getState().setExpanded('b', true);
    store.getState().setExpanded('a', false);
    expect([...store.getState().expanded]).toEqual(['b']);
    store.getState().expandAll(['c', 'd']);
    expect([...store.getState().expanded].sort()).toEqual(['c', 'd']);
    store.getState().collapseAll();
    expect(store.getState().expanded.size).toBe(0);
  });

  it('holds the Processes order while any reason to freeze it remains', () => {
    const store = createAppStore(null);
    expect(store.getState().orderFreezes.size).toBe(0);
    store.getState().setOrderFrozen('pointer', true);
    store.getState().setOrderFrozen('overlay', true);
    store.getState().setOrderFrozen('pointer', false);
    expect([...store.getState().orderFreezes]).toEqual(['overlay']);
    const before = store.getState().orderFreezes;
    store.getState().setOrderFrozen('pointer', false);
    expect(store.getState().orderFreezes).toBe(before);
    store.getState().setOrderFrozen('overlay', false);
    expect(store.getState().orderFreezes.size).toBe(0);
  });

  it('opens and closes Processes tree nodes, all at once too, and remembers them across a reload', () => {
    const storage = new FakeStorage();
    const store = createAppStore(storage);
    store.getState().setProcessExpanded('1:10', false);
    store.getState().setProcessExpanded('2:20', false);
    store.getState().setProcessExpanded('1:10', true);
    expect(store.getState().collapsedProcesses).toEqual(['2:20']);
    expect(createAppStore(storage).getState().collapsedProcesses).toEqual(['2:20']);
    store.getState().collapseAllProcesses(['1:10', '2:20', '3:30']);
    expect(store.getState().collapsedProcesses).toEqual(['1:10', '2:20', '3:30']);
    store.getState().expandAllProcesses();
    expect(createAppStore(storage).getState().collapsedProcesses).toEqual([]);
  });

  it('remembers "keep selection in view"', () => {
    const storage = new FakeStorage();
    createAppStore(storage).getState().setKeepSelectionInView(true);
    expect(createAppStore(storage).getState().keepSelectionInView).toBe(true);
  });

  it('setSearch keeps the search text', () => {
    const store = createAppStore(null);
    store.getState().setSearch('chrom');
    expect(store.getState().search).toBe('chrom');
  });

  it('gives new sets on each change, so that subscribers see the change', () => {
    const store = createAppStore(null);
    const before = store.getState().selected;
    store.getState().select('a', 'toggle');
    expect(store.getState().selected).not.toBe(before);
    expect(before.size).toBe(0);
  });

  it('keeps the selection by identity across a new snapshot with the rows in another order', () => {
    const store = createAppStore(null);
    const rows = (processes: ProcessRow[]) =>
      buildDisplayRows(processes, {
        search: '',
        sort: store.getState().sort,
        viewMode: 'flat',
        collapsed: new Set(),
        context: { cpuMode: 'machine', logicalCores: 1, totalMemoryBytes: 8e9 },
      });
    const busy = processRow({ pid: 10, name: 'busy', cpuPercent: 50 });
    const idle = processRow({ pid: 20, name: 'idle', cpuPercent: 1 });
    const other = processRow({ pid: 30, name: 'other', cpuPercent: 10 });
    store.getState().ingestSnapshot(snapshot({ processes: [busy, idle, other] }), 1000);
    const first = rows(store.getState().snapshot?.processes ?? []);
    expect(first.map((r) => r.row.pid)).toEqual([10, 30, 20]);
    store.getState().select(rowKey(10, FIXTURE_TIME_MS), 'only', first.map((r) => r.key));

    // The busy process calms down and the idle one wakes up: it moves to the bottom.
    const next = [processRow({ pid: 20, name: 'idle', cpuPercent: 70 }), processRow({ pid: 10, name: 'busy', cpuPercent: 0 }), other];
    store.getState().ingestSnapshot(snapshot({ seq: 2, takenAtMs: FIXTURE_TIME_MS + 1000, processes: next }), 2000);
    const second = rows(store.getState().snapshot?.processes ?? []);
    expect(second.map((r) => r.row.pid)).toEqual([20, 30, 10]);
    const selectedRows = second.filter((r) => store.getState().selected.has(r.key));
    expect(selectedRows.map((r) => r.row.pid)).toEqual([10]);

    // A range now follows the order on screen.
    store.getState().select(rowKey(20, FIXTURE_TIME_MS), 'range', second.map((r) => r.key));
    expect(second.filter((r) => store.getState().selected.has(r.key)).map((r) => r.row.pid)).toEqual([20, 30, 10]);
  });

  it('does not carry the selection to a new process that reuses a selected pid', () => {
    const store = createAppStore(null);
    store.getState().select(rowKey(10, FIXTURE_TIME_MS), 'only');
    const reused = processRow({ pid: 10, startTimeMs: FIXTURE_TIME_MS + 60_000 });
    expect(store.getState().selected.has(rowKey(reused.pid, reused.startTimeMs))).toBe(false);
  });
});
