import { describe, expect, it } from 'vitest';
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import { FIXTURE_TIME_MS as T, processRow } from '../../../src-shared/testing/fixtures.ts';
import type { SortDirection } from '../../store/settings.ts';
import { rowKey, type RowKey } from '../../store/view-slice.ts';
import type { ColumnContext } from './columns.ts';
import { buildDisplayRows } from './process-rows.ts';
import { heldProcesses, holdOrder, sortProcesses, startHold, type HeldOrder, type HeldRows } from './row-order.ts';

const context: ColumnContext = { cpuMode: 'machine', logicalCores: 4, totalMemoryBytes: 8e9 };
const keyOf = (row: ProcessRow): RowKey => rowKey(row.pid, row.startTimeMs);
const byCpu = (processes: readonly ProcessRow[], direction: SortDirection = 'descending', held: HeldOrder | null = null) =>
  sortProcesses(processes, { column: 'cpu', direction, context, held }).map((p) => p.pid);

describe('sortProcesses, live', () => {
  const unknown = processRow({ pid: 1, name: 'zeta', cpuPercent: null });
  const busy = processRow({ pid: 2, name: 'busy', cpuPercent: 10 });
  const idleB = processRow({ pid: 3, name: 'beta', cpuPercent: 0 });
  const idleA = processRow({ pid: 9, name: 'Alpha', cpuPercent: 0 });
  const idleA2 = processRow({ pid: 4, name: 'alpha', cpuPercent: 0 });
  const otherUnknown = processRow({ pid: 5, name: 'eta', cpuPercent: null });
  const all = [unknown, busy, idleB, idleA, idleA2, otherUnknown];

  it.each<[SortDirection, number[]]>([
    // Ties (0 %, or unknown) by name ignoring case, then pid; unknown last either way.
    ['descending', [2, 4, 9, 3, 5, 1]],
    ['ascending', [4, 9, 3, 2, 5, 1]],
  ])('%s: %j', (direction, expected) => {
    expect(byCpu(all, direction)).toEqual(expected);
  });

  it('gives rows with equal figures the same places whatever order they arrive in', () => {
    expect(byCpu([...all].reverse())).toEqual(byCpu(all));
  });

  it('leaves its input as it came', () => {
    const input = [...all];
    sortProcesses(input, { column: 'pid', direction: 'ascending', context, held: null });
    expect(input).toEqual(all);
  });
});

describe('holding the order', () => {
  const a = processRow({ pid: 10, name: 'a', cpuPercent: 5 });
  const b = processRow({ pid: 20, name: 'b', cpuPercent: 3 });
  const c = processRow({ pid: 30, name: 'c', cpuPercent: 1 });
  const flat = (processes: readonly ProcessRow[], held: HeldRows | null, collapsed: ReadonlySet<RowKey> = new Set(), viewMode: 'flat' | 'tree' = 'flat') =>
    buildDisplayRows(processes, { search: '', sort: { column: 'cpu', direction: 'descending' }, viewMode, collapsed, context, heldOrder: held?.ranks ?? null });

  /** The table tick by tick as the hook runs it: hold, lay out, rank what was shown. */
  function run(first: readonly ProcessRow[], ticks: readonly (readonly ProcessRow[])[], viewMode: 'flat' | 'tree' = 'flat') {
    let shown = flat(first, null, new Set(), viewMode);
    let held = startHold(shown, first);
    let gone: ReadonlySet<RowKey> = new Set();
    for (const processes of ticks) {
      const frame = heldProcesses(processes, held, shown);
      gone = frame.gone;
      shown = flat(frame.processes, held, new Set(), viewMode);
      held = holdOrder(held, shown);
    }
    return { pids: shown.map((r) => r.row.pid), gone: shown.filter((r) => gone.has(r.key)).map((r) => r.row.pid) };
  }
  const tick = (x: number | null, y: number | null, z: number | null, ...more: ProcessRow[]) => {
    const rows: ProcessRow[] = [];
    for (const [row, cpuPercent] of [[a, x], [b, y], [c, z]] as const) if (cpuPercent !== null) rows.push({ ...row, cpuPercent });
    return [...rows, ...more];
  };
  const newcomer = processRow({ pid: 5, name: 'new', cpuPercent: 99 });

  it.each<[string, ProcessRow[][], number[], number[]]>([
    ['figures change in place', [tick(0, 9, 50)], [10, 20, 30], []],
    ['over many ticks', [tick(0, 9, 50), tick(7, 0, 2), tick(1, 1, 1)], [10, 20, 30], []],
    ['an exited process stays in its place, marked gone', [tick(0, null, 50)], [10, 20, 30], [20]],
    ['… for as long as the hold lasts', [tick(0, null, 50), tick(1, null, 2), tick(3, null, 4)], [10, 20, 30], [20]],
    ['a process started during the hold waits for its end', [tick(5, 3, 1, newcomer), tick(5, 3, 1, newcomer)], [10, 20, 30], []],
    ['a process that took the pid of an exited one: neither shows', [tick(5, null, 1, processRow({ pid: 20, startTimeMs: T + 9000, name: 'b2', cpuPercent: 1 }))], [10, 30], []],
  ])('%s', (_, ticks, pids, gone) => {
    expect(run([a, b, c], ticks)).toEqual({ pids, gone });
  });

  it('shows the live order again after the hold (the caller stops holding)', () => {
    expect(flat(tick(0, 9, 50, newcomer), null).map((r) => r.row.pid)).toEqual([5, 30, 20, 10]);
  });

  it('ranks rows first shown during the hold after the others, in the order shown, and keeps them there', () => {
    const held = startHold([{ key: 'x' }, { key: 'y' }], []);
    const next = holdOrder(held, [{ key: 'w' }, { key: 'x' }, { key: 'z' }]);
    expect([...next.ranks]).toEqual([
      ['x', 0],
      ['y', 1],
      ['w', 2],
      ['z', 3],
    ]);
    expect(holdOrder(next, [{ key: 'z' }, { key: 'w' }])).toBe(next);
  });

  it('in the tree, keeps siblings in place; rows shown by expanding a node come in live order and then stay', () => {
    const root = processRow({ pid: 1, ppid: 0, name: 'init', startTimeMs: T, cpuPercent: 0 });
    const kidA = processRow({ pid: 11, ppid: 1, name: 'a', startTimeMs: T + 1, cpuPercent: 9 });
    const kidB = processRow({ pid: 12, ppid: 1, name: 'b', startTimeMs: T + 1, cpuPercent: 1 });
    const other = processRow({ pid: 2, ppid: 0, name: 'other', startTimeMs: T, cpuPercent: 0 });
    const first = [root, kidA, kidB, other];
    const closed = new Set([keyOf(root)]);
    // Collapsed when the hold begins: only the roots were seen.
    let shown = flat(first, null, closed, 'tree');
    expect(shown.map((r) => r.row.pid)).toEqual([1, 2]);
    let held = startHold(shown, first);
    const next = [{ ...root }, { ...kidA, cpuPercent: 0 }, { ...kidB, cpuPercent: 30 }, { ...other, cpuPercent: 80 }];
    // Expanded during the hold: its children in live order, the roots where they were.
    shown = flat(heldProcesses(next, held, shown).processes, held, new Set(), 'tree');
    expect(shown.map((r) => r.row.pid)).toEqual([1, 12, 11, 2]);
    held = holdOrder(held, shown);
    const later = [{ ...root }, { ...kidA, cpuPercent: 50 }, { ...kidB, cpuPercent: 0 }, { ...other }];
    expect(flat(heldProcesses(later, held, shown).processes, held, new Set(), 'tree').map((r) => r.row.pid)).toEqual([1, 12, 11, 2]);
    // Without the hold, the live order.
    expect(flat(later, null, new Set(), 'tree').map((r) => r.row.pid)).toEqual([1, 11, 12, 2]);
  });

  it('keeps an exited parent in place with its children under it', () => {
    const parent = processRow({ pid: 1, ppid: 0, name: 'parent', startTimeMs: T, cpuPercent: 0 });
    const kid = processRow({ pid: 2, ppid: 1, name: 'kid', startTimeMs: T + 1, cpuPercent: 0 });
    const top = processRow({ pid: 3, ppid: 0, name: 'top', startTimeMs: T, cpuPercent: 50 });
    expect(run([top, parent, kid], [[top, { ...kid, cpuPercent: 90 }]], 'tree')).toEqual({ pids: [3, 1, 2], gone: [1] });
  });
});
