/**
 * The machine's facts (what it is, not how busy it is): read with `systeminformation` once at
 * start and again when the hardware changes, never on the sampling tick (src-main/inventory/).
 * Pushed to the page as a `Broadcast` of type `inventory` (query.ts), never repeated in snapshots.
 *
 * Every fact says where it came from or why it is missing: `—` on the page with the reason as a
 * tooltip, never a guess. docs/definitions.md lists the source of each fact. Plain types: the page
 * reads them without a schema library; main parses what its inventory child sends.
 */

/** Where a known fact came from: the platform adapter (exact, it wins where it has one) or systeminformation. */
export type FactSource = 'adapter' | 'systeminformation';

/** A fact: its value and source, or null and why (plain words: "Not reported by this virtual machine"). */
export type Fact<T> = { readonly value: T; readonly source: FactSource } | { readonly value: null; readonly reason: string };

export const DISK_KINDS = ['SSD', 'HDD', 'NVMe', 'Removable', 'Virtual', 'Unknown'] as const;
export type DiskKind = (typeof DISK_KINDS)[number];

export interface MachineFacts {
  osName: Fact<string>;
  osVersion: Fact<string>;
  manufacturer: Fact<string>;
  model: Fact<string>;
  hostname: Fact<string>;
  /** True inside a virtual machine (Task Manager's "Virtual machine: Yes"). */
  isVirtualMachine: Fact<boolean>;
}

export interface CpuFacts {
  model: Fact<string>;
  /** The rated (base) clock, MHz. */
  baseSpeedMhz: Fact<number>;
  sockets: Fact<number>;
  /** Physical cores. */
  cores: Fact<number>;
  logicalProcessors: Fact<number>;
  /** Hardware virtualization (VT-x/AMD-V) enabled for this OS. */
  isVirtualizationEnabled: Fact<boolean>;
  l1CacheBytes: Fact<number>;
  l2CacheBytes: Fact<number>;
  l3CacheBytes: Fact<number>;
}

export interface MemoryFacts {
  speedMhz: Fact<number>;
  slotsUsed: Fact<number>;
  slotsTotal: Fact<number>;
  /** "DIMM", "SODIMM", … as the firmware reports it. */
  formFactor: Fact<string>;
  /** Installed memory the OS cannot use (firmware, integrated graphics): installed − visible to the OS. */
  hardwareReservedBytes: Fact<number>;
}

export interface DiskFacts {
  /** The snapshot disk (`DiskFigures.id`) these facts belong to; null when none matched. */
  snapshotId: string | null;
  /** "Disk 0", "nvme0n1": how the OS names the device. */
  device: string;
  model: Fact<string>;
  kind: Fact<DiskKind>;
  capacityBytes: Fact<number>;
  /** The sum of its formatted volumes. */
  formattedBytes: Fact<number>;
  isSystemDisk: Fact<boolean>;
  hasPageFile: Fact<boolean>;
  /** Drive letters (Windows, "C:") or mount points (Linux, "/"), for the page's title. */
  mounts: readonly string[];
}

export interface AdapterFacts {
  /** The snapshot interface (`NetworkFigures.name`) these facts belong to; null when none matched. */
  snapshotId: string | null;
  /** The OS's name for it ("eth0", "Ethernet 2"). */
  name: string;
  description: Fact<string>;
  /** "Ethernet", "Wi-Fi", "Virtual", … */
  connectionType: Fact<string>;
  ipv4: readonly string[];
  ipv6: readonly string[];
  linkSpeedBitsPerSec: Fact<number>;
  macAddress: Fact<string>;
}

export interface GpuFacts {
  /** The snapshot GPU (`GpuFigures.id`) these facts belong to; null when none matched. */
  snapshotId: string | null;
  name: Fact<string>;
  vendor: Fact<string>;
  driverVersion: Fact<string>;
  /** The driver's date, as the OS gives it (ISO 8601 date where it can be read). */
  driverDate: Fact<string>;
  dedicatedMemoryBytes: Fact<number>;
  sharedMemoryBytes: Fact<number>;
}

export interface Inventory {
  /** The boot these facts were read in (Linux `boot_id`, Windows boot time); a new boot reads again. */
  bootId: string;
  /** When the read finished, ms since the Unix epoch. */
  readAtMs: number;
  /** How long the read took, ms (it runs in its own process, off the tick). */
  readMs: number;
  /** Null when the read finished; else why it did not (deadline, the library failed), every fact then says so. */
  error: string | null;
  machine: MachineFacts;
  cpu: CpuFacts;
  memory: MemoryFacts;
  disks: readonly DiskFacts[];
  adapters: readonly AdapterFacts[];
  gpus: readonly GpuFacts[];
}

/** A fact that could not be read, with why. */
export function missing(reason: string): { readonly value: null; readonly reason: string } {
  return { value: null, reason };
}

/** A fact read from `source`. */
export function known<T>(value: T, source: FactSource): { readonly value: T; readonly source: FactSource } {
  return { value, source };
}
