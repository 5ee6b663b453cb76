/**
 * The Processes table's columns: label, definition (the tooltip), how a row's value is sorted,
 * shown and heat-shaded. Pure. Definitions follow DESIGN.md "Definitions".
 */
import type { ProcessRow, ProcessState, Snapshot } from '../../../src-shared/snapshot.ts';
import type { ColumnId, CpuMode } from '../../store/settings.ts';
import { formatBytes, formatPercent, formatRate } from '../../format.ts';
import { strings } from '../../strings.ts';

export interface ColumnContext {
  cpuMode: CpuMode;
  logicalCores: number;
  totalMemoryBytes: number;
}

export interface ColumnDef {
  id: ColumnId;
  label: string;
  /** What the figure means, shown as the header's tooltip. */
  definition: string;
  isNumeric: boolean;
  defaultWidth: number;
  /** The value sorted on; null sorts last in either direction. */
  sortValue(row: ProcessRow, context: ColumnContext): number | string | null;
  text(row: ProcessRow, context: ColumnContext): string;
  /** Share 0–1 for heat shading, or null for none. */
  heat?(row: ProcessRow, context: ColumnContext): number | null;
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

export const COLUMNS: Record<ColumnId, ColumnDef> = {
  name: {
    id: 'name',
    label: strings.columns.name,
    definition: strings.definitions.name,
    isNumeric: false,
    defaultWidth: 260,
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
    sortValue: (row) => stateLabel(row.state),
    text: (row) => (row.state === 'running' || row.state === 'sleeping' || row.state === 'idle' ? '' : stateLabel(row.state)),
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
  },
  user: {
    id: 'user',
    label: strings.columns.user,
    definition: strings.definitions.user,
    isNumeric: false,
    defaultWidth: 100,
    sortValue: (row) => row.user?.toLowerCase() ?? null,
    text: (row) => row.user ?? strings.unknown,
  },
  threads: {
    id: 'threads',
    label: strings.columns.threads,
    definition: strings.definitions.threads,
    isNumeric: true,
    defaultWidth: 80,
    sortValue: (row) => row.threads,
    text: (row) => (row.threads === null ? strings.unknown : String(row.threads)),
  },
  commandLine: {
    id: 'commandLine',
    label: strings.columns.commandLine,
    definition: strings.definitions.commandLine,
    isNumeric: false,
    defaultWidth: 400,
    sortValue: (row) => row.commandLine,
    text: (row) => row.commandLine ?? strings.unknown,
  },
};

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
 * does: CPU busy %, memory in use as a share of all memory, the busiest disk's active time, all
 * real interfaces' traffic, the busiest GPU's utilisation. Pure.
 */
export function columnTotals(snapshot: Snapshot): Partial<Record<ColumnId, string>> {
  const maxOf = (values: (number | null)[]) => values.reduce<number | null>((max, v) => (v === null ? max : Math.max(max ?? 0, v)), null);
  const memory = snapshot.memory.totalBytes > 0 ? (snapshot.memory.usedBytes / snapshot.memory.totalBytes) * 100 : null;
  const network = snapshot.network.reduce<number | null>((sum, n) => {
    const rate = sumOrNull(n.rxBytesPerSec, n.txBytesPerSec);
    return rate === null ? sum : (sum ?? 0) + rate;
  }, null);
  return {
    cpu: formatPercent(snapshot.cpu.totalPercent),
    memory: formatPercent(memory),
    disk: formatPercent(maxOf(snapshot.disks.map((d) => d.activePercent))),
    network: formatRate(network),
    gpu: formatPercent(maxOf(snapshot.gpus.map((g) => g.utilizationPercent))),
  };
}
