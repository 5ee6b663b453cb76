/**
 * GPUs: systeminformation's graphics controllers (and, on Windows, the driver dates the child reads
 * beside it) mapped to `GpuFacts`, matched to the snapshot's GPUs (gpu-match.ts). Pure. The
 * adapter's name and memory size win where it has real ones (nvidia-smi, sysfs VRAM).
 */
import { known, missing, type Fact, type GpuFacts } from '../../src-shared/inventory.ts';
import type { GpuFigures } from '../../src-shared/snapshot.ts';
import { isPositive, positiveFact, REASON, textFact } from './fact-rules.ts';
import { matchGpus } from './gpu-match.ts';
import type { SiResults } from './si-results.ts';

type SnapshotGpu = Pick<GpuFigures, 'id' | 'name' | 'vendor' | 'memoryTotalBytes'>;

/** Names the adapters make up when the OS gives none ("GPU 0" on Windows, "Intel GPU 0x9a49" from sysfs). */
export function isPlaceholderGpuName(name: string): boolean {
  return /^GPU \d+$/.test(name) || / GPU 0x[0-9a-f]+$/i.test(name) || /^(NVIDIA|AMD|Intel|Other) GPU( \d+)?$/.test(name);
}

const MIB = 1024 * 1024;

export function gpuFacts(platform: string, values: SiResults, snapshot: readonly SnapshotGpu[], absent: string): GpuFacts[] {
  const listed: GpuFacts[] = [];
  if (values.graphics.ok) {
    const controllers = values.graphics.value.controllers;
    const cards = values.platformExtras.ok ? (values.platformExtras.value.drmCards ?? []) : [];
    const matches = matchGpus(controllers, snapshot, new Map(cards.map((c) => [c.card, c.busAddress])));
    const drivers = values.platformExtras.ok ? values.platformExtras.value.gpuDrivers : null;
    controllers.forEach((c, index) => {
      const snapshotId = matches.get(index) ?? null;
      const g = snapshot.find((s) => s.id === snapshotId);
      const siName = textFact(c.name ?? c.model, absent);
      const driver = drivers?.find((d) => d.name === (c.name ?? c.model));
      // nvidia-smi's memory.total (MiB) when systeminformation ran it, else the firmware's VRAM size (MiB); a dynamic VRAM size is shared memory, not dedicated.
      const siVram = isPositive(c.memoryTotal) ? c.memoryTotal * MIB : c.vramDynamic === true ? null : isPositive(c.vram) ? c.vram * MIB : null;
      const dedicated: Fact<number> = isPositive(g?.memoryTotalBytes) ? known(g.memoryTotalBytes, 'adapter') : positiveFact(siVram, absent);
      listed.push({
        snapshotId,
        name: g && !isPlaceholderGpuName(g.name) ? known(g.name, 'adapter') : siName,
        vendor: textFact(c.vendor, absent),
        // nvidia-smi's through systeminformation, else Win32_VideoController's.
        driverVersion: textFact(c.driverVersion ?? driver?.version, absent),
        driverDate: driver?.date ? known(driver.date, 'systeminformation') : missing(platform === 'linux' ? REASON.noDriverDate : absent),
        dedicatedMemoryBytes: dedicated,
        sharedMemoryBytes: missing(REASON.noSharedMemory),
      });
    });
  }
  const why = values.graphics.ok ? 'systeminformation did not list this GPU' : REASON.callFailed('graphics', values.graphics.error);
  const unlisted = snapshot.filter((s) => !listed.some((g) => g.snapshotId === s.id)).map((s) => unknownGpu(s, why));
  return [...listed, ...unlisted];
}

export function unknownGpu(s: SnapshotGpu, reason: string): GpuFacts {
  const gone = missing(reason);
  return {
    snapshotId: s.id,
    name: isPlaceholderGpuName(s.name) ? gone : known(s.name, 'adapter'),
    vendor: gone,
    driverVersion: gone,
    driverDate: gone,
    dedicatedMemoryBytes: isPositive(s.memoryTotalBytes) ? known(s.memoryTotalBytes, 'adapter') : gone,
    sharedMemoryBytes: gone,
  };
}
