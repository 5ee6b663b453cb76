import { describe, expect, it } from 'vitest';
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import { FIXTURE_TIME_MS as T, processRow } from '../../../src-shared/testing/fixtures.ts';
import type { ColumnId, SortDirection } from '../../store/settings.ts';
import { rowKey, type RowKey } from '../../store/view-slice.ts';
import type { ColumnContext } from './columns.ts';
import { buildDisplayRows, countDescendants, expandableKeys, type DisplayRow, type RowOptions } from './process-rows.ts';

const context: ColumnContext = { cpuMode: 'machine', logicalCores: 4, totalMemoryBytes: 8e9 };

const options = (overrides: Partial<RowOptions> = {}): RowOptions => ({
  search: '',
  sort: { column: 'cpu', direction: 'descending' },
  viewMode: 'flat',
  collapsed: new Set(),
  context,
  ...overrides,
});

const pids = (rows: readonly DisplayRow[]) => rows.map((r) => r.row.pid);
const keyOf = (row: ProcessRow): RowKey => rowKey(row.pid, row.startTimeMs);
const sorted = (processes: readonly ProcessRow[], column: ColumnId, direction: SortDirection) =>
  pids(buildDisplayRows(processes, options({ sort: { column, direction } })));

describe('buildDisplayRows, flat', () => {
  const rows = [
    processRow({ pid: 30, name: 'beta', cpuPercent: 5, memoryBytes: 300, user: 'root', threads: 4, state: 'stopped', commandLine: 'b --x' }),
    processRow({ pid: 10, name: 'Alpha', cpuPercent: null, memoryBytes: 100, user: null, threads: null, state: 'running', commandLine: null }),
    processRow({ pid: 20, name: 'gamma', cpuPercent: 50, memoryBytes: null, user: 'alice', threads: 2, state: 'zombie', commandLine: 'a --y' }),
    processRow({ pid: 40, name: 'delta', cpuPercent: 5, memoryBytes: 200, user: 'Bob', threads: 8, state: 'sleeping', commandLine: 'C' }),
  ];

  it.each<[ColumnId, number[], number[]]>([
    // Ties broken by name (beta before delta at 5 %); unknown (null) last in both directions.
    ['cpu', [30, 40, 20, 10], [20, 30, 40, 10]],
    ['memory', [10, 40, 30, 20], [30, 40, 10, 20]],
    ['threads', [20, 30, 40, 10], [40, 30, 20, 10]],
    ['pid', [10, 20, 30, 40], [40, 30, 20, 10]],
    // Text ignores case.
    ['name', [10, 30, 40, 20], [20, 40, 30, 10]],
    ['user', [20, 40, 30, 10], [30, 40, 20, 10]],
    ['commandLine', [20, 30, 40, 10], [40, 30, 20, 10]],
    // By the status shown (blank while running or waiting: those rows together, by pid), never by the state behind a blank.
    ['status', [10, 40, 30, 20], [20, 30, 10, 40]],
  ])('sorts by %s: ascending %j, descending %j', (column, ascending, descending) => {
    expect(sorted(rows, column, 'ascending')).toEqual(ascending);
    expect(sorted(rows, column, 'descending')).toEqual(descending);
  });

  it('sorts disk and network by read + write (send + receive), an unknown rate last', () => {
    const io = [
      processRow({ pid: 1, ioReadBytesPerSec: 100, ioWriteBytesPerSec: 100, netRxBytesPerSec: null, netTxBytesPerSec: 5 }),
      processRow({ pid: 2, ioReadBytesPerSec: 150, ioWriteBytesPerSec: null, netRxBytesPerSec: 1, netTxBytesPerSec: 1 }),
      processRow({ pid: 3, ioReadBytesPerSec: null, ioWriteBytesPerSec: null, netRxBytesPerSec: null, netTxBytesPerSec: null }),
      processRow({ pid: 4, ioReadBytesPerSec: 0, ioWriteBytesPerSec: 0, netRxBytesPerSec: 0, netTxBytesPerSec: 10 }),
    ];
    expect(sorted(io, 'disk', 'descending')).toEqual([1, 2, 4, 3]);
    expect(sorted(io, 'disk', 'ascending')).toEqual([4, 2, 1, 3]);
    expect(sorted(io, 'network', 'descending')).toEqual([4, 1, 2, 3]);
    expect(sorted(io, 'network', 'ascending')).toEqual([2, 1, 4, 3]);
  });

  it('sorts by the CPU shown in per-core mode the same way', () => {
    const cpu = [processRow({ pid: 1, cpuPercent: 1 }), processRow({ pid: 2, cpuPercent: 20 }), processRow({ pid: 3, cpuPercent: null })];
    const perCore = options({ context: { ...context, cpuMode: 'perCore' } });
    expect(pids(buildDisplayRows(cpu, perCore))).toEqual([2, 1, 3]);
  });

  it('gives every row level 1, no children, and its identity as key', () => {
    const out = buildDisplayRows(rows, options());
    for (const r of out) {
      expect(r.level).toBe(1);
      expect(r.hasChildren).toBe(false);
      expect(r.isExpanded).toBe(false);
      expect(r.key).toBe(keyOf(r.row));
    }
  });

  it('leaves its input in the order it came', () => {
    const input = rows.slice();
    buildDisplayRows(input, options({ sort: { column: 'pid', direction: 'ascending' } }));
    expect(input.map((r) => r.pid)).toEqual([30, 10, 20, 40]);
  });

  it('marks every row as a match', () => {
    expect(buildDisplayRows(rows, options({ search: 'a' })).every((r) => r.isMatch)).toBe(true);
  });

  it('keeps only the rows the search finds, sorted', () => {
    expect(pids(buildDisplayRows(rows, options({ search: 'A' })))).toEqual([20, 30, 40, 10]);
    expect(pids(buildDisplayRows(rows, options({ search: 'gmm' })))).toEqual([20]);
    expect(pids(buildDisplayRows(rows, options({ search: ' ROOT ' })))).toEqual([30]);
    expect(pids(buildDisplayRows(rows, options({ search: '--y' })))).toEqual([20]);
    expect(pids(buildDisplayRows(rows, options({ search: '4' })))).toEqual([40]);
    expect(buildDisplayRows(rows, options({ search: 'nothing like it' }))).toEqual([]);
  });

  it('gives nothing for no processes', () => {
    expect(buildDisplayRows([], options())).toEqual([]);
    expect(buildDisplayRows([], options({ viewMode: 'tree' }))).toEqual([]);
  });
});

/**
 * A process tree:
 *   1 systemd (0.5%)
 *   ├── 200 gnome (20%)
 *   ├── 100 sshd (5%)
 *   │   └── 101 bash (1%)
 *   └── 400 worker (2%), started after 300
 *   300 orphan (3%): its ppid 400 is a newer process that reused the pid, so it is a root
 *   500 lost (—): its parent is gone
 */
const systemd = processRow({ pid: 1, ppid: 0, name: 'systemd', startTimeMs: T, cpuPercent: 0.5 });
const sshd = processRow({ pid: 100, ppid: 1, name: 'sshd', startTimeMs: T + 1000, cpuPercent: 5 });
const bash = processRow({ pid: 101, ppid: 100, name: 'bash', startTimeMs: T + 2000, cpuPercent: 1 });
const gnome = processRow({ pid: 200, ppid: 1, name: 'gnome', startTimeMs: T + 1500, cpuPercent: 20 });
const orphan = processRow({ pid: 300, ppid: 400, name: 'orphan', startTimeMs: T + 3000, cpuPercent: 3 });
const worker = processRow({ pid: 400, ppid: 1, name: 'worker', startTimeMs: T + 5000, cpuPercent: 2 });
const lost = processRow({ pid: 500, ppid: 999, name: 'lost', startTimeMs: T + 4000, cpuPercent: null });
const tree = [bash, worker, lost, systemd, orphan, gnome, sshd];

const shape = (rows: readonly DisplayRow[]) => rows.map((r) => [r.row.pid, r.level, r.hasChildren, r.isExpanded]);
const treeRows = (overrides: Partial<RowOptions> = {}) => buildDisplayRows(tree, options({ viewMode: 'tree', ...overrides }));

/** Every node closed but those given. */
const openOnly = (...open: ProcessRow[]) => new Set(expandableKeys(tree).filter((key) => !open.some((p) => keyOf(p) === key)));

describe('buildDisplayRows, tree', () => {
  it('opens every node until the user collapses one; a process whose parent started after it is a root', () => {
    expect(shape(treeRows())).toEqual([
      [300, 1, false, false],
      [1, 1, true, true],
      [200, 2, false, false],
      [100, 2, true, true],
      [101, 3, false, false],
      [400, 2, false, false],
      [500, 1, false, false],
    ]);
  });

  it('shows only the top level when every node is collapsed', () => {
    expect(shape(treeRows({ collapsed: openOnly() }))).toEqual([
      [300, 1, false, false],
      [1, 1, true, false],
      [500, 1, false, false],
    ]);
  });

  it('nests the children of an open parent one level down, sorted like the flat list', () => {
    expect(shape(treeRows({ collapsed: openOnly(systemd) }))).toEqual([
      [300, 1, false, false],
      [1, 1, true, true],
      [200, 2, false, false],
      [100, 2, true, false],
      [400, 2, false, false],
      [500, 1, false, false],
    ]);
  });

  it('hides the children of an open node inside a collapsed one', () => {
    expect(pids(treeRows({ collapsed: openOnly(sshd) }))).toEqual([300, 1, 500]);
  });

  it('sorts siblings by the sort column in either direction', () => {
    const collapsed = openOnly(systemd);
    expect(pids(treeRows({ collapsed, sort: { column: 'name', direction: 'ascending' } }))).toEqual([500, 300, 1, 200, 100, 400]);
    expect(pids(treeRows({ collapsed, sort: { column: 'name', direction: 'descending' } }))).toEqual([1, 400, 100, 200, 300, 500]);
  });

  it('treats a collapsed key of a process that reused the pid as another process', () => {
    const stale = rowKey(1, T - 60_000);
    expect(treeRows({ collapsed: new Set([stale]) })).toHaveLength(tree.length);
  });

  it('while searching, shows the matches with their ancestors opened, whatever was collapsed', () => {
    expect(shape(treeRows({ search: 'bash', collapsed: openOnly() }))).toEqual([
      [1, 1, true, true],
      [100, 2, true, true],
      [101, 3, false, false],
    ]);
    expect(treeRows({ search: 'bash' }).map((r) => r.isMatch)).toEqual([false, false, true]);
  });

  it('while searching, a matching parent whose children do not match shows without children', () => {
    expect(shape(treeRows({ search: 'sshd' }))).toEqual([
      [1, 1, true, true],
      [100, 2, false, false],
    ]);
  });

  it('while searching, shows each match once, with ancestors shared', () => {
    expect(pids(treeRows({ search: 'h', sort: { column: 'pid', direction: 'ascending' } }))).toEqual([1, 100, 101, 300]);
  });

  it('shows nothing when the search finds nothing', () => {
    expect(treeRows({ search: 'zzz' })).toEqual([]);
  });

  it('makes a process that names itself as parent a root', () => {
    const self = processRow({ pid: 7, ppid: 7, name: 'self' });
    expect(shape(buildDisplayRows([self], options({ viewMode: 'tree' })))).toEqual([[7, 1, false, false]]);
  });

  it('shows every process of a ppid cycle (same start time), without hanging', () => {
    const a = processRow({ pid: 10, ppid: 11, name: 'a' });
    const b = processRow({ pid: 11, ppid: 10, name: 'b' });
    const child = processRow({ pid: 12, ppid: 10, name: 'child' });
    const cycle = [a, b, child];
    const all = buildDisplayRows(cycle, options({ viewMode: 'tree', sort: { column: 'pid', direction: 'ascending' } }));
    expect(shape(all)).toEqual([
      [10, 1, true, true],
      [11, 2, false, false],
      [12, 2, false, false],
    ]);
    expect(pids(buildDisplayRows(cycle, options({ viewMode: 'tree', search: 'child' })))).toEqual([10, 12]);
    expect(pids(buildDisplayRows(cycle, options({ viewMode: 'tree', collapsed: new Set(expandableKeys(cycle)) })))).toEqual([10]);
  });

  it('cuts a longer ppid cycle at its lowest pid, keeping what hangs off it', () => {
    const cycle = [
      processRow({ pid: 22, ppid: 21, name: 'c' }),
      processRow({ pid: 23, ppid: 22, name: 'tail' }),
      processRow({ pid: 21, ppid: 20, name: 'b' }),
      processRow({ pid: 20, ppid: 22, name: 'a' }),
    ];
    expect(shape(buildDisplayRows(cycle, options({ viewMode: 'tree' })))).toEqual([
      [20, 1, true, true],
      [21, 2, true, true],
      [22, 3, true, true],
      [23, 4, false, false],
    ]);
  });

  it('builds 2,000 processes, flat and fully expanded, keeping each once', () => {
    const many: ProcessRow[] = [processRow({ pid: 1, ppid: 0, name: 'init', startTimeMs: T, cpuPercent: 0 })];
    for (let pid = 2; pid <= 2000; pid++) {
      many.push(
        processRow({
          pid,
          ppid: Math.floor(pid / 2),
          name: `proc-${pid}`,
          startTimeMs: T + pid,
          cpuPercent: pid % 7 === 0 ? null : (pid * 37) % 100,
          memoryBytes: pid * 1000,
        }),
      );
    }
    const flat = buildDisplayRows(many, options());
    expect(flat).toHaveLength(2000);
    expect(expandableKeys(many)).toHaveLength(1000);
    const full = buildDisplayRows(many, options({ viewMode: 'tree' }));
    expect(full).toHaveLength(2000);
    expect(new Set(full.map((r) => r.key)).size).toBe(2000);
    expect(Math.max(...full.map((r) => r.level))).toBe(11);
    expect(buildDisplayRows(many, options({ viewMode: 'tree', search: 'proc-1999' })).map((r) => r.level)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
  });
});

describe('expandableKeys', () => {
  it('gives the key of every process that has a child, once', () => {
    expect(new Set(expandableKeys(tree))).toEqual(new Set([keyOf(systemd), keyOf(sshd)]));
  });

  it('does not count a child whose parent pid was reused by a newer process', () => {
    expect(expandableKeys([worker, orphan])).toEqual([]);
  });

  it('gives nothing for processes without children', () => {
    expect(expandableKeys([lost, processRow({ pid: 7, ppid: 7 })])).toEqual([]);
  });
});

describe('countDescendants', () => {
  it('counts children and grandchildren, not a reused pid nor the root itself, and survives a cycle', () => {
    const rows = [
      processRow({ pid: 10, ppid: 1, startTimeMs: T + 10 }),
      processRow({ pid: 11, ppid: 10, startTimeMs: T + 11 }),
      processRow({ pid: 12, ppid: 11, startTimeMs: T + 12 }),
      processRow({ pid: 13, ppid: 10, startTimeMs: T + 1 }), // started before pid 10: not its child
      processRow({ pid: 20, ppid: 21, startTimeMs: T }),
      processRow({ pid: 21, ppid: 20, startTimeMs: T }),
    ];
    expect(countDescendants(rows, rows[0] as ProcessRow)).toBe(2);
    expect(countDescendants(rows, rows[2] as ProcessRow)).toBe(0);
    expect(countDescendants(rows, rows[4] as ProcessRow)).toBe(1);
  });

  it('counts the descendants of several roots once each, not a root under another root', () => {
    const rows = [
      processRow({ pid: 10, ppid: 1, startTimeMs: T + 10 }),
      processRow({ pid: 11, ppid: 10, startTimeMs: T + 11 }),
      processRow({ pid: 12, ppid: 11, startTimeMs: T + 12 }),
      processRow({ pid: 30, ppid: 1, startTimeMs: T + 30 }),
      processRow({ pid: 31, ppid: 30, startTimeMs: T + 31 }),
    ];
    const [p10, p11, , p30] = rows as [ProcessRow, ProcessRow, ProcessRow, ProcessRow, ProcessRow];
    expect(countDescendants(rows, [p10, p30])).toBe(3);
    expect(countDescendants(rows, [p10, p11])).toBe(1);
    expect(countDescendants(rows, [])).toBe(0);
  });
});
