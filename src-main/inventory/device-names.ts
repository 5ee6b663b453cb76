/**
 * How the same device is named by the OS counters the snapshot uses and by systeminformation, so
 * the inventory's facts land on the snapshot's disks, adapters and GPUs. Pure.
 *
 * - Linux disks: the snapshot's id is the kernel name (`sda`, `nvme0n1`), systeminformation's
 *   `/dev/sda`; partitions are the disk's name plus a number (`sda1`), or `p` and a number when the
 *   name ends in a digit (`nvme0n1p1`, `mmcblk0p2`).
 * - Windows disks: the snapshot's id is the `\PhysicalDisk(*)` instance, disk number then drive
 *   letters (`0 C:`, `1 D: E:`); systeminformation's diskLayout says `\\.\PHYSICALDRIVE0`.
 * - Windows adapters: `\Network Interface(*)` instances are the adapter's description with the
 *   characters PDH reserves replaced: `(`→`[`, `)`→`]`, `#`→`_`, `/`→`_`, `\`→`_`
 *   ("Intel(R) Wi-Fi 6 AX201 160MHz #2" → "Intel[R] Wi-Fi 6 AX201 160MHz _2").
 */

export function kernelName(device: string): string {
  return device.startsWith('/dev/') ? device.slice('/dev/'.length) : device;
}

export function isPartitionOf(partition: string, disk: string): boolean {
  if (!partition.startsWith(disk) || partition === disk) return false;
  const rest = partition.slice(disk.length);
  return /\d$/.test(disk) ? /^p\d+$/.test(rest) : /^\d+$/.test(rest);
}

/** `\\.\PHYSICALDRIVE0` → 0; null for anything else. */
export function windowsDriveNumber(device: string): number | null {
  const m = /PHYSICALDRIVE(\d+)$/i.exec(device.trim());
  return m?.[1] === undefined ? null : Number(m[1]);
}

/** `0 C: D:` → disk 0, letters C: and D:; null for `_Total` and other non-disk instances. */
export function pdhDisk(id: string): { number: number; letters: string[] } | null {
  const m = /^(\d+)(?:\s+(.*))?$/.exec(id.trim());
  if (m?.[1] === undefined) return null;
  const letters = (m[2] ?? '').split(/\s+/).filter((part) => /^[A-Za-z]:$/.test(part));
  return { number: Number(m[1]), letters: letters.map((l) => l.toUpperCase()) };
}

/** An adapter description as PDH spells its `\Network Interface(*)` instance. */
export function pdhInstanceName(description: string): string {
  return description.replace(/\(/g, '[').replace(/\)/g, ']').replace(/[#/\\]/g, '_');
}

/**
 * The snapshot interface an adapter is, or null: the same name (Linux), or its description or
 * connection name as PDH mangles them (Windows). Exact after mangling: two adapters differing only
 * in a reserved character would be ambiguous, and then none is matched rather than the wrong one.
 */
export function matchInterface(iface: string, description: string | null, snapshotNames: readonly string[]): string | null {
  if (snapshotNames.includes(iface)) return iface;
  const candidates = [description, iface].filter((n): n is string => n !== null && n !== '').map(pdhInstanceName);
  for (const candidate of candidates) {
    const hits = snapshotNames.filter((name) => name === candidate);
    if (hits.length === 1) return hits[0] ?? null;
  }
  return null;
}
