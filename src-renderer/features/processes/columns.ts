/**
 * The Processes table's columns: label, definition (the tooltip), how a row's value is sorted,
 * shown and heat-shaded, and how to tell whether this host fills it (column-availability.ts). One
 * column per figure of the snapshot's ProcessRow. Pure. Definitions follow DESIGN.md "Definitions".
 */
import type { ProcessRow, ProcessState, Snapshot } from '../../../src-shared/snapshot.ts';
import { PRIORITIES } from '../../../src-shared/enums.ts';
import type { ColumnId, CpuMode } from '../../store/settings.ts';
import { formatBytes, formatCount, formatDateTime, formatPercent, formatRate } from '../../format.ts';
import { strings } from '../../strings.ts';

export interface ColumnContext {
  cpuMode: CpuMode;
  logicalCores: number;
  totalMemoryBytes: number;
}

/**
 * How to tell whether this host fills a column: it does when some process has the figure (its sort
 * value is not null). A column without a `fill` is filled by every host (name, PID, CPU, …).
 */
export interface ColumnFill {
  /** A rate or share over an interval: null for every row on a collector's first sample, so judged from the second. */
  isMeasured?: boolean;
  /** A GPU figure: not filled on a machine without a GPU. */
  needsGpu?: boolean;
  /** Why the host can't fill it, when there is something plainer to say than that no process has the figure. */
  reason?: string;
}

export interface ColumnDef {
  id: ColumnId;
  label: string;
  /** What the figure means, shown as the header's tooltip. */
  definition: string;
  isNumeric: boolean;
  /** Width in px; for the Name column, the least it takes while it fills the free space. */
  defaultWidth: number;
  /** The value sorted on; null sorts last in either direction, and null for every row means the host lacks the figure. */
  sortValue(row: ProcessRow, context: ColumnContext): number | string | null;
  text(row: ProcessRow, context: ColumnContext): string;
  /** Share 0–1 for heat shading, or null for none. */
  heat?(row: ProcessRow, context: ColumnContext): number | null;
  fill?: ColumnFill;
}

const cpuShown = (row: ProcessRow, context: ColumnContext): number | null =>
  row.cpuPercent === null ? null : context.cpuMode === 'perCore' ? row.cpuPercent * context.logicalCores : row.cpuPercent;

const sumOrNull = (a: number | null, b: number | null): number | null => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));
export const diskRate = (row: ProcessRow) => sumOrNull(row.ioReadBytesPerSec, row.ioWriteBytesPerSec);
export const networkRate = (row: ProcessRow) => sumOrNull(row.netRxBytesPerSec, row.netTxBytesPerSec);

/** Disk and network shading reach full strength at 100 MB/s (Task Manager shades by absolute rate). */
const FULL_HEAT_BYTES_PER_SEC = 100 * 1024 * 1024;

export function stateLabel(state: ProcessState): string {
  return strings.states[state];
}

/** What the Status column shows: blank while a process runs or waits, as Task Manager. */
export function statusText(row: ProcessRow): string {
  return row.state === 'running' || row.state === 'sleeping' || row.state === 'idle' ? '' : stateLabel(row.state);
}

/** Realtime highest: a descending sort puts the most urgent first. */
const priorityRank = (row: ProcessRow): number | null => (row.priority === null ? null : PRIORITIES.length - PRIORITIES.indexOf(row.priority));

/** A column of one optional figure: shown by `format`, sorted by the figure itself. */
function figureColumn<T extends number | string>(
  id: ColumnId,
  pick: (row: ProcessRow) => T | null,
  format: (value: T | null) => string,
  options: { isNumeric: boolean; defaultWidth: number; fill?: ColumnFill },
): ColumnDef {
  return {
    id,
    label: strings.columns[id],
    definition: strings.definitions[id],
    isNumeric: options.isNumeric,
    defaultWidth: options.defaultWidth,
    sortValue: (row) => {
      const value = pick(row);
      return typeof value === 'string' ? value.toLowerCase() : value;
    },
    text: (row) => format(pick(row)),
    fill: options.fill ?? {},
  };
}

const textOrUnknown = (value: string | null) => value ?? strings.unknown;
const measured: ColumnFill = { isMeasured: true };

export const COLUMNS: Record<ColumnId, ColumnDef> = {
  name: {
    id: 'name',
    label: strings.columns.name,
    definition: strings.definitions.name,
    isNumeric: false,
    defaultWidth: 200,
    sortValue: (row) => row.name.toLowerCase(),
    text: (row) => row.name,
  },
  pid: {
    id: 'pid',
    label: strings.columns.pid,
    definition: strings.definitions.pid,
    isNumeric: true,
    defaultWidth: 80,
    sortValue: (row) => row.pid,
    text: (row) => String(row.pid),
  },
  status: {
    id: 'status',
    label: strings.columns.status,
    definition: strings.definitions.status,
    isNumeric: false,
    defaultWidth: 100,
    // What the column shows (rows showing nothing sort together), never the state behind a blank.
    sortValue: statusText,
    text: statusText,
  },
  cpu: {
    id: 'cpu',
    label: strings.columns.cpu,
    definition: strings.definitions.cpu,
    isNumeric: true,
    defaultWidth: 80,
    sortValue: cpuShown,
    text: (row, context) => formatPercent(cpuShown(row, context)),
    heat: (row) => (row.cpuPercent === null ? null : row.cpuPercent / 100),
  },
  memory: {
    id: 'memory',
    label: strings.columns.memory,
    definition: strings.definitions.memory,
    isNumeric: true,
    defaultWidth: 100,
    sortValue: (row) => row.memoryBytes,
    text: (row) => formatBytes(row.memoryBytes),
    heat: (row, context) => (row.memoryBytes === null || context.totalMemoryBytes <= 0 ? null : (row.memoryBytes / context.totalMemoryBytes) * 10),
    fill: {},
  },
  disk: {
    id: 'disk',
    label: strings.columns.disk,
    definition: strings.definitions.disk,
    isNumeric: true,
    defaultWidth: 100,
    sortValue: diskRate,
    text: (row) => formatRate(diskRate(row)),
    heat: (row) => {
      const rate = diskRate(row);
      return rate === null ? null : rate / FULL_HEAT_BYTES_PER_SEC;
    },
    fill: measured,
  },
  network: {
    id: 'network',
    label: strings.columns.network,
    definition: strings.definitions.network,
    isNumeric: true,
    defaultWidth: 100,
    sortValue: networkRate,
    text: (row) => formatRate(networkRate(row)),
    heat: (row) => {
      const rate = networkRate(row);
      return rate === null ? null : rate / FULL_HEAT_BYTES_PER_SEC;
    },
    fill: { isMeasured: true, reason: strings.columnUnavailable.noProcessNetwork },
  },
  gpu: {
    id: 'gpu',
    label: strings.columns.gpu,
    definition: strings.definitions.gpu,
    isNumeric: true,
    defaultWidth: 70,
    sortValue: (row) => row.gpuPercent,
    text: (row) => formatPercent(row.gpuPercent),
    heat: (row) => (row.gpuPercent === null ? null : row.gpuPercent / 100),
    fill: { isMeasured: true, needsGpu: true },
  },
  user: figureColumn('user', (row) => row.user, textOrUnknown, { isNumeric: false, defaultWidth: 100 }),
  threads: figureColumn('threads', (row) => row.threads, formatCount, { isNumeric: true, defaultWidth: 80 }),
  parentPid: {
    id: 'parentPid',
    label: strings.columns.parentPid,
    definition: strings.definitions.parentPid,
    isNumeric: true,
    defaultWidth: 90,
    sortValue: (row) => (row.ppid === 0 ? null : row.ppid),
    text: (row) => (row.ppid === 0 ? strings.unknown : String(row.ppid)),
  },
  priority: {
    id: 'priority',
    label: strings.columns.priority,
    definition: strings.definitions.priority,
    isNumeric: false,
    defaultWidth: 100,
    sortValue: priorityRank,
    text: (row) => (row.priority === null ? strings.unknown : strings.priorities[row.priority]),
    fill: {},
  },
  handles: figureColumn('handles', (row) => row.handles, formatCount, { isNumeric: true, defaultWidth: 80 }),
  workingSet: figureColumn('workingSet', (row) => row.residentBytes, formatBytes, { isNumeric: true, defaultWidth: 100 }),
  commit: figureColumn('commit', (row) => row.commitBytes, formatBytes, { isNumeric: true, defaultWidth: 100 }),
  ioRead: figureColumn('ioRead', (row) => row.ioReadBytesPerSec, formatRate, { isNumeric: true, defaultWidth: 100, fill: measured }),
  ioWrite: figureColumn('ioWrite', (row) => row.ioWriteBytesPerSec, formatRate, { isNumeric: true, defaultWidth: 100, fill: measured }),
  gpuMemory: figureColumn('gpuMemory', (row) => row.gpuMemoryBytes, formatBytes, { isNumeric: true, defaultWidth: 100, fill: { needsGpu: true } }),
  efficiencyMode: {
    id: 'efficiencyMode',
    label: strings.columns.efficiencyMode,
    definition: strings.definitions.efficiencyMode,
    isNumeric: false,
    defaultWidth: 120,
    sortValue: (row) => (row.isEfficiencyMode === null ? null : Number(row.isEfficiencyMode)),
    text: (row) => (row.isEfficiencyMode === null ? strings.unknown : row.isEfficiencyMode ? strings.efficiencyModeOn : ''),
    fill: {},
  },
  startTime: {
    id: 'startTime',
    label: strings.columns.startTime,
    definition: strings.definitions.startTime,
    isNumeric: false,
    defaultWidth: 150,
    sortValue: (row) => row.startTimeMs,
    text: (row) => formatDateTime(row.startTimeMs),
  },
  description: figureColumn('description', (row) => row.description, textOrUnknown, { isNumeric: false, defaultWidth: 200 }),
  publisher: figureColumn('publisher', (row) => row.publisher, textOrUnknown, { isNumeric: false, defaultWidth: 160 }),
  services: figureColumn('services', (row) => (row.services === null ? null : row.services.join(', ')), servicesText, {
    isNumeric: false,
    defaultWidth: 160,
  }),
  path: figureColumn('path', (row) => row.exePath, textOrUnknown, { isNumeric: false, defaultWidth: 300 }),
  commandLine: figureColumn('commandLine', (row) => row.commandLine, textOrUnknown, { isNumeric: false, defaultWidth: 400 }),
};

/** The services a process hosts, joined: "None" when it hosts none, "—" where unknown. */
function servicesText(joined: string | null): string {
  if (joined === null) return strings.unknown;
  return joined === '' ? strings.noServices : joined;
}

/** Heat level 0–5 (Task Manager's shading steps) for a share 0–1; 0 is no shading. */
export function heatLevel(share: number | null): number {
  if (share === null || !(share > 0)) return 0;
  if (share >= 0.5) return 5;
  if (share >= 0.25) return 4;
  if (share >= 0.1) return 3;
  if (share >= 0.03) return 2;
  return share >= 0.005 ? 1 : 0;
}

export const NO_TOTALS: Partial<Record<ColumnId, string>> = {};

/**
 * The machine's totals shown above the CPU, Memory, Disk, Network and GPU columns, as Task Manager
 * does: CPU busy % (× logical cores in per-core mode, the unit of the rows below it), memory in use
 * as a share of all memory, the busiest disk's active time, all real interfaces' traffic, the
 * busiest GPU's utilisation. Pure.
 */
export function columnTotals(snapshot: Snapshot, cpuMode: CpuMode = 'machine'): Partial<Record<ColumnId, string>> {
  const maxOf = (values: (number | null)[]) => values.reduce<number | null>((max, v) => (v === null ? max : Math.max(max ?? 0, v)), null);
  const memory = snapshot.memory.totalBytes > 0 ? (snapshot.memory.usedBytes / snapshot.memory.totalBytes) * 100 : null;
  const network = snapshot.network.reduce<number | null>((sum, n) => {
    const rate = sumOrNull(n.rxBytesPerSec, n.txBytesPerSec);
    return rate === null ? sum : (sum ?? 0) + rate;
  }, null);
  const cpu = snapshot.cpu.totalPercent;
  return {
    cpu: formatPercent(cpu === null || cpuMode === 'machine' ? cpu : cpu * snapshot.cpu.logicalCores),
    memory: formatPercent(memory),
    disk: formatPercent(maxOf(snapshot.disks.map((d) => d.activePercent))),
    network: formatRate(network),
    gpu: formatPercent(maxOf(snapshot.gpus.map((g) => g.utilizationPercent))),
  };
}
