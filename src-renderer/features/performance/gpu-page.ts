/**
 * A GPU's page: its name, utilisation, dedicated and shared memory, temperature and driver. Pure.
 */
import type { GpuFacts, Inventory } from '../../../src-shared/inventory.ts';
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import { formatBytes, formatCelsius, formatPercent } from '../../format.ts';
import { formatPartOf } from './figures.ts';
import { absentReason, factRow, plain, type FactRow, type PageModel } from './page-model.ts';
import { resourceLabel } from './resources.ts';
import { performanceStrings } from './performance-strings.ts';

const p = performanceStrings;
export const GPU_COLOR = 'var(--perf-gpu)';

export const gpuFactsOf = (inventory: Inventory | null, gpuId: string): GpuFacts | undefined =>
  inventory?.gpus.find((g) => g.snapshotId === gpuId);

export function gpuPage(snapshot: Snapshot | null, inventory: Inventory | null, gpuId: string): PageModel {
  const g = snapshot?.gpus.find((x) => x.id === gpuId) ?? null;
  const facts = gpuFactsOf(inventory, gpuId);
  const d = p.definitions;
  // The adapter's figures win where it has them; the inventory's sizes fill what it leaves null.
  const dedicatedTotal = g?.memoryTotalBytes ?? facts?.dedicatedMemoryBytes.value ?? null;
  const sharedTotal = facts?.sharedMemoryBytes.value ?? null;
  return {
    title: resourceLabel(snapshot, { kind: 'gpu', key: gpuId }),
    subtitle: g?.name || facts?.name.value || null,
    figures: [
      { label: p.utilization, value: formatPercent(g?.utilizationPercent ?? null), definition: d.gpuUtilization, color: GPU_COLOR },
      { label: p.dedicatedMemory, value: formatPartOf(g?.memoryUsedBytes ?? null, dedicatedTotal, formatBytes), definition: d.gpuMemory },
      { label: p.sharedMemory, value: formatPartOf(g?.sharedMemoryUsedBytes ?? null, sharedTotal, formatBytes), definition: d.sharedMemory },
      { label: p.temperature, value: formatCelsius(g?.temperatureC ?? null), definition: d.temperature },
    ],
    facts: gpuFacts(facts, absentReason(inventory !== null)),
  };
}

function gpuFacts(f: GpuFacts | undefined, why: string): FactRow[] {
  const n = p.factNames;
  return [
    factRow(n.driverVersion, f?.driverVersion, plain, why),
    factRow(n.driverDate, f?.driverDate, plain, why),
    factRow(n.vendor, f?.vendor, plain, why),
    factRow(n.dedicatedMemorySize, f?.dedicatedMemoryBytes, formatBytes, why),
    factRow(n.sharedMemorySize, f?.sharedMemoryBytes, formatBytes, why),
  ];
}
