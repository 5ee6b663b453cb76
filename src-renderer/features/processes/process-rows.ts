/**
 * The rows the Processes table shows, in order: filtered by the search, sorted (row-order.ts: the
 * live order, or the order held while the user points at the table), flat or as a tree (children
 * under their parent; every node open unless the user collapsed it, as Process Explorer and htop
 * open). Pure: O(n log n) per snapshot, no lookups in loops.
 *
 * Tree: a process's parent is the row with its ppid that started no later than it (a reused pid
 * is nobody's parent; a ppid cycle is cut at its lowest pid). Siblings are sorted like the flat list.
 * While searching, matching rows are shown with their ancestors, open, so a match is never hidden
 * inside a collapsed parent; the collapsed set itself is left as it was, for when the search is cleared.
 */
import { childrenByParent } from '../../../src-shared/process-links.ts';
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import type { ColumnId, SortDirection, ViewMode } from '../../store/settings.ts';
import { rowKey, type RowKey } from '../../store/view-slice.ts';
import type { ColumnContext } from './columns.ts';
import { sortProcesses, type HeldOrder } from './row-order.ts';
import { matchesSearch, normalizeQuery } from './search.ts';

export interface DisplayRow {
  key: RowKey;
  row: ProcessRow;
  /** 1 for top level (aria-level). */
  level: number;
  hasChildren: boolean;
  isExpanded: boolean;
  /** False for an ancestor shown only to place a match in the tree; true for every row without a search. */
  isMatch: boolean;
}

export interface RowOptions {
  search: string;
  sort: { column: ColumnId; direction: SortDirection };
  viewMode: ViewMode;
  /** Tree nodes the user closed; every other node is open. */
  collapsed: ReadonlySet<RowKey>;
  context: ColumnContext;
  /** The order to keep (row-order.ts holdOrder); absent or null: the live order. */
  heldOrder?: HeldOrder | null;
}

export function buildDisplayRows(processes: readonly ProcessRow[], options: RowOptions): DisplayRow[] {
  const query = normalizeQuery(options.search);
  const order = { ...options.sort, context: options.context, held: options.heldOrder ?? null };
  if (options.viewMode === 'flat') {
    const rows = sortProcesses(query === '' ? processes : processes.filter((p) => matchesSearch(p, query)), order);
    return rows.map((row) => ({ key: rowKey(row.pid, row.startTimeMs), row, level: 1, hasChildren: false, isExpanded: false, isMatch: true }));
  }

  const parents = parentMap(processes);
  const parentOf = (p: ProcessRow): ProcessRow | undefined => parents.get(p.pid);
  // Filled in sorted order, so that each list of siblings comes out sorted.
  const children = new Map<number, ProcessRow[]>();
  const roots: ProcessRow[] = [];
  for (const p of sortProcesses(processes, order)) {
    const parent = parentOf(p);
    if (parent) {
      const list = children.get(parent.pid);
      if (list) list.push(p);
      else children.set(parent.pid, [p]);
    } else {
      roots.push(p);
    }
  }

  // While searching: the matches and their ancestors, forced open.
  let visible: Set<number> | null = null;
  let matches: Set<number> | null = null;
  if (query !== '') {
    visible = new Set();
    matches = new Set();
    for (const p of processes) {
      if (!matchesSearch(p, query)) continue;
      matches.add(p.pid);
      for (let node: ProcessRow | undefined = p; node && !visible.has(node.pid); node = parentOf(node)) visible.add(node.pid);
    }
  }

  const out: DisplayRow[] = [];
  const walk = (list: readonly ProcessRow[], level: number) => {
    for (const row of list) {
      if (visible && !visible.has(row.pid)) continue;
      const key = rowKey(row.pid, row.startTimeMs);
      const kids = children.get(row.pid) ?? [];
      const hasChildren = visible ? kids.some((k) => visible?.has(k.pid)) : kids.length > 0;
      const isExpanded = hasChildren && (visible !== null || !options.collapsed.has(key));
      out.push({ key, row, level, hasChildren, isExpanded, isMatch: matches?.has(row.pid) ?? true });
      if (isExpanded) walk(kids, level + 1);
    }
  };
  walk(roots, 1);
  return out;
}

/** Keys of every row that has children: what "Expand all" opens. */
export function expandableKeys(processes: readonly ProcessRow[]): RowKey[] {
  const keys = new Set<RowKey>();
  for (const parent of parentMap(processes).values()) keys.add(rowKey(parent.pid, parent.startTimeMs));
  return [...keys];
}

/**
 * Each process's parent, by pid: the row with its ppid that started no later than it (a reused pid
 * is nobody's parent). Processes that started in the same clock tick can name each other as parent;
 * such a cycle would have no root and never be shown, so its lowest pid is made a root. O(n).
 */
function parentMap(processes: readonly ProcessRow[]): Map<number, ProcessRow> {
  const byPid = new Map<number, ProcessRow>();
  for (const p of processes) byPid.set(p.pid, p);
  const parents = new Map<number, ProcessRow>();
  for (const p of processes) {
    const parent = byPid.get(p.ppid);
    if (parent && parent.pid !== p.pid && parent.startTimeMs <= p.startTimeMs) parents.set(p.pid, parent);
  }
  // Walk up from each process, each node once; coming back to the current walk is a cycle.
  const done = new Set<number>();
  for (const p of processes) {
    const walk = new Set<number>();
    let node: ProcessRow | undefined = p;
    while (node && !done.has(node.pid) && !walk.has(node.pid)) {
      walk.add(node.pid);
      node = parents.get(node.pid);
    }
    if (node && walk.has(node.pid)) {
      let lowest = node.pid;
      for (let at = parents.get(node.pid); at && at.pid !== node.pid; at = parents.get(at.pid)) lowest = Math.min(lowest, at.pid);
      parents.delete(lowest);
    }
    for (const pid of walk) done.add(pid);
  }
  return parents;
}

/**
 * How many processes descend from `roots` (children, grandchildren…), by the same parent rule as
 * the tree; each counted once, and a root that descends from another root is not counted.
 */
export function countDescendants(processes: readonly ProcessRow[], roots: ProcessRow | readonly ProcessRow[]): number {
  const children = childrenByParent(processes);
  const stack = 'pid' in roots ? [roots] : [...roots];
  const seen = new Set<number>(stack.map((r) => r.pid));
  let count = 0;
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    for (const child of children.get(node.pid) ?? []) {
      if (seen.has(child.pid) || child.startTimeMs < node.startTimeMs) continue;
      seen.add(child.pid);
      count += 1;
      stack.push(child);
    }
  }
  return count;
}
