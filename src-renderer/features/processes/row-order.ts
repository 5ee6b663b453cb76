/**
 * The order of the Processes table's rows. Pure.
 *
 * Live: by the sort column; ties by name (case-insensitive), then pid, in either direction, so
 * that rows with equal figures (the many at 0.0 % CPU) keep their places from tick to tick.
 *
 * Held: while the user points at the table or has a menu or dialog open (view-slice
 * `orderFreezes`), no row moves; only the figures change. The rows keep their ranks (a row first
 * shown during the hold — by expanding a node or clearing a search — is ranked after the others
 * among its siblings, in live order, and keeps that place). A process that started during the hold
 * waits for its end (appended anywhere, in the tree it would push rows down); one that exited stays
 * in its place, marked gone, until the hold ends (as Process Explorer shows exited processes for a
 * moment), unless a new process took its pid.
 */
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import type { ColumnId, SortDirection } from '../../store/settings.ts';
import { rowKey, type RowKey } from '../../store/view-slice.ts';
import { COLUMNS, type ColumnContext } from './columns.ts';

/** Row key → rank (smaller first). Ranks need not be contiguous. */
export type HeldOrder = ReadonlyMap<RowKey, number>;

export interface RowOrder {
  column: ColumnId;
  direction: SortDirection;
  context: ColumnContext;
  /** Null: the live order. */
  held: HeldOrder | null;
}

/** One collator for every text comparison (String#localeCompare builds one per call). */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** A row with what it is sorted by, computed once per sort rather than once per comparison. */
interface SortEntry {
  row: ProcessRow;
  /** Its held rank; Infinity when it has none (or no order is held). */
  rank: number;
  value: number | string | null;
  name: string;
}

/** `processes` sorted by `order` (a new array; the input is left as it came). O(n log n). */
export function sortProcesses(processes: readonly ProcessRow[], order: RowOrder): ProcessRow[] {
  const read = COLUMNS[order.column].sortValue;
  const { held, context } = order;
  const entries = processes.map(
    (row): SortEntry => ({
      row,
      rank: held?.get(rowKey(row.pid, row.startTimeMs)) ?? Infinity,
      value: read(row, context),
      name: row.name.toLowerCase(),
    }),
  );
  const sign = order.direction === 'ascending' ? 1 : -1;
  entries.sort((a, b) => {
    if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
    const x = a.value;
    const y = b.value;
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1; // unknown last, either way
    } else if (x !== y) {
      return (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y))) * sign;
    }
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    return a.row.pid - b.row.pid;
  });
  return entries.map((e) => e.row);
}

export interface HeldRows {
  /** Row key → rank (smaller first) of every row shown since the hold began. */
  ranks: HeldOrder;
  /** The processes there when the hold began: the only ones shown while it lasts. */
  known: ReadonlySet<RowKey>;
}

/** A hold beginning: the rows in the order `shown` (as on screen; empty: the live order), of `processes`. */
export function startHold(shown: readonly { key: RowKey }[], processes: readonly ProcessRow[]): HeldRows {
  return { ranks: new Map(shown.map((row, i) => [row.key, i])), known: new Set(processes.map((p) => rowKey(p.pid, p.startTimeMs))) };
}

/**
 * The hold after a tick: rows of `shown` (as the table now shows them) that had no rank yet are
 * ranked after all others, in the order shown. Returns `held` itself when nothing changed.
 */
export function holdOrder(held: HeldRows, shown: readonly { key: RowKey }[]): HeldRows {
  let ranks: Map<RowKey, number> | null = null;
  let last = Math.max(-1, ...held.ranks.values());
  for (const { key } of shown) {
    if (held.ranks.has(key) || ranks?.has(key)) continue;
    ranks ??= new Map(held.ranks);
    last += 1;
    ranks.set(key, last);
  }
  return ranks ? { ranks, known: held.known } : held;
}

/**
 * The processes to lay out during a hold: those of `processes` known when it began, and the rows
 * of `shownBefore` (the last rows shown) whose process has exited, as they were last seen, listed in
 * `gone` — unless a new process now has their pid.
 */
export function heldProcesses(
  processes: readonly ProcessRow[],
  held: HeldRows,
  shownBefore: readonly { key: RowKey; row: ProcessRow }[],
): { processes: ProcessRow[]; gone: ReadonlySet<RowKey> } {
  const kept: ProcessRow[] = [];
  const live = new Set<RowKey>();
  const pids = new Set<number>();
  for (const p of processes) {
    const key = rowKey(p.pid, p.startTimeMs);
    live.add(key);
    pids.add(p.pid);
    if (held.known.has(key)) kept.push(p);
  }
  const gone = new Set<RowKey>();
  for (const { key, row } of shownBefore) {
    if (live.has(key) || pids.has(row.pid) || gone.has(key)) continue;
    gone.add(key);
    kept.push(row);
  }
  return { processes: kept, gone };
}
