/**
 * A disk's page: its title ("Disk 0 (C:)", "Disk nvme0n1 (/ /home)"), figures and facts. Pure.
 */
import type { DiskFacts, Inventory } from '../../../src-shared/inventory.ts';
import type { Snapshot } from '../../../src-shared/snapshot.ts';
import { formatBytes, formatMs, formatPercent, formatRate } from '../../format.ts';
import { absentReason, factRow, plain, yesNo, type FactRow, type PageModel } from './page-model.ts';
import { performanceStrings } from './performance-strings.ts';

const p = performanceStrings;
export const READ_COLOR = 'var(--perf-disk)';
export const WRITE_COLOR = 'var(--perf-disk-write)';

/** The inventory's facts of the snapshot disk `diskId` (matched by the inventory's `snapshotId`), if any. */
export const diskFactsOf = (inventory: Inventory | null, diskId: string): DiskFacts | undefined =>
  inventory?.disks.find((d) => d.snapshotId === diskId);

/**
 * Task Manager's title: the OS's name of the device ("Disk 0"), then its drive letters or mount
 * points in brackets. Where the inventory matched none: the Windows adapter's name, which is
 * already that ("Disk 0 (C:)"), else "Disk " and the kernel's name (the Linux name carries the
 * model in brackets, which would read as mount points: it is the subtitle instead).
 */
export function diskTitle(diskId: string, snapshotName: string | null, facts: DiskFacts | undefined): string {
  if (!facts) return snapshotName !== null && /^disk\b/i.test(snapshotName) ? snapshotName : p.disk(diskId);
  const base = /^disk\b/i.test(facts.device) ? facts.device : p.disk(facts.device);
  return facts.mounts.length > 0 ? `${base} (${facts.mounts.join(' ')})` : base;
}

export function diskPage(snapshot: Snapshot | null, inventory: Inventory | null, diskId: string): PageModel {
  const disk = snapshot?.disks.find((x) => x.id === diskId) ?? null;
  const facts = diskFactsOf(inventory, diskId);
  const d = p.definitions;
  const model = facts?.model.value ?? null;
  const name = disk?.name ?? null;
  return {
    title: diskTitle(diskId, name, facts),
    subtitle: model ?? (name !== null && name !== diskId ? name : null),
    figures: [
      { label: p.activeTime, value: formatPercent(disk?.activePercent ?? null), definition: d.activeTime },
      { label: p.responseTime, value: formatMs(disk?.responseTimeMs ?? null), definition: d.responseTime },
      { label: p.read, value: formatRate(disk?.readBytesPerSec ?? null), definition: d.read, color: READ_COLOR },
      { label: p.write, value: formatRate(disk?.writeBytesPerSec ?? null), definition: d.write, color: WRITE_COLOR },
    ],
    facts: diskFacts(facts, absentReason(inventory !== null)),
  };
}

function diskFacts(f: DiskFacts | undefined, why: string): FactRow[] {
  const n = p.factNames;
  return [
    factRow(n.capacity, f?.capacityBytes, formatBytes, why),
    factRow(n.formatted, f?.formattedBytes, formatBytes, why),
    factRow(n.systemDisk, f?.isSystemDisk, yesNo, why),
    factRow(n.pageFile, f?.hasPageFile, yesNo, why),
    factRow(n.diskType, f?.kind, plain, why),
    factRow(n.model, f?.model, plain, why),
  ];
}
