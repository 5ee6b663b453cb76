/**
 * The resources of the sidebar (CPU, memory, each disk, network interface and GPU): their ids,
 * names, one-line figures and sparkline values. Pure functions of a snapshot or a history point.
 */
import type { Inventory } from '../../../src-shared/inventory.ts';
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import { bitsPerSecOf, formatBitRate, formatBytes, formatCelsius, formatMhz, formatPercent } from '../../format.ts';
import type { HistoryPoint } from '../../store/history.ts';
import { diskFactsOf, diskTitle } from './disk-page.ts';
import { percentOf } from './figures.ts';
import { fixedMax, niceBinaryMax } from './scale.ts';
import { sumKnown, windowRows } from './series.ts';
import { sparklinePath } from './sparkline.ts';
import { performanceStrings } from './performance-strings.ts';

/** "cpu", "memory", "disk:<id>", "network:<name>" or "gpu:<id>": stable while the device exists. */
export type ResourceId = string;

export type ResourceRef =
  | { kind: 'cpu' }
  | { kind: 'memory' }
  | { kind: 'disk'; key: string }
  | { kind: 'network'; key: string }
  | { kind: 'gpu'; key: string };

export const CPU_ID: ResourceId = 'cpu';

export function resourceIds(snapshot: Snapshot | null): ResourceId[] {
  if (!snapshot) return [CPU_ID, 'memory'];
  return [
    CPU_ID,
    'memory',
    ...snapshot.disks.map((d) => `disk:${d.id}`),
    ...snapshot.network.map((n) => `network:${n.name}`),
    ...snapshot.gpus.map((g) => `gpu:${g.id}`),
  ];
}

/** The resource an id names; an id of no known kind is the CPU. */
export function resourceRef(id: ResourceId): ResourceRef {
  const colon = id.indexOf(':');
  const kind = colon < 0 ? id : id.slice(0, colon);
  const key = colon < 0 ? '' : id.slice(colon + 1);
  if (kind === 'memory') return { kind: 'memory' };
  if (kind === 'disk' || kind === 'network' || kind === 'gpu') return { kind, key };
  return { kind: 'cpu' };
}

/**
 * The sidebar's and the page's title: "CPU", "Memory", "Disk 0 (C:)", "Disk sda (/)", "Network eth0",
 * "GPU 0". A disk's drive letters or mount points come with the inventory (null until it is read).
 */
export function resourceLabel(snapshot: Snapshot | null, ref: ResourceRef, inventory: Inventory | null = null): string {
  switch (ref.kind) {
    case 'cpu':
      return performanceStrings.cpu;
    case 'memory':
      return performanceStrings.memory;
    case 'disk':
      return diskTitle(ref.key, snapshot?.disks.find((d) => d.id === ref.key)?.name ?? null, diskFactsOf(inventory, ref.key));
    case 'network':
      return performanceStrings.network(ref.key);
    case 'gpu': {
      const index = snapshot?.gpus.findIndex((g) => g.id === ref.key) ?? -1;
      return performanceStrings.gpu(index >= 0 ? String(index) : ref.key);
    }
  }
}

/** The sidebar's figure line; unknown figures read "—". */
export function resourceSummary(snapshot: Snapshot | null, ref: ResourceRef): string {
  switch (ref.kind) {
    case 'cpu':
      return performanceStrings.cpuSummary(formatPercent(snapshot?.cpu.totalPercent ?? null), formatMhz(snapshot?.cpu.speedMhz ?? null));
    case 'memory': {
      const memory = snapshot?.memory;
      const percent = percentOf(memory?.usedBytes ?? null, memory?.totalBytes ?? null);
      return performanceStrings.memorySummary(formatBytes(memory?.usedBytes ?? null), formatBytes(memory?.totalBytes ?? null), formatPercent(percent));
    }
    case 'disk':
      return formatPercent(snapshot?.disks.find((d) => d.id === ref.key)?.activePercent ?? null);
    case 'network': {
      const n = snapshot?.network.find((i) => i.name === ref.key);
      return performanceStrings.networkSummary(formatBitRate(bitsPerSecOf(n?.txBytesPerSec ?? null)), formatBitRate(bitsPerSecOf(n?.rxBytesPerSec ?? null)));
    }
    case 'gpu': {
      const g = snapshot?.gpus.find((i) => i.id === ref.key);
      return performanceStrings.gpuSummary(formatPercent(g?.utilizationPercent ?? null), formatCelsius(g?.temperatureC ?? null));
    }
  }
}

/** What a resource's sparkline draws at a point: CPU %, memory in use, disk active %, network send + receive, GPU %. */
export function sparkValue(point: HistoryPoint, ref: ResourceRef): number | null {
  switch (ref.kind) {
    case 'cpu':
      return point.cpuPercent;
    case 'memory':
      return point.memoryUsedBytes;
    case 'disk':
      return point.disks[ref.key]?.activePercent ?? null;
    case 'network': {
      const n = point.network[ref.key];
      return sumKnown(n?.rxBytesPerSec, n?.txBytesPerSec);
    }
    case 'gpu':
      return point.gpus[ref.key]?.utilizationPercent ?? null;
  }
}

/** The top of a sparkline: 100 for a percentage, the installed memory, or an autoscaled rate. */
export function sparkMax(memoryTotalBytes: number | null, ref: ResourceRef, values: Iterable<number | null>): number {
  if (ref.kind === 'memory') return fixedMax(memoryTotalBytes);
  if (ref.kind === 'network') return niceBinaryMax(values);
  return 100;
}

const SPARK_KEYS = ['v'] as const;

/** A resource's sparkline path over the last `windowSec` of `history`, in a `widthPx` × `heightPx` box. */
export function resourceSparkPath(
  history: readonly HistoryPoint[],
  windowSec: number,
  ref: ResourceRef,
  memoryTotalBytes: number | null,
  box: { widthPx: number; heightPx: number },
): string {
  const rows = windowRows(history, windowSec * 1000, SPARK_KEYS, (p) => ({ v: sparkValue(p, ref) }));
  const max = sparkMax(memoryTotalBytes, ref, rows.map((r) => r.v));
  return sparklinePath(rows, { ...box, windowSec, max });
}
