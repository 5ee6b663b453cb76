/**
 * Disks: systeminformation's diskLayout (model, media, bus) and blockDevices (Linux: partitions and
 * mount points), fsSize (formatted sizes), and where swap or the page file lives, mapped to
 * `DiskFacts` and matched to the snapshot's disks (device-names.ts). Pure.
 */
import { known, missing, type DiskFacts, type DiskKind, type Fact } from '../../src-shared/inventory.ts';
import type { DiskFigures } from '../../src-shared/snapshot.ts';
import { isPartitionOf, kernelName, pdhDisk, windowsDriveNumber } from './device-names.ts';
import { isPositive, isReportedText, positiveFact, REASON, textFact } from './fact-rules.ts';
import type { SiResults } from './si-results.ts';

type SnapshotDisk = Pick<DiskFigures, 'id' | 'name'>;

/** Devices that are not disks a user owns: loop mounts, RAM disks, compressed swap, network blocks. */
const NOT_A_DISK = /^(loop|ram|zram|nbd|fd|sr)\d+$/;

export function kindOf(parts: { name: string; type: string | null; interfaceType: string | null; physical: string | null; removable: boolean | null }): Fact<DiskKind> | null {
  const iface = (parts.interfaceType ?? '').toLowerCase();
  const type = (parts.type ?? '').toLowerCase();
  const physical = (parts.physical ?? '').toLowerCase();
  if (iface === 'nvme' || /^nvme\d/.test(parts.name)) return known('NVMe', 'systeminformation');
  if (parts.removable === true || iface === 'usb') return known('Removable', 'systeminformation');
  // virtio and Xen block devices, and what Windows' storage stack calls "Virtual": the host decides the media.
  if (type === 'virtual' || /^(vd|xvd)[a-z]+$/.test(parts.name)) return known('Virtual', 'systeminformation');
  if (type === 'ssd' || physical === 'ssd') return known('SSD', 'systeminformation');
  if (type === 'hd' || type === 'hdd' || physical === 'hdd') return known('HDD', 'systeminformation');
  return null;
}

/** Sum of each file system's size once (bind mounts list the same one twice). */
function formattedOf(fsNames: (fs: string, mount: string) => boolean, values: SiResults): Fact<number> {
  if (!values.fsSize.ok) return missing(REASON.callFailed('fsSize', values.fsSize.error));
  const seen = new Set<string>();
  let total = 0;
  for (const f of values.fsSize.value) {
    if (f.fs === null || f.mount === null || seen.has(f.fs) || !fsNames(f.fs, f.mount) || !isPositive(f.size)) continue;
    seen.add(f.fs);
    total += f.size;
  }
  return total > 0 ? known(total, 'systeminformation') : missing(REASON.noFileSystem);
}

function linuxDisks(values: SiResults, snapshot: readonly SnapshotDisk[], absent: string): DiskFacts[] {
  if (!values.blockDevices.ok) return [];
  const devices = values.blockDevices.value;
  const layout = values.diskLayout.ok ? values.diskLayout.value : [];
  const pageFiles = values.platformExtras.ok ? values.platformExtras.value.pageFiles : null;
  const disks = devices.filter((d) => d.type === 'disk' && d.name !== null && !NOT_A_DISK.test(d.name));
  const mountsOf = (name: string) => {
    const own = devices.filter((d) => d.name === name || (d.name !== null && isPartitionOf(d.name, name)));
    return { names: own.map((d) => d.name ?? ''), mounts: own.map((d) => d.mount ?? '').filter((m) => m.startsWith('/')) };
  };
  const rootIsPlaced = disks.some((d) => mountsOf(d.name ?? '').mounts.includes('/'));
  const mountToDisk = new Map<string, string>();
  for (const d of disks) for (const m of mountsOf(d.name ?? '').mounts) mountToDisk.set(m, d.name ?? '');
  // A swap file lives on the disk holding the longest mount point that is a prefix of its path.
  // A swap device that is no disk of ours: zram is compressed memory, on no disk ('' places it nowhere);
  // another device (LVM, dm-crypt) cannot be placed (null).
  const diskOfSwap = (swap: string): string | null => {
    const name = kernelName(swap);
    const byDevice = disks.find((d) => d.name === name || isPartitionOf(name, d.name ?? ''));
    if (byDevice) return byDevice.name;
    if (swap.startsWith('/dev/')) return /^zram\d+$/.test(name) ? '' : null;
    const mount = [...mountToDisk.keys()].filter((m) => swap === m || swap.startsWith(m === '/' ? '/' : `${m}/`)).sort((a, b) => b.length - a.length)[0];
    return mount === undefined ? null : (mountToDisk.get(mount) ?? null);
  };
  const swapDisks = pageFiles?.map(diskOfSwap) ?? null;
  return disks.map((d): DiskFacts => {
    const name = d.name ?? '';
    const { names, mounts } = mountsOf(name);
    const l = layout.find((entry) => kernelName(entry.device ?? '') === name);
    const kind = kindOf({ name, type: l?.type ?? null, interfaceType: l?.interfaceType ?? null, physical: d.physical, removable: d.removable });
    return {
      snapshotId: snapshot.find((s) => s.id === name)?.id ?? null,
      device: name,
      model: textFact(isReportedText(l?.name) ? l?.name : d.model, absent),
      kind: kind ?? missing(absent),
      capacityBytes: positiveFact(isPositive(d.size) ? d.size : l?.size, absent),
      formattedBytes: formattedOf((fs) => names.includes(kernelName(fs)), values),
      isSystemDisk: rootIsPlaced ? known(mounts.includes('/'), 'systeminformation') : missing('The system volume is not on a partition this read can place (LVM or encrypted)'),
      hasPageFile:
        swapDisks === null
          ? missing(values.platformExtras.ok ? absent : REASON.callFailed('swap areas', values.platformExtras.error))
          : swapDisks.includes(null)
            ? missing('A swap area is not on a partition this read can place (LVM or encrypted)')
            : known(swapDisks.includes(name), 'systeminformation'),
      mounts,
    };
  });
}

function windowsDisks(values: SiResults, snapshot: readonly SnapshotDisk[], absent: string): DiskFacts[] {
  if (!values.diskLayout.ok) return [];
  const extras = values.platformExtras.ok ? values.platformExtras.value : null;
  return values.diskLayout.value.flatMap((l): DiskFacts[] => {
    const number = windowsDriveNumber(l.device ?? '');
    if (number === null) return [];
    const match = snapshot.find((s) => pdhDisk(s.id)?.number === number);
    const letters = match ? (pdhDisk(match.id)?.letters ?? []) : [];
    const noLetters = 'Not matched to a disk the system counts';
    const systemDrive = extras?.systemDrive?.toUpperCase() ?? null;
    const pageLetters = extras?.pageFiles.map((p) => p.slice(0, 2).toUpperCase()) ?? null;
    return [
      {
        snapshotId: match?.id ?? null,
        device: `Disk ${number}`,
        model: textFact(l.name, absent),
        kind: kindOf({ name: '', type: l.type, interfaceType: l.interfaceType, physical: null, removable: null }) ?? missing(absent),
        capacityBytes: positiveFact(l.size, absent),
        formattedBytes: match ? formattedOf((_fs, mount) => letters.includes(mount.toUpperCase()), values) : missing(noLetters),
        isSystemDisk: systemDrive === null || !match ? missing(noLetters) : known(letters.includes(systemDrive), 'systeminformation'),
        hasPageFile: !values.platformExtras.ok
          ? missing(REASON.callFailed('page file', values.platformExtras.error))
          : pageLetters === null || !match
            ? missing(noLetters)
            : known(pageLetters.some((p) => letters.includes(p)), 'systeminformation'),
        mounts: letters,
      },
    ];
  });
}

/** One entry per disk systeminformation lists, then one per snapshot disk it did not (every fact then says why). */
export function diskFacts(platform: string, values: SiResults, snapshot: readonly SnapshotDisk[], absent: string): DiskFacts[] {
  const listed = platform === 'win32' ? windowsDisks(values, snapshot, absent) : linuxDisks(values, snapshot, absent);
  const failure = !values.diskLayout.ok ? REASON.callFailed('diskLayout', values.diskLayout.error) : !values.blockDevices.ok ? REASON.callFailed('blockDevices', values.blockDevices.error) : null;
  const why = failure ?? 'systeminformation did not list this disk';
  const unlisted = snapshot.filter((s) => !listed.some((d) => d.snapshotId === s.id)).map((s) => unknownDisk(s, why));
  return [...listed, ...unlisted];
}

export function unknownDisk(s: SnapshotDisk, reason: string): DiskFacts {
  const gone = missing(reason);
  return { snapshotId: s.id, device: s.name, model: gone, kind: gone, capacityBytes: gone, formattedBytes: gone, isSystemDisk: gone, hasPageFile: gone, mounts: pdhDisk(s.id)?.letters ?? [] };
}
