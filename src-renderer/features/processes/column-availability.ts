/**
 * Which Processes columns this host can't fill, and why: the Columns menu says so, and such a
 * column is off unless the user turns it on. A host can't fill a column when the snapshot says the
 * capability is absent (no GPU) or no process has the figure (per-process network on Linux,
 * efficiency mode outside Windows 11). A rate or share is null for every process on a collector's
 * first sample, so it is judged from the second sample on. Pure; O(rows) per column that no row fills.
 */
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import { COLUMN_IDS, type ColumnId } from '../../store/settings.ts';
import { strings } from '../../strings.ts';
import { COLUMNS, type ColumnContext } from './columns.ts';

/** Column id → why this host can't fill it; a column not listed is filled (or can't be judged yet). */
export type UnavailableColumns = Partial<Record<ColumnId, string>>;

export const NONE_UNAVAILABLE: UnavailableColumns = {};

export function unavailableColumns(snapshot: Snapshot, context: ColumnContext): UnavailableColumns {
  const result: UnavailableColumns = {};
  for (const id of COLUMN_IDS) {
    const { fill, sortValue } = COLUMNS[id];
    if (!fill) continue;
    if (fill.needsGpu && snapshot.gpus.length === 0) {
      result[id] = strings.columnUnavailable.noGpu;
      continue;
    }
    // Nothing to judge by: no processes yet, or a measured figure on the collector's first sample.
    if (snapshot.processes.length === 0 || (fill.isMeasured && snapshot.seq <= 1)) continue;
    if (snapshot.processes.every((row) => sortValue(row, context) === null)) result[id] = fill.reason ?? strings.columnUnavailable.notGiven;
  }
  return result;
}

/**
 * The columns shown, in order: those the user shows, less those this host can't fill unless the
 * user turned them on in the Columns menu (`chosen`). The Name column is always shown.
 */
export function shownColumns(visible: readonly ColumnId[], chosen: readonly ColumnId[], unavailable: UnavailableColumns): ColumnId[] {
  return visible.filter((id) => id === 'name' || unavailable[id] === undefined || chosen.includes(id));
}
