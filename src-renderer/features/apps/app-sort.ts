/**
 * The Apps table's order: the groups stay in Task Manager's order (Apps, Background processes,
 * System processes); the apps of each group, and the processes of each app, are sorted by the
 * chosen column. Unknown figures ("—") sort last either way; ties go by name, then by id or pid,
 * so the order does not flicker from tick to tick. Pure; each value is read once per sort.
 */
import type { ProcessRow } from '../../../src-shared/snapshot.ts';
import { collator, comparator, type SortValue } from '../../components/compare-values.ts';
import type { AppColumnId, SortDirection } from '../../store/settings.ts';
import { processFigures, type AppFigures, type AppGroup, type AppSummary } from './app-groups.ts';
import { statusOf } from './app-columns.ts';

export interface AppSort {
  column: AppColumnId;
  direction: SortDirection;
}

const FIGURES: Partial<Record<AppColumnId, (f: AppFigures) => number | null>> = {
  cpu: (f) => f.cpuPercent,
  memory: (f) => f.memoryBytes,
  disk: (f) => f.diskBytesPerSec,
  gpu: (f) => f.gpuPercent,
};

function appValue(column: AppColumnId, app: AppSummary): SortValue {
  if (column === 'name') return app.name;
  if (column === 'status') return statusOf({ kind: 'app', app });
  if (column === 'processes') return app.members.length;
  return FIGURES[column]?.(app) ?? null;
}

function processValue(column: AppColumnId, process: ProcessRow): SortValue {
  if (column === 'name') return process.name;
  if (column === 'status') return statusOf({ kind: 'member', process });
  if (column === 'processes') return 1;
  return FIGURES[column]?.(processFigures(process)) ?? null;
}

const byAppName = (a: AppSummary, b: AppSummary) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byProcessName = (a: ProcessRow, b: ProcessRow) => collator.compare(a.name, b.name) || a.pid - b.pid;

/** New groups (the inputs are not changed) with their apps and each app's processes in order. */
export function sortAppGroups(groups: readonly AppGroup[], sort: AppSort): AppGroup[] {
  const compareApps = comparator((app: AppSummary) => appValue(sort.column, app), sort.direction, byAppName);
  const compareProcesses = comparator((p: ProcessRow) => processValue(sort.column, p), sort.direction, byProcessName);
  return groups.map((group) => ({
    category: group.category,
    apps: group.apps.map((app) => ({ ...app, members: app.members.slice().sort(compareProcesses) })).sort(compareApps),
  }));
}
