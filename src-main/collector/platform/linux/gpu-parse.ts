/**
 * Parsers for GPU sources on Linux. Pure.
 */
import type { GpuFigures } from '../../../../src-shared/snapshot.ts';

/** The fields asked of `nvidia-smi --query-gpu=…`, in this order. */
export const NVIDIA_QUERY_FIELDS = [
  'index',
  'uuid',
  'name',
  'utilization.gpu',
  'memory.used',
  'memory.total',
  'temperature.gpu',
] as const;

const MIB = 1024 * 1024;

/**
 * One line of `--format=csv,noheader,nounits` output. Values nvidia-smi can't give read
 * "[N/A]" or "[Not Supported]" and become null.
 */
export function parseNvidiaSmiLine(line: string): GpuFigures | null {
  const f = line.split(',').map((s) => s.trim());
  if (f.length < NVIDIA_QUERY_FIELDS.length) return null;
  const [index, uuid, name, util, memUsed, memTotal, temp] = f;
  if (!index || !/^\d+$/.test(index)) return null;
  const num = (s: string | undefined): number | null => {
    if (s === undefined || s.startsWith('[') || s === '') return null;
    const v = Number(s);
    return Number.isFinite(v) ? v : null;
  };
  const utilization = num(util);
  const used = num(memUsed);
  const total = num(memTotal);
  return {
    id: uuid && !uuid.startsWith('[') ? uuid : `nvidia${index}`,
    name: name ?? `NVIDIA GPU ${index}`,
    vendor: 'nvidia',
    utilizationPercent: utilization === null ? null : Math.min(100, Math.max(0, utilization)),
    memoryUsedBytes: used === null ? null : used * MIB,
    memoryTotalBytes: total === null ? null : total * MIB,
    sharedMemoryUsedBytes: null,
    temperatureC: num(temp),
    engines: [],
  };
}

/** PCI vendor ids of `/sys/class/drm/cardN/device/vendor`. */
export function vendorFromPciId(id: string | null): GpuFigures['vendor'] {
  switch (id?.toLowerCase()) {
    case '0x10de':
      return 'nvidia';
    case '0x1002':
      return 'amd';
    case '0x8086':
      return 'intel';
    default:
      return 'other';
  }
}

export interface DrmClientUsage {
  /** `drm-client-id`: several fds can share one client; count it once. */
  clientId: string;
  /** `drm-pdev`: the device's bus address (`0000:03:00.0`), which names the card in sysfs; null where the driver omits it. */
  pdev: string | null;
  /**
   * `drm-engine-<name>`: cumulative busy time in ns per engine class, divided by the class's
   * `drm-engine-capacity-<name>` (how many engines it has), so that 100 % is the class fully busy.
   */
  engineBusyNs: Map<string, number>;
  /** Sum of `drm-memory-<region>` (or `drm-resident-<region>`), bytes. */
  memoryBytes: number;
}

const UNIT_BYTES: Record<string, number> = { '': 1, KiB: 1024, MiB: 1024 * 1024, GiB: 1024 * 1024 * 1024 };

/** `/proc/<pid>/fdinfo/<fd>` of a DRM fd (kernel doc "DRM client usage stats"). */
export function parseDrmFdinfo(text: string): DrmClientUsage | null {
  let clientId: string | null = null;
  let pdev: string | null = null;
  const engineBusyNs = new Map<string, number>();
  const capacities = new Map<string, number>();
  let memory = 0;
  let resident = 0;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    if (key === 'drm-client-id') clientId = value;
    else if (key === 'drm-pdev') pdev = value || null;
    else if (key.startsWith('drm-engine-capacity-')) {
      const capacity = Number(value);
      if (Number.isInteger(capacity) && capacity > 0) capacities.set(key.slice('drm-engine-capacity-'.length), capacity);
    } else if (key.startsWith('drm-engine-')) {
      const ns = Number(value.split(/\s+/)[0]);
      if (Number.isFinite(ns)) engineBusyNs.set(key.slice('drm-engine-'.length), ns);
    } else if (key.startsWith('drm-memory-') || key.startsWith('drm-resident-')) {
      const [amount, unit = ''] = value.split(/\s+/);
      const bytes = Number(amount) * (UNIT_BYTES[unit] ?? NaN);
      if (!Number.isFinite(bytes)) continue;
      if (key.startsWith('drm-memory-')) memory += bytes;
      else resident += bytes;
    }
  }
  if (clientId === null) return null;
  for (const [engine, capacity] of capacities) {
    const ns = engineBusyNs.get(engine);
    if (ns !== undefined) engineBusyNs.set(engine, ns / capacity);
  }
  return { clientId, pdev, engineBusyNs, memoryBytes: memory > 0 ? memory : resident };
}
