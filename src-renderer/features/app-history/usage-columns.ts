/**
 * The columns of App history and Top consumers: Name, CPU time, CPU % mean, Memory peak, Memory
 * mean, Disk read, Disk written, GPU time, Network. Unknown figures (null) read "—", never 0.
 * Times (CPU, GPU) as d:hh:mm:ss of one logical processor. Pure.
 */
import type { GroupUsage, ProcessUsage, Usage } from '../../../src-shared/query.ts';
import type { GridColumn } from '../../components/grid-types.ts';
import { formatBytes, formatCount, formatPercent, formatUptime } from '../../format.ts';
import type { SortDirection } from '../../store/settings.ts';
import { appsStrings } from '../apps/apps-strings.ts';
import { appHistoryStrings } from './app-history-strings.ts';

export const USAGE_COLUMN_IDS = ['name', 'cpuTime', 'cpuMean', 'memoryPeak', 'memoryMean', 'diskRead', 'diskWrite', 'gpuTime', 'network'] as const;
export type UsageColumnId = (typeof USAGE_COLUMN_IDS)[number];
export const isUsageColumn = (id: string): id is UsageColumnId => (USAGE_COLUMN_IDS as readonly string[]).includes(id);

export interface UsageSort {
  column: UsageColumnId;
  direction: SortDirection;
}

/** Received + sent; unknown when either is (a partial sum would read as the whole). */
export function networkBytes(u: Usage): number | null {
  return u.netRxBytes === null || u.netTxBytes === null ? null : u.netRxBytes + u.netTxBytes;
}

/** A time in ms as d:hh:mm:ss (the Performance tab's up time format); unknown is "—". */
export const formatCpuTime = (ms: number | null): string => formatUptime(ms === null ? null : ms / 1000);

/** Each figure column's value (what it sorts by) and its text. */
const FIGURES: Record<Exclude<UsageColumnId, 'name'>, { value(u: Usage): number | null; text(value: number | null): string; width: number }> = {
  cpuTime: { value: (u) => u.cpuTimeMs, text: formatCpuTime, width: 96 },
  cpuMean: { value: (u) => u.cpuPercentMean, text: formatPercent, width: 104 },
  memoryPeak: { value: (u) => u.memoryPeakBytes, text: formatBytes, width: 112 },
  memoryMean: { value: (u) => u.memoryMeanBytes, text: formatBytes, width: 116 },
  diskRead: { value: (u) => u.diskReadBytes, text: formatBytes, width: 96 },
  diskWrite: { value: (u) => u.diskWriteBytes, text: formatBytes, width: 96 },
  gpuTime: { value: (u) => u.gpuTimeMs, text: formatCpuTime, width: 96 },
  network: { value: networkBytes, text: formatBytes, width: 90 },
};

/** An app or executable as App history names it: with its process count when more than one, "sleep (1,900)". */
export const groupName = (g: GroupUsage): string => (g.processCount > 1 ? appsStrings.appNameWithCount(g.name, formatCount(g.processCount)) : g.name);
export const processName = (p: ProcessUsage): string => appsStrings.appMemberName(p.name, p.pid);

/** What a row sorts by in `column`: its name's text or the figure. */
export function usageValue<R extends Usage>(column: UsageColumnId, row: R, name: (row: R) => string): number | string | null {
  return column === 'name' ? name(row) : FIGURES[column].value(row);
}

/** The columns, the sorted one marked (none: `sort` null, as the ranked Top consumers tables). */
export function usageColumns<R extends Usage>(name: { text(row: R): string; label: string; definition: string }, sort: UsageSort | null): GridColumn<R>[] {
  const sortDirection = (id: UsageColumnId) => (sort?.column === id ? sort.direction : null);
  const labels = appHistoryStrings.columns;
  const definitions = appHistoryStrings.definitions;
  return [
    { id: 'name', label: name.label, definition: name.definition, isNumeric: false, width: 220, sortDirection: sortDirection('name'), text: name.text },
    ...USAGE_COLUMN_IDS.filter((id) => id !== 'name').map((id) => {
      const figure = FIGURES[id];
      return { id, label: labels[id], definition: definitions[id], isNumeric: true, width: figure.width, sortDirection: sortDirection(id), text: (row: R) => figure.text(figure.value(row)) };
    }),
  ];
}

export const groupColumns = (sort: UsageSort | null) => usageColumns<GroupUsage>({ text: groupName, label: appHistoryStrings.columns.name, definition: appHistoryStrings.definitions.name }, sort);
export const processColumns = (sort: UsageSort | null) => usageColumns<ProcessUsage>({ text: processName, label: appHistoryStrings.columns.process, definition: appHistoryStrings.definitions.process }, sort);

/** A row's key: an app or executable by kind, path and name; a process by identity. */
export const groupKey = (g: GroupUsage): string => `${g.kind}:${g.exePath ?? ''}:${g.name}`;
export const processKey = (p: ProcessUsage): string => `${p.pid}:${p.startTimeMs}`;
