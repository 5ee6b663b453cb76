/**
 * The Apps table's rows and columns from the store, memoised: the groups are rebuilt once per
 * snapshot, sorted when they or the sort change, searched when the search changes, the rows when
 * any of those or the expanded set change, the columns when a setting does.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { GridColumn, GridRow } from '../../components/grid-types.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { viewedSnapshot } from '../../store/time-travel-slice.ts';
import { normalizeQuery } from '../processes/search.ts';
import { appColumns } from './app-columns.ts';
import { groupApps } from './app-groups.ts';
import { buildAppRows, type AppsRow } from './app-rows.ts';
import { searchApps, type GroupMatch } from './app-search.ts';
import { sortAppGroups } from './app-sort.ts';

/** The groups to show: sorted by the user's column and filtered by the search. */
export function useAppGroups(): { groups: GroupMatch[]; isSearching: boolean } {
  const { processes, apps, appsSort, search } = useAppStore(
    useShallow((s) => ({ processes: viewedSnapshot(s)?.processes, apps: viewedSnapshot(s)?.apps, appsSort: s.appsSort, search: s.search })),
  );
  const grouped = useMemo(() => groupApps({ processes: processes ?? [], apps: apps ?? [] }), [processes, apps]);
  const sorted = useMemo(() => sortAppGroups(grouped, appsSort), [grouped, appsSort]);
  const query = normalizeQuery(search);
  return useMemo(() => ({ groups: searchApps(sorted, query), isSearching: query !== '' }), [sorted, query]);
}

export function useAppRows({ groups, isSearching }: { groups: readonly GroupMatch[]; isSearching: boolean }): GridRow<AppsRow>[] {
  const expanded = useAppStore((s) => s.expanded);
  return useMemo(() => buildAppRows(groups, expanded, isSearching), [groups, expanded, isSearching]);
}

export function useAppColumns(): GridColumn<AppsRow>[] {
  const { cpuMode, logicalCores, totalMemoryBytes, sort } = useAppStore(
    useShallow((s) => ({
      cpuMode: s.cpuMode,
      logicalCores: viewedSnapshot(s)?.cpu.logicalCores ?? 1,
      totalMemoryBytes: viewedSnapshot(s)?.memory.totalBytes ?? 0,
      sort: s.appsSort,
    })),
  );
  return useMemo(() => appColumns({ cpuMode, logicalCores, totalMemoryBytes, sort }), [cpuMode, logicalCores, totalMemoryBytes, sort]);
}
