/**
 * The `NtQuerySystemInformation(SystemProcessInformation = 5)` buffer: one `SYSTEM_PROCESS_INFORMATION`
 * per process, each followed by its `SYSTEM_THREAD_INFORMATION` array, chained by NextEntryOffset
 * (0 on the last). Pure: bytes in, entries out.
 *
 * Layout (x64) from System Informer's phnt `ntexapi.h` (winternl.h documents a subset); offsets
 * follow from natural alignment and are spelled out below so a test can build the same bytes.
 */
import type { Priority, ProcessState } from '../../../../src-shared/snapshot.ts';
import { StructReader } from './struct-reader.ts';

export const SYSTEM_PROCESS_INFORMATION_CLASS = 5;

/** `SYSTEM_PROCESS_INFORMATION` (x64): byte offsets of the fields read; the thread array starts at 0x100. */
export const SPI = {
  NextEntryOffset: 0x00, // ULONG
  NumberOfThreads: 0x04, // ULONG
  WorkingSetPrivateSize: 0x08, // LARGE_INTEGER, bytes (since Vista)
  CycleTime: 0x18, // ULONGLONG
  CreateTime: 0x20, // LARGE_INTEGER, FILETIME
  UserTime: 0x28, // LARGE_INTEGER, 100 ns
  KernelTime: 0x30, // LARGE_INTEGER, 100 ns
  ImageName: 0x38, // UNICODE_STRING (Length u16, MaximumLength u16, pad, Buffer ptr at 0x40)
  BasePriority: 0x48, // KPRIORITY (LONG)
  UniqueProcessId: 0x50, // HANDLE
  InheritedFromUniqueProcessId: 0x58, // HANDLE
  HandleCount: 0x60, // ULONG
  SessionId: 0x64, // ULONG
  WorkingSetSize: 0x90, // SIZE_T, bytes
  PagefileUsage: 0xb8, // SIZE_T, bytes: private committed memory ("private bytes", Task Manager's "Commit size")
  PrivatePageCount: 0xc8, // SIZE_T, bytes despite the name
  ReadTransferCount: 0xe8, // LARGE_INTEGER, bytes
  WriteTransferCount: 0xf0, // LARGE_INTEGER, bytes
  OtherTransferCount: 0xf8, // LARGE_INTEGER, bytes
  size: 0x100,
} as const;

/** `SYSTEM_THREAD_INFORMATION` (x64): 0x50 bytes each. */
export const STI = {
  ThreadState: 0x44, // KTHREAD_STATE (ULONG)
  WaitReason: 0x48, // KWAIT_REASON (ULONG)
  size: 0x50,
} as const;

/** KTHREAD_STATE Waiting and KWAIT_REASON Suspended: a suspended thread waits with reason Suspended. */
export const THREAD_STATE_WAITING = 5;
export const WAIT_REASON_SUSPENDED = 5;

export interface WinProcessEntry {
  pid: number;
  ppid: number;
  /** The image name ("svchost.exe"); empty for the Idle process. */
  name: string;
  /** FILETIME, exact; 0 for the Idle process (and System on some builds). */
  createTime: bigint;
  /** User + kernel time, 100-ns units, exact. */
  cpuTime100ns: bigint;
  threads: number;
  suspendedThreads: number;
  handles: number;
  sessionId: number;
  basePriority: number;
  workingSetBytes: number;
  privateWorkingSetBytes: number;
  pagefileUsageBytes: number;
  privatePageCountBytes: number;
  ioReadBytes: number;
  ioWriteBytes: number;
  ioOtherBytes: number;
}

/**
 * Every entry of a SystemProcessInformation buffer. `returnedBytes` is what the call said it wrote.
 * Throws on a buffer that breaks the layout (an entry or thread array past the end, a chain that
 * does not move forward): a sample from a misread buffer would be wrong numbers, not missing ones.
 */
export function parseProcessInformation(bytes: Uint8Array, baseAddress: bigint, returnedBytes: number): WinProcessEntry[] {
  const r = new StructReader(bytes, baseAddress, returnedBytes);
  const entries: WinProcessEntry[] = [];
  let offset = 0;
  for (;;) {
    if (offset + SPI.size > r.length) throw new RangeError(`process entry at ${offset} runs past the ${r.length} bytes returned`);
    const threads = r.u32(offset + SPI.NumberOfThreads);
    const threadsEnd = offset + SPI.size + threads * STI.size;
    if (threadsEnd > r.length) throw new RangeError(`the ${threads} threads of the entry at ${offset} run past the buffer`);
    let suspendedThreads = 0;
    for (let t = offset + SPI.size; t < threadsEnd; t += STI.size) {
      if (r.u32(t + STI.ThreadState) === THREAD_STATE_WAITING && r.u32(t + STI.WaitReason) === WAIT_REASON_SUSPENDED) suspendedThreads += 1;
    }
    entries.push({
      pid: r.u64(offset + SPI.UniqueProcessId),
      ppid: r.u64(offset + SPI.InheritedFromUniqueProcessId),
      name: r.unicodeString(offset + SPI.ImageName),
      createTime: r.u64Big(offset + SPI.CreateTime),
      cpuTime100ns: r.u64Big(offset + SPI.UserTime) + r.u64Big(offset + SPI.KernelTime),
      threads,
      suspendedThreads,
      handles: r.u32(offset + SPI.HandleCount),
      sessionId: r.u32(offset + SPI.SessionId),
      basePriority: r.i32(offset + SPI.BasePriority),
      workingSetBytes: r.u64(offset + SPI.WorkingSetSize),
      privateWorkingSetBytes: r.u64(offset + SPI.WorkingSetPrivateSize),
      pagefileUsageBytes: r.u64(offset + SPI.PagefileUsage),
      privatePageCountBytes: r.u64(offset + SPI.PrivatePageCount),
      ioReadBytes: r.u64(offset + SPI.ReadTransferCount),
      ioWriteBytes: r.u64(offset + SPI.WriteTransferCount),
      ioOtherBytes: r.u64(offset + SPI.OtherTransferCount),
    });
    const next = r.u32(offset + SPI.NextEntryOffset);
    if (next === 0) return entries;
    if (next < SPI.size) throw new RangeError(`NextEntryOffset ${next} at ${offset} is shorter than an entry`);
    offset += next;
  }
}

/**
 * A process is suspended (`stopped`, as Task Manager's "Suspended") when every one of its threads
 * waits with reason Suspended; a process with no threads (a minimal process such as Secure System)
 * runs nothing and is `idle`; otherwise it is `running` (Windows keeps no process-level sleep).
 */
export function processStateFromThreads(threads: number, suspendedThreads: number): ProcessState {
  if (threads === 0) return 'idle';
  return suspendedThreads >= threads ? 'stopped' : 'running';
}

/**
 * A process's base priority (the priority class's base level) → the contract's class:
 * 4 idle, 6 below normal, 8 normal, 10 above normal, 13 high, 24 realtime. Values in between
 * (a base set through NtSetInformationProcess) go to the nearest class below.
 */
export function priorityFromBasePriority(base: number): Priority | null {
  if (!Number.isInteger(base) || base <= 0) return null;
  if (base >= 24) return 'realtime';
  if (base >= 13) return 'high';
  if (base >= 10) return 'aboveNormal';
  if (base >= 8) return 'normal';
  if (base >= 6) return 'belowNormal';
  return 'idle';
}

/** Wine's PROCESS_PRIOCLASS_* values (its ntdll's winternl.h), which Wine 8 reports as BasePriority. */
const WINE_PRIORITY_CLASSES: Readonly<Record<number, Priority>> = {
  1: 'idle',
  2: 'normal',
  3: 'high',
  4: 'realtime',
  5: 'belowNormal',
  6: 'aboveNormal',
};

/** The contract's class from what Wine puts in BasePriority; null for a value outside its enum. */
export function priorityFromWineClass(value: number): Priority | null {
  return WINE_PRIORITY_CLASSES[value] ?? null;
}
