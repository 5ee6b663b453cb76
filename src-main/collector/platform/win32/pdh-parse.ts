/**
 * Performance-counter (PDH) results and instance names. Pure: bytes and strings in, values out.
 *
 * - `PdhGetFormattedCounterArrayW` fills `PDH_FMT_COUNTERVALUE_ITEM_W` items (x64, 24 bytes):
 *   szName (LPWSTR) 0x00, FmtValue.CStatus (DWORD) 0x08, FmtValue.doubleValue 0x10 (with
 *   PDH_FMT_DOUBLE); the names are stored after the items, in the same buffer.
 * - `PdhGetRawCounterArrayW` fills `PDH_RAW_COUNTER_ITEM_W` items (x64, 48 bytes): szName 0x00,
 *   RawValue at 0x08 = { CStatus 0x08, TimeStamp (FILETIME, 4-aligned) 0x0c, FirstValue (LONGLONG)
 *   0x18, SecondValue 0x20, MultiCount 0x28 }. For a PERF_COUNTER_BULK_COUNT counter
 *   ("… Bytes/sec") FirstValue is the cumulative count itself.
 * - GPU instance names (`\GPU Engine(*)`): `pid_9524_luid_0x00000000_0x0000C2F1_phys_0_eng_0_engtype_3D`;
 *   `\GPU Process Memory(*)`: `pid_9524_luid_…_phys_0`; `\GPU Adapter Memory(*)`: `luid_…_phys_0`.
 */
import { StructReader } from './struct-reader.ts';

export const FORMATTED_ITEM_BYTES = 24;
export const RAW_ITEM_BYTES = 48;

/** PDH_CSTATUS_VALID_DATA and PDH_CSTATUS_NEW_DATA: the only statuses whose value may be used. */
export function isValidCounterStatus(status: number): boolean {
  const code = status >>> 0;
  return code === 0 || code === 1;
}

export interface CounterValue {
  /** The instance name ("" for a counter without instances). */
  name: string;
  value: number;
}

/** The items with valid data; the others (a rate's first collection, an instance that just went away) are left out. */
export function parseFormattedCounterArray(bytes: Uint8Array, baseAddress: bigint, bufferBytes: number, itemCount: number): CounterValue[] {
  const r = new StructReader(bytes, baseAddress, bufferBytes);
  const values: CounterValue[] = [];
  for (let i = 0; i < itemCount; i++) {
    const at = i * FORMATTED_ITEM_BYTES;
    if (!isValidCounterStatus(r.u32(at + 0x08))) continue;
    const value = r.f64(at + 0x10);
    if (!Number.isFinite(value)) continue;
    values.push({ name: r.wideStringAt(at) ?? '', value });
  }
  return values;
}

/** FirstValue of each valid item (the cumulative count of a bulk-count counter). */
export function parseRawCounterArray(bytes: Uint8Array, baseAddress: bigint, bufferBytes: number, itemCount: number): CounterValue[] {
  const r = new StructReader(bytes, baseAddress, bufferBytes);
  const values: CounterValue[] = [];
  for (let i = 0; i < itemCount; i++) {
    const at = i * RAW_ITEM_BYTES;
    if (!isValidCounterStatus(r.u32(at + 0x08))) continue;
    const first = Number(BigInt.asIntN(64, r.u64Big(at + 0x18)));
    if (first < 0) continue;
    values.push({ name: r.wideStringAt(at) ?? '', value: first });
  }
  return values;
}

const LUID_PHYS = 'luid_(0x[0-9a-fA-F]+)_(0x[0-9a-fA-F]+)_phys_(\\d+)';
const ENGINE_INSTANCE = new RegExp(`^pid_(\\d+)_${LUID_PHYS}_eng_(\\d+)_engtype_(.*)$`);
const PROCESS_MEMORY_INSTANCE = new RegExp(`^pid_(\\d+)_${LUID_PHYS}$`);
const ADAPTER_INSTANCE = new RegExp(`^${LUID_PHYS}$`);

/** The adapter key: its LUID (high, low, lower-case hex as given) and physical index, `luid_0x…_0x…_phys_N`. */
const adapterIdOf = (high: string, low: string, phys: string) => `luid_${high.toLowerCase()}_${low.toLowerCase()}_phys_${phys}`;

export interface GpuEngineInstance {
  pid: number;
  adapterId: string;
  engineIndex: number;
  /** As the driver names it (`3D`, `Copy`, `VideoDecode`, `Compute_0`, or empty). */
  engineType: string;
}

export function parseGpuEngineInstance(name: string): GpuEngineInstance | null {
  const m = ENGINE_INSTANCE.exec(name);
  if (!m) return null;
  const [, pid, high, low, phys, engine, engineType] = m;
  if (pid === undefined || high === undefined || low === undefined || phys === undefined || engine === undefined) return null;
  return { pid: Number(pid), adapterId: adapterIdOf(high, low, phys), engineIndex: Number(engine), engineType: engineType ?? '' };
}

export function parseGpuProcessMemoryInstance(name: string): { pid: number; adapterId: string } | null {
  const m = PROCESS_MEMORY_INSTANCE.exec(name);
  if (!m) return null;
  const [, pid, high, low, phys] = m;
  if (pid === undefined || high === undefined || low === undefined || phys === undefined) return null;
  return { pid: Number(pid), adapterId: adapterIdOf(high, low, phys) };
}

export function parseGpuAdapterInstance(name: string): string | null {
  const m = ADAPTER_INSTANCE.exec(name);
  if (!m) return null;
  const [, high, low, phys] = m;
  if (high === undefined || low === undefined || phys === undefined) return null;
  return adapterIdOf(high, low, phys);
}

/**
 * A `\PhysicalDisk(*)` instance ("0 C: D:", "1", "_Total") → the disk's id and the name Task Manager
 * shows ("Disk 0 (C: D:)"); null for the `_Total` aggregate and for names that are not a disk number.
 */
export function diskFromInstance(instance: string): { id: string; name: string } | null {
  const m = /^(\d+)(?:\s+(.*))?$/.exec(instance.trim());
  if (!m || m[1] === undefined) return null;
  const letters = m[2]?.trim() ?? '';
  return { id: instance, name: letters ? `Disk ${m[1]} (${letters})` : `Disk ${m[1]}` };
}

/**
 * `\Network Interface(*)` lists adapters (loopback is not among them). Left out: the `_Total`
 * aggregate and the IPv6 transition pseudo-interfaces (ISATAP, Teredo), which carry no traffic of
 * their own that the physical adapter does not already count.
 */
export function isRealInterfaceInstance(instance: string): boolean {
  const lower = instance.toLowerCase();
  return lower !== '_total' && !lower.startsWith('isatap') && !lower.startsWith('teredo');
}
