/**
 * The Apps table's rows and columns from the store, memoised: the groups are rebuilt once per
 * snapshot, the rows when the groups or the expanded set change, the columns when a setting does.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { GridColumn, GridRow } from '../../components/grid-types.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { appColumns } from './app-columns.ts';
import { groupApps, type AppGroup } from './app-groups.ts';
import { buildAppRows, type AppsRow } from './app-rows.ts';

export function useAppGroups(): AppGroup[] {
  const { processes, apps } = useAppStore(useShallow((s) => ({ processes: s.snapshot?.processes, apps: s.snapshot?.apps })));
  return useMemo(() => groupApps({ processes: processes ?? [], apps: apps ?? [] }), [processes, apps]);
}

export function useAppRows(groups: readonly AppGroup[]): GridRow<AppsRow>[] {
  const expanded = useAppStore((s) => s.expanded);
  return useMemo(() => buildAppRows(groups, expanded), [groups, expanded]);
}

export function useAppColumns(): GridColumn<AppsRow>[] {
  const { cpuMode, logicalCores, totalMemoryBytes } = useAppStore(
    useShallow((s) => ({
      cpuMode: s.cpuMode,
      logicalCores: s.snapshot?.cpu.logicalCores ?? 1,
      totalMemoryBytes: s.snapshot?.memory.totalBytes ?? 0,
    })),
  );
  return useMemo(() => appColumns({ cpuMode, logicalCores, totalMemoryBytes }), [cpuMode, logicalCores, totalMemoryBytes]);
}
