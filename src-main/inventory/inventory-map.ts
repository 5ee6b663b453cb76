/**
 * The inventory child's parsed output (si-results.ts) and the current snapshot → `Inventory`. Pure.
 * The machine, CPU and memory facts are here; disks, adapters and GPUs in their own modules.
 *
 * Where the platform adapter already reads a fact exactly (CPU model and logical processors, memory
 * total, real GPU names and memory sizes) its value wins and says `source: 'adapter'`. A value
 * systeminformation fills in for a gap ("", 0, -1, firmware placeholders) is missing, with why.
 */
import { known, missing, type CpuFacts, type Fact, type Inventory, type MachineFacts, type MemoryFacts } from '../../src-shared/inventory.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { diskFacts, unknownDisk } from './disk-facts.ts';
import { boolFact, isPositive, isReportedText, positiveFact, preferAdapter, REASON, textFact } from './fact-rules.ts';
import { gpuFacts, unknownGpu } from './gpu-facts.ts';
import { adapterFacts, unknownAdapter } from './network-facts.ts';
import type { ChildOutput, SiResults } from './si-results.ts';

/** What the mapping takes from the snapshot: the adapter's exact facts and the devices to match. */
export type SnapshotFacts = Pick<Snapshot, 'cpu' | 'memory' | 'disks' | 'network' | 'gpus'>;

export interface ReadMeta {
  bootId: string;
  readAtMs: number;
  readMs: number;
}

type Ok<K extends keyof SiResults> = Extract<SiResults[K], { ok: true }>['value'];

/** The value of a call that succeeded, or the reason its facts are missing. */
function valueOf<K extends keyof SiResults>(values: SiResults, call: K): { value: Ok<K> } | { reason: string } {
  const r = values[call];
  return r.ok ? { value: r.value as Ok<K> } : { reason: REASON.callFailed(call, r.error) };
}

/**
 * systeminformation's `system().virtual` (the DMI strings of VMware, VirtualBox, Hyper-V guests…),
 * or on Linux the CPUID "hypervisor" bit, which a guest sees where its DMI strings are blank.
 * Not Windows' HypervisorPresent (`osInfo().hypervizor`): it is also true on a host running
 * Hyper-V, WSL 2 or virtualization-based security, which is most Windows 11 machines.
 */
export function isVirtualMachine(platform: string, values: SiResults): Fact<boolean> {
  const system = values.system.ok ? values.system.value : null;
  const flags = values.cpu.ok ? values.cpu.value.flags : null;
  const hasHypervisorBit = platform === 'linux' && (flags ?? '').split(/\s+/).includes('hypervisor');
  if (system?.virtual === true || hasHypervisorBit) return known(true, 'systeminformation');
  return boolFact(system?.virtual, values.system.ok ? REASON.machine : REASON.callFailed('system', values.system.error));
}

/**
 * Task Manager's "Virtualization: Enabled". Windows: on in the firmware, or a hypervisor running
 * (with Hyper-V on, the firmware flag reads false though VT-x is in use); elsewhere the vmx/svm flag.
 */
export function virtualizationFact(platform: string, values: SiResults, reason: string): Fact<boolean> {
  const inUse = values.cpu.ok ? values.cpu.value.virtualization : null;
  if (platform !== 'win32') return boolFact(inUse, reason);
  const firmware = values.platformExtras.ok ? (values.platformExtras.value.virtualizationFirmwareEnabled ?? null) : null;
  if (firmware === true || inUse === true) return known(true, 'systeminformation');
  return firmware === false ? known(false, 'systeminformation') : missing(reason);
}

function machineFacts(platform: string, values: SiResults, absent: string, isVm: Fact<boolean>): MachineFacts {
  const os = valueOf(values, 'osInfo');
  const system = valueOf(values, 'system');
  const osReason = 'reason' in os ? os.reason : absent;
  const sysReason = 'reason' in system ? system.reason : absent;
  const o = 'value' in os ? os.value : null;
  const s = 'value' in system ? system.value : null;
  // Linux: "12 (kernel 6.1.0-18-amd64)"; Windows: "10.0.22631" (its build is in the release).
  const version = o && isReportedText(o.release) ? (platform === 'linux' && isReportedText(o.kernel) ? `${o.release} (kernel ${o.kernel})` : o.release) : null;
  return {
    osName: textFact(o?.distro, osReason),
    osVersion: textFact(version, osReason),
    manufacturer: textFact(s?.manufacturer, sysReason),
    model: textFact(s?.model, sysReason),
    hostname: textFact(o?.hostname, osReason),
    isVirtualMachine: isVm,
  };
}

function cpuFacts(platform: string, values: SiResults, snapshot: SnapshotFacts | null, absent: string): CpuFacts {
  const r = valueOf(values, 'cpu');
  const reason = 'reason' in r ? r.reason : absent;
  const c = 'value' in r ? r.value : null;
  const l1 = c?.cache && (isPositive(c.cache.l1d) || isPositive(c.cache.l1i)) ? (c.cache.l1d ?? 0) + (c.cache.l1i ?? 0) : null;
  const brand = c && isReportedText(c.brand) ? [c.manufacturer, c.brand].filter(isReportedText).join(' ') : null;
  return {
    model: preferAdapter(snapshot?.cpu.model, textFact(brand, reason)),
    // systeminformation gives GHz.
    baseSpeedMhz: positiveFact(isPositive(c?.speed) ? Math.round(c.speed * 1000) : null, reason),
    sockets: positiveFact(c?.processors, reason),
    cores: positiveFact(c?.physicalCores, reason),
    logicalProcessors: preferAdapter(snapshot?.cpu.logicalCores, positiveFact(c?.cores, reason)),
    isVirtualizationEnabled: virtualizationFact(platform, values, reason),
    l1CacheBytes: positiveFact(l1, reason),
    l2CacheBytes: positiveFact(c?.cache?.l2, reason),
    l3CacheBytes: positiveFact(c?.cache?.l3, reason),
  };
}

function memoryFacts(output: ChildOutput, snapshot: SnapshotFacts | null, absent: string): MemoryFacts {
  const values = output.calls;
  const layout = valueOf(values, 'memLayout');
  const modulesAll = 'value' in layout ? layout.value : [];
  // Without dmidecode's tables systeminformation makes up one "module" the size of all memory, with no bank and no type.
  const isMadeUp = modulesAll.every((m) => !isReportedText(m.bank) && !isReportedText(m.type));
  const modulesReason = 'reason' in layout ? layout.reason : output.isElevated === false ? REASON.admin : absent;
  const modules = isMadeUp ? [] : modulesAll.filter((m) => isPositive(m.size));
  const gone = missing(modulesReason);
  if (modules.length === 0) return { speedMhz: gone, slotsUsed: gone, slotsTotal: gone, formFactor: gone, hardwareReservedBytes: gone };
  const speeds = modules.map((m) => m.clockSpeed).filter(isPositive);
  const slots = values.baseboard.ok ? values.baseboard.value.memSlots : null;
  const installed = modules.reduce((sum, m) => sum + (m.size ?? 0), 0);
  const visible = snapshot?.memory.totalBytes ?? (values.mem.ok ? values.mem.value.total : null);
  const reserved = isPositive(visible) && installed >= visible ? installed - visible : null;
  return {
    speedMhz: positiveFact(speeds.length > 0 ? Math.max(...speeds) : null, absent),
    slotsUsed: known(modules.length, 'systeminformation'),
    // The baseboard's count; Linux's memLayout also lists the empty slots.
    slotsTotal: positiveFact(isPositive(slots) ? slots : output.platform === 'linux' ? modulesAll.length : null, absent),
    formFactor: textFact(modules.map((m) => m.formFactor).find(isReportedText), absent),
    hardwareReservedBytes: reserved === null ? missing('Installed memory is less than the OS sees: the module sizes are not trustworthy') : known(reserved, 'systeminformation'),
  };
}

export function mapInventory(output: ChildOutput, snapshot: SnapshotFacts | null, meta: ReadMeta): Inventory {
  const values = output.calls;
  const isVm = isVirtualMachine(output.platform, values);
  const absent = isVm.value === true ? REASON.virtualMachine : REASON.machine;
  return {
    ...meta,
    error: null,
    machine: machineFacts(output.platform, values, absent, isVm),
    cpu: cpuFacts(output.platform, values, snapshot, absent),
    memory: memoryFacts(output, snapshot, absent),
    disks: diskFacts(output.platform, values, snapshot?.disks ?? [], absent),
    adapters: adapterFacts(output.platform, values, snapshot?.network ?? [], absent),
    gpus: gpuFacts(output.platform, values, snapshot?.gpus ?? [], absent),
  };
}

/** The read did not finish (deadline, crash, unreadable output): every fact says why, the adapter's own facts stay. */
export function failedInventory(error: string, snapshot: SnapshotFacts | null, meta: ReadMeta): Inventory {
  const gone = missing(error);
  return {
    ...meta,
    error,
    machine: { osName: gone, osVersion: gone, manufacturer: gone, model: gone, hostname: gone, isVirtualMachine: gone },
    cpu: {
      model: preferAdapter(snapshot?.cpu.model, gone),
      baseSpeedMhz: gone,
      sockets: gone,
      cores: gone,
      logicalProcessors: preferAdapter(snapshot?.cpu.logicalCores, gone),
      isVirtualizationEnabled: gone,
      l1CacheBytes: gone,
      l2CacheBytes: gone,
      l3CacheBytes: gone,
    },
    memory: { speedMhz: gone, slotsUsed: gone, slotsTotal: gone, formFactor: gone, hardwareReservedBytes: gone },
    disks: (snapshot?.disks ?? []).map((d) => unknownDisk(d, error)),
    adapters: (snapshot?.network ?? []).map((n) => unknownAdapter(n.name, error)),
    gpus: (snapshot?.gpus ?? []).map((g) => unknownGpu(g, error)),
  };
}
