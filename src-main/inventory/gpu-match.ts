/**
 * Which snapshot GPU each systeminformation controller is. Pure. In order, each rule only pairs
 * what the earlier ones left, and only when the pairing is unique (a wrong pairing would put one
 * GPU's driver on another's page; an unmatched one shows its facts under its own name instead):
 * 1. the same name (the NVIDIA adapter reads real names from nvidia-smi);
 * 2. the same PCI bus address (the Linux sysfs adapter's `cardN` is a PCI device the child looks up);
 *    else the same PCI device id (the sysfs adapter names a GPU "Intel GPU 0x9a49");
 * 3. the only one of a vendor on each side;
 * 4. the only one left on each side (the Windows adapter names GPUs "GPU 0" by LUID, vendor unknown).
 */
import type { GpuFigures } from '../../src-shared/snapshot.ts';

type GpuVendor = GpuFigures['vendor'];

export interface SnapshotGpu {
  id: string;
  name: string;
  vendor: GpuVendor;
}

export interface ControllerNames {
  vendor: string | null;
  vendorId?: string | null | undefined;
  model: string | null;
  name?: string | null | undefined;
  deviceId?: string | null | undefined;
  /** lspci's "00:02.0" (Linux). */
  busAddress?: string | null | undefined;
}

/** "0000:00:02.0" and "00:02.0" are the same device on PCI domain 0. */
export function pciAddress(address: string | null | undefined): string {
  const a = (address ?? '').trim().toLowerCase();
  return /^[0-9a-f]{4,8}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/.test(a) ? a.slice(a.indexOf(':') + 1) : a;
}

const PCI_VENDORS: Record<string, GpuVendor> = { '10de': 'nvidia', '1002': 'amd', '1022': 'amd', '8086': 'intel' };

export function controllerVendor(c: ControllerNames): GpuVendor {
  const byId = PCI_VENDORS[(c.vendorId ?? '').toLowerCase().replace(/^0x/, '')];
  if (byId) return byId;
  const text = `${c.vendor ?? ''} ${c.model ?? ''}`.toLowerCase();
  if (text.includes('nvidia')) return 'nvidia';
  if (/\b(amd|ati|advanced micro devices|radeon)\b/.test(text)) return 'amd';
  if (text.includes('intel')) return 'intel';
  return 'other';
}

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();
const hexId = (s: string | null | undefined) => norm(s).replace(/^0x/, '');

/** Index of each controller → the snapshot GPU id it is (absent: none matched). */
export function matchGpus(controllers: readonly ControllerNames[], gpus: readonly SnapshotGpu[], busOfGpu: ReadonlyMap<string, string> = new Map()): Map<number, string> {
  const matched = new Map<number, string>();
  const taken = new Set<string>();
  const pair = (rule: (c: ControllerNames, g: SnapshotGpu) => boolean) => {
    controllers.forEach((c, i) => {
      if (matched.has(i)) return;
      const hits = gpus.filter((g) => !taken.has(g.id) && rule(c, g));
      const rivals = controllers.filter((other, j) => j !== i && !matched.has(j) && hits.some((g) => rule(other, g)));
      const hit = hits[0];
      if (hits.length === 1 && hit && rivals.length === 0) {
        matched.set(i, hit.id);
        taken.add(hit.id);
      }
    });
  };
  pair((c, g) => norm(g.name) !== '' && (norm(g.name) === norm(c.name) || norm(g.name) === norm(c.model)));
  pair((c, g) => pciAddress(c.busAddress) !== '' && pciAddress(c.busAddress) === pciAddress(busOfGpu.get(g.id)));
  pair((c, g) => {
    const id = hexId(c.deviceId);
    return id !== '' && norm(g.name).endsWith(`0x${id}`);
  });
  pair((c, g) => g.vendor !== 'other' && g.vendor === controllerVendor(c));
  const leftControllers = controllers.map((_, i) => i).filter((i) => !matched.has(i));
  const leftGpus = gpus.filter((g) => !taken.has(g.id));
  const onlyController = leftControllers[0];
  const onlyGpu = leftGpus[0];
  if (leftControllers.length === 1 && leftGpus.length === 1 && onlyController !== undefined && onlyGpu) matched.set(onlyController, onlyGpu.id);
  return matched;
}
