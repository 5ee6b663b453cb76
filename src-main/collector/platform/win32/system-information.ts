/**
 * Machine-wide structures Windows fills (x64 layouts). Pure: bytes in, values out.
 *
 * - `SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION` (NtQuerySystemInformation class 8): 0x30 bytes per
 *   logical processor of the queried processor group: IdleTime 0x00, KernelTime 0x08 (includes idle,
 *   DPC and interrupt time), UserTime 0x10, DpcTime 0x18, InterruptTime 0x20, InterruptCount 0x28;
 *   100-ns units (phnt ntexapi.h; Geoff Chappell's layout).
 * - `SYSTEM_TIMEOFDAY_INFORMATION` (class 3): BootTime 0x00, CurrentTime 0x08 (FILETIMEs), TimeZoneBias 0x10, …
 * - `MEMORYSTATUSEX` (GlobalMemoryStatusEx): dwLength 0x00 (must be 64), ullTotalPhys 0x08,
 *   ullAvailPhys 0x10, … 64 bytes.
 * - `PERFORMANCE_INFORMATION` (GetPerformanceInfo, psapi.h): cb 0x00 (must be 104), CommitTotal
 *   0x08, CommitLimit 0x10, CommitPeak 0x18, PhysicalTotal 0x20, PhysicalAvailable 0x28,
 *   SystemCache 0x30, KernelTotal 0x38, KernelPaged 0x40, KernelNonpaged 0x48, PageSize 0x50
 *   (SIZE_T each, in pages but PageSize), HandleCount 0x58, ProcessCount 0x5c, ThreadCount 0x60
 *   (DWORD); 104 bytes.
 */
import type { WindowsProcessorTimes } from '../../compute/cpu-percent.ts';
import { StructReader } from './struct-reader.ts';

export const SYSTEM_TIMEOFDAY_INFORMATION_CLASS = 3;
export const SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION_CLASS = 8;
export const PROCESSOR_PERFORMANCE_ENTRY_BYTES = 0x30;
/**
 * The length asked for SystemTimeOfDayInformation: its first 32 bytes (BootTime, CurrentTime,
 * TimeZoneBias, TimeZoneId, Reserved), the size every Windows since NT accepts; the kernel refuses
 * a length above its own structure's, which grew over versions.
 */
export const TIMEOFDAY_BYTES = 0x20;
export const MEMORYSTATUSEX_BYTES = 64;
export const PERFORMANCE_INFORMATION_BYTES = 104;

/** One entry per logical processor: as many whole entries as the call returned. */
export function parseProcessorPerformance(bytes: Uint8Array, returnedBytes: number): WindowsProcessorTimes[] {
  const r = new StructReader(bytes, 0n, returnedBytes);
  const count = Math.floor(r.length / PROCESSOR_PERFORMANCE_ENTRY_BYTES);
  const cores: WindowsProcessorTimes[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * PROCESSOR_PERFORMANCE_ENTRY_BYTES;
    cores.push({ idle: r.u64(at), kernel: r.u64(at + 0x08), user: r.u64(at + 0x10) });
  }
  return cores;
}

export interface TimeOfDay {
  bootTime: bigint;
  currentTime: bigint;
}

export function parseTimeOfDay(bytes: Uint8Array, returnedBytes: number): TimeOfDay {
  const r = new StructReader(bytes, 0n, returnedBytes);
  return { bootTime: r.u64Big(0x00), currentTime: r.u64Big(0x08) };
}

/** Seconds since boot from the two FILETIMEs; null when they make no sense (current before boot). */
export function uptimeSecFromTimeOfDay(t: TimeOfDay): number | null {
  if (t.bootTime <= 0n || t.currentTime < t.bootTime) return null;
  return Number(t.currentTime - t.bootTime) / 1e7;
}

export interface MemoryStatus {
  totalPhysBytes: number;
  availablePhysBytes: number;
}

export function parseMemoryStatus(bytes: Uint8Array): MemoryStatus {
  const r = new StructReader(bytes, 0n, MEMORYSTATUSEX_BYTES);
  return { totalPhysBytes: r.u64(0x08), availablePhysBytes: r.u64(0x10) };
}

export interface PerformanceInformation {
  commitTotalPages: number;
  commitLimitPages: number;
  /** The kernel's paged and non-paged pools, pages (Task Manager's "Paged pool", "Non-paged pool"). */
  kernelPagedPages: number;
  kernelNonpagedPages: number;
  pageBytes: number;
  handleCount: number;
  processCount: number;
  threadCount: number;
}

export function parsePerformanceInformation(bytes: Uint8Array): PerformanceInformation {
  const r = new StructReader(bytes, 0n, PERFORMANCE_INFORMATION_BYTES);
  return {
    commitTotalPages: r.u64(0x08),
    commitLimitPages: r.u64(0x10),
    kernelPagedPages: r.u64(0x40),
    kernelNonpagedPages: r.u64(0x48),
    pageBytes: r.u64(0x50),
    handleCount: r.u32(0x58),
    processCount: r.u32(0x5c),
    threadCount: r.u32(0x60),
  };
}
