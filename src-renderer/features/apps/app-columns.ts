/**
 * The Apps table's columns: Name, Status, CPU, Memory, Disk, GPU, Processes. An app's figures are
 * sums over its processes; an app of several processes is named with their count, "sleep (1,900)",
 * as Task Manager does; a group header shows its name only (as Task Manager). Status says "Not
 * responding" for a hung app (Windows) and "Suspended" for a suspended process, blank otherwise.
 * Shaded like the Processes table (same shares, same steps). Pure.
 */
import type { GridColumn } from '../../components/grid-types.ts';
import { formatBytes, formatCount, formatPercent, formatRate } from '../../format.ts';
import type { AppColumnId, CpuMode, SortDirection } from '../../store/settings.ts';
import { strings } from '../../strings.ts';
import { appsStrings } from './apps-strings.ts';
import { heatLevel, stateLabel } from '../processes/columns.ts';
import { processFigures, type AppFigures } from './app-groups.ts';
import type { AppsRow } from './app-rows.ts';

export interface AppColumnContext {
  cpuMode: CpuMode;
  logicalCores: number;
  totalMemoryBytes: number;
  sort: { column: AppColumnId; direction: SortDirection };
}

/** Disk shading reaches full strength at 100 MB/s, as in the Processes table. */
const FULL_HEAT_BYTES_PER_SEC = 100 * 1024 * 1024;

/** The figures of an app or a process row; null for a group header. */
export function figuresOf(row: AppsRow): AppFigures | null {
  if (row.kind === 'app') return row.app;
  return row.kind === 'member' ? processFigures(row.process) : null;
}

export function nameOf(row: AppsRow): string {
  switch (row.kind) {
    case 'group':
      return appsStrings.appGroupHeading(appsStrings.appCategories[row.category], formatCount(row.appCount));
    case 'app':
      return row.app.members.length > 1 ? appsStrings.appNameWithCount(row.app.name, formatCount(row.app.members.length)) : row.app.name;
    case 'member':
      return appsStrings.appMemberName(row.process.name, row.process.pid);
  }
}

/** "Not responding" for an app whose window is hung; a member's state when it is not plainly running. */
export function statusOf(row: AppsRow): string {
  if (row.kind === 'app') return row.app.isResponding === false ? appsStrings.notResponding : '';
  if (row.kind === 'member') return row.process.state === 'stopped' || row.process.state === 'zombie' ? stateLabel(row.process.state) : '';
  return '';
}

export function appColumns(context: AppColumnContext): GridColumn<AppsRow>[] {
  const sortDirection = (id: AppColumnId) => (context.sort.column === id ? context.sort.direction : null);
  const cpuShown = (cpu: number | null) => (cpu === null || context.cpuMode === 'machine' ? cpu : cpu * context.logicalCores);
  const figure = (pick: (f: AppFigures) => number | null) => (row: AppsRow) => {
    const figures = figuresOf(row);
    return figures ? pick(figures) : null;
  };
  const cpu = figure((f) => f.cpuPercent);
  const memory = figure((f) => f.memoryBytes);
  const disk = figure((f) => f.diskBytesPerSec);
  const gpu = figure((f) => f.gpuPercent);
  const blankForGroup = (row: AppsRow, text: string) => (row.kind === 'group' ? '' : text);
  const sumNote = (definition: string) => `${definition} ${appsStrings.appsSumNote}`;
  return [
    { id: 'name', label: strings.columns.name, definition: appsStrings.appsNameDefinition, isNumeric: false, width: 220, sortDirection: sortDirection('name'), text: nameOf },
    {
      id: 'status',
      label: strings.columns.status,
      definition: appsStrings.appsStatusDefinition,
      isNumeric: false,
      width: 110,
      sortDirection: sortDirection('status'),
      text: statusOf,
    },
    {
      id: 'cpu',
      label: strings.columns.cpu,
      definition: sumNote(strings.definitions.cpu),
      isNumeric: true,
      width: 80,
      sortDirection: sortDirection('cpu'),
      text: (row) => blankForGroup(row, formatPercent(cpuShown(cpu(row)))),
      heat: (row) => heatLevel(shareOf(cpu(row), 100)),
    },
    {
      id: 'memory',
      label: strings.columns.memory,
      definition: sumNote(strings.definitions.memory),
      isNumeric: true,
      width: 100,
      sortDirection: sortDirection('memory'),
      text: (row) => blankForGroup(row, formatBytes(memory(row))),
      // ×10: a tenth of the machine's memory is full strength, as in the Processes table.
      heat: (row) => heatLevel(context.totalMemoryBytes > 0 ? shareOf(memory(row), context.totalMemoryBytes / 10) : null),
    },
    {
      id: 'disk',
      label: strings.columns.disk,
      definition: sumNote(strings.definitions.disk),
      isNumeric: true,
      width: 100,
      sortDirection: sortDirection('disk'),
      text: (row) => blankForGroup(row, formatRate(disk(row))),
      heat: (row) => heatLevel(shareOf(disk(row), FULL_HEAT_BYTES_PER_SEC)),
    },
    {
      id: 'gpu',
      label: strings.columns.gpu,
      definition: sumNote(strings.definitions.gpu),
      isNumeric: true,
      width: 70,
      sortDirection: sortDirection('gpu'),
      text: (row) => blankForGroup(row, formatPercent(gpu(row))),
      heat: (row) => heatLevel(shareOf(gpu(row), 100)),
    },
    {
      id: 'processes',
      label: appsStrings.appsProcessesColumn,
      definition: appsStrings.appsProcessesDefinition,
      isNumeric: true,
      width: 104,
      sortDirection: sortDirection('processes'),
      text: (row) => (row.kind === 'app' ? formatCount(row.app.members.length) : ''),
    },
  ];
}

const shareOf = (value: number | null, full: number): number | null => (value === null ? null : value / full);
