/**
 * The Memory page's figures (from the snapshot) and facts (from the inventory). Pure.
 */
import type { Inventory } from '../../../src-shared/inventory.ts';
import type { MemoryFigures, Snapshot } from '../../../src-shared/snapshot.ts';
import { formatBytes, formatCount } from '../../format.ts';
import { formatPartOf } from './figures.ts';
import type { CompositionKey } from './memory-composition.ts';
import { absentReason, factRow, plain, type FactRow, type PageModel } from './page-model.ts';
import { performanceStrings } from './performance-strings.ts';

const p = performanceStrings;

/** A part of the composition bar and its legend swatch share these classes, so they look alike in every colour scheme. */
export const partClassName = (key: CompositionKey): string => `perf-composition-part perf-part-${key}`;

/** "5.2 GB (312.0 MB)": in use, and in brackets the part compressed where the OS has a compression store. */
export function formatInUse(usedBytes: number | null, compressedBytes: number | null): string {
  const used = formatBytes(usedBytes);
  return usedBytes !== null && compressedBytes !== null ? `${used} (${formatBytes(compressedBytes)})` : used;
}

export function memoryPage(snapshot: Snapshot | null, inventory: Inventory | null): PageModel {
  const m: MemoryFigures | null = snapshot?.memory ?? null;
  const d = p.definitions;
  const hasCompression = m?.compressedBytes != null;
  return {
    title: p.memory,
    subtitle: m ? formatBytes(m.totalBytes) : null,
    figures: [
      {
        label: hasCompression ? p.inUseCompressed : p.inUse,
        value: formatInUse(m?.usedBytes ?? null, m?.compressedBytes ?? null),
        definition: hasCompression ? d.inUseCompressed : d.inUse,
        swatchClassName: partClassName('inUse'),
      },
      { label: p.available, value: formatBytes(m?.availableBytes ?? null), definition: d.available },
      { label: p.committed, value: formatPartOf(m?.commitBytes ?? null, m?.commitLimitBytes ?? null, formatBytes), definition: d.committed },
      { label: p.cached, value: formatBytes(m?.cachedBytes ?? null), definition: d.cached },
      { label: p.pagedPool, value: formatBytes(m?.pagedPoolBytes ?? null), definition: d.pagedPool },
      { label: p.nonPagedPool, value: formatBytes(m?.nonPagedPoolBytes ?? null), definition: d.nonPagedPool },
      { label: p.swap, value: formatPartOf(m?.swapUsedBytes ?? null, m?.swapTotalBytes ?? null, formatBytes), definition: d.swap },
      { label: p.total, value: formatBytes(m?.totalBytes ?? null), definition: d.total },
    ],
    facts: memoryFacts(inventory),
  };
}

function memoryFacts(inventory: Inventory | null): FactRow[] {
  const f = inventory?.memory;
  const n = p.factNames;
  const why = absentReason(inventory !== null);
  const used = factRow(n.slotsUsed, f?.slotsUsed, formatCount, why);
  const total = f?.slotsTotal;
  // "2 of 4" as Task Manager shows it; the used count alone where the board's slot count is unknown.
  const slots = used.reason === null && total !== undefined && total.value !== null ? { ...used, value: p.slotsOf(used.value, formatCount(total.value)) } : used;
  return [
    // Module speed in whole MHz as Task Manager shows it ("3200 MHz"), not a CPU's GHz.
    factRow(n.memorySpeed, f?.speedMhz, (mhz) => `${Math.round(mhz)} MHz`, why),
    slots,
    factRow(n.formFactor, f?.formFactor, plain, why),
    factRow(n.hardwareReserved, f?.hardwareReservedBytes, formatBytes, why),
  ];
}
