/**
 * App history's order: by the chosen column, unknown figures ("—") last either way, ties by name
 * then kind, so equal rows keep one order. A header clicked again turns its direction; a new
 * figure column starts with the largest first (Name with A first), as the Apps table. Pure.
 */
import type { GroupUsage } from '../../../src-shared/query.ts';
import { collator, comparator } from '../../components/compare-values.ts';
import { groupName, usageValue, type UsageColumnId, type UsageSort } from './usage-columns.ts';

/** Task Manager's App history opens sorted by CPU time, the largest first. */
export const DEFAULT_USAGE_SORT: UsageSort = { column: 'cpuTime', direction: 'descending' };

const byName = (a: GroupUsage, b: GroupUsage) => collator.compare(a.name, b.name) || collator.compare(a.exePath ?? '', b.exePath ?? '') || a.kind.localeCompare(b.kind);

export function sortGroupUsage(rows: readonly GroupUsage[], sort: UsageSort): GroupUsage[] {
  return rows.slice().sort(comparator((g: GroupUsage) => usageValue(sort.column, g, groupName), sort.direction, byName));
}

export function nextUsageSort(sort: UsageSort, column: UsageColumnId): UsageSort {
  if (sort.column === column) return { column, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: column === 'name' ? 'ascending' : 'descending' };
}
