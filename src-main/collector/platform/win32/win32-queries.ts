/**
 * The Windows queries of one sample, each a few calls on `Win32Api` plus a pure parser: the buffer
 * loops live here (the decision of when to grow is `bufferDecision`, pure). No koffi here: the api is
 * injected, so these run on Linux against a fake api serving built buffers.
 */
import type { WindowsProcessorTimes } from '../../compute/cpu-percent.ts';
import { parseProcessInformation, SYSTEM_PROCESS_INFORMATION_CLASS, type WinProcessEntry } from './process-information.ts';
import { sidLength } from './security-id.ts';
import { parseServiceList, servicesByPid, type ServiceEntry } from './service-list.ts';
import { bufferDecision, StructReader } from './struct-reader.ts';
import {
  MEMORYSTATUSEX_BYTES,
  parseMemoryStatus,
  parsePerformanceInformation,
  parseProcessorPerformance,
  parseTimeOfDay,
  PERFORMANCE_INFORMATION_BYTES,
  PROCESSOR_PERFORMANCE_ENTRY_BYTES,
  SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION_CLASS,
  SYSTEM_TIMEOFDAY_INFORMATION_CLASS,
  TIMEOFDAY_BYTES,
  type MemoryStatus,
  type PerformanceInformation,
  type TimeOfDay,
} from './system-information.ts';
import { parseVersionInfo, versionDescription } from './version-resource.ts';
import type { Handle, Win32Api } from './win32-api.ts';

/** A failed Windows call: the sample fails with this, and the collector reports it. */
export class Win32Error extends Error {
  readonly code: number;
  constructor(what: string, code: number) {
    super(`${what} failed (0x${(code >>> 0).toString(16).padStart(8, '0')})`);
    this.name = 'Win32Error';
    this.code = code >>> 0;
  }
}

const MAX_QUERY_ATTEMPTS = 8;
/** A process list past 256 MiB is not a machine, it is a bug. */
const MAX_SYSTEM_BUFFER_BYTES = 256 * 1024 * 1024;

/** A buffer an NtQuery… call fills, kept between ticks and grown on demand (never shrunk). */
export class QueryBuffer {
  private buffer: Buffer;

  constructor(initialBytes: number) {
    this.buffer = Buffer.alloc(initialBytes);
  }

  /** Runs `call` until it fits; returns the filled buffer, its address and the returned length. */
  fill(what: string, call: (buffer: Buffer, returnLength: [number]) => number, api: Win32Api, maxBytes = MAX_SYSTEM_BUFFER_BYTES) {
    for (let attempt = 0; attempt < MAX_QUERY_ATTEMPTS; attempt++) {
      const returnLength: [number] = [0];
      const decision = bufferDecision(call(this.buffer, returnLength), this.buffer.length, returnLength[0], maxBytes);
      if (decision.kind === 'done') {
        return { bytes: this.buffer, baseAddress: api.addressOf(this.buffer), length: Math.min(returnLength[0] || this.buffer.length, this.buffer.length) };
      }
      if (decision.kind === 'fail') throw new Win32Error(what, decision.status);
      this.buffer = Buffer.alloc(decision.bytes);
    }
    throw new Win32Error(`${what} (the buffer kept growing)`, 0xc0000004);
  }
}

/** Every process, from one NtQuerySystemInformation(SystemProcessInformation) call. */
export function queryProcesses(api: Win32Api, buffer: QueryBuffer): WinProcessEntry[] {
  const filled = buffer.fill(
    'NtQuerySystemInformation(SystemProcessInformation)',
    (b, length) => api.ntQuerySystemInformation(SYSTEM_PROCESS_INFORMATION_CLASS, b, length),
    api,
  );
  return parseProcessInformation(filled.bytes, filled.baseAddress, filled.length);
}

/**
 * Every logical processor's times. Class 8 answers for the caller's processor group only (≤ 64
 * CPUs), so on a machine with several groups each is asked through the Ex form with its number.
 */
export function queryProcessorTimes(api: Win32Api, buffer: QueryBuffer): WindowsProcessorTimes[] {
  const groups = Math.max(1, api.activeProcessorGroupCount());
  const cores: WindowsProcessorTimes[] = [];
  for (let group = 0; group < groups; group++) {
    const input = Buffer.alloc(2);
    input.writeUInt16LE(group, 0);
    const filled = buffer.fill(
      'NtQuerySystemInformation(SystemProcessorPerformanceInformation)',
      (b, length) =>
        groups === 1
          ? api.ntQuerySystemInformation(SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION_CLASS, b, length)
          : api.ntQuerySystemInformationEx(SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION_CLASS, input, b, length),
      api,
    );
    cores.push(...parseProcessorPerformance(filled.bytes, filled.length));
  }
  return cores;
}

/** 64 processors per group. */
export const PROCESSOR_BUFFER_BYTES = 64 * PROCESSOR_PERFORMANCE_ENTRY_BYTES;

export function queryTimeOfDay(api: Win32Api): TimeOfDay {
  const buffer = Buffer.alloc(TIMEOFDAY_BYTES);
  const returnLength: [number] = [0];
  const status = api.ntQuerySystemInformation(SYSTEM_TIMEOFDAY_INFORMATION_CLASS, buffer, returnLength);
  if (status !== 0) throw new Win32Error('NtQuerySystemInformation(SystemTimeOfDayInformation)', status);
  return parseTimeOfDay(buffer, returnLength[0]);
}

export function queryMemory(api: Win32Api): { status: MemoryStatus; performance: PerformanceInformation } {
  const memory = Buffer.alloc(MEMORYSTATUSEX_BYTES);
  memory.writeUInt32LE(MEMORYSTATUSEX_BYTES, 0); // dwLength, as the call requires
  if (!api.globalMemoryStatusEx(memory)) throw new Win32Error('GlobalMemoryStatusEx', api.lastError());
  const performance = Buffer.alloc(PERFORMANCE_INFORMATION_BYTES);
  performance.writeUInt32LE(PERFORMANCE_INFORMATION_BYTES, 0); // cb
  if (!api.getPerformanceInfo(performance)) throw new Win32Error('GetPerformanceInfo', api.lastError());
  return { status: parseMemoryStatus(memory), performance: parsePerformanceInformation(performance) };
}

/** PROCESSINFOCLASS ProcessCommandLineInformation (Windows 8.1+): a UNICODE_STRING and its text. */
const PROCESS_COMMAND_LINE_INFORMATION = 60;
/** Command lines are at most 32,767 characters; with the header that fits in 66 KiB. */
const MAX_COMMAND_LINE_BUFFER_BYTES = 66 * 1024;

/** The command line, untruncated, or null (a process that exited, a protected process). */
export function queryCommandLine(api: Win32Api, processHandle: Handle, buffer: QueryBuffer): string | null {
  try {
    const filled = buffer.fill(
      'NtQueryInformationProcess(ProcessCommandLineInformation)',
      (b, length) => api.ntQueryInformationProcess(processHandle, PROCESS_COMMAND_LINE_INFORMATION, b, length),
      api,
      MAX_COMMAND_LINE_BUFFER_BYTES,
    );
    return new StructReader(filled.bytes, filled.baseAddress, filled.length).unicodeString(0);
  } catch {
    return null;
  }
}

/** The Win32 path of the executable (`C:\Windows\System32\svchost.exe`), or null. */
export function queryImagePath(api: Win32Api, processHandle: Handle, scratch: Buffer): string | null {
  const sizeChars: [number] = [Math.floor(scratch.length / 2)];
  if (!api.queryFullProcessImageName(processHandle, scratch, sizeChars)) return null;
  return scratch.toString('utf16le', 0, Math.min(sizeChars[0] * 2, scratch.length));
}

const TOKEN_QUERY = 0x0008;
const TOKEN_USER_CLASS = 1;

/**
 * The SID of the account a process runs as (TOKEN_USER: a SID_AND_ATTRIBUTES whose Sid pointer, at
 * offset 0, points into the same buffer), copied out; null when the token can't be opened (another
 * user's process without elevation) or read.
 */
export function queryTokenUserSid(api: Win32Api, processHandle: Handle, scratch: Buffer): Uint8Array | null {
  const token = api.openProcessToken(processHandle, TOKEN_QUERY);
  if (!token) return null;
  try {
    const returnLength: [number] = [0];
    if (!api.getTokenInformation(token, TOKEN_USER_CLASS, scratch, returnLength)) return null;
    const reader = new StructReader(scratch, api.addressOf(scratch), Math.min(returnLength[0], scratch.length));
    const at = reader.pointerOffset(0, 8);
    if (at === null) return null;
    const length = sidLength(scratch.subarray(0, reader.length), at);
    return length === null ? null : Uint8Array.from(scratch.subarray(at, at + length));
  } catch {
    return null;
  } finally {
    api.closeHandle(token);
  }
}

/** FileDescription and CompanyName of an executable's version resource (nulls when it has none). */
export function queryVersionStrings(api: Pick<Win32Api, 'fileVersionInfoSize' | 'fileVersionInfo'>, path: string): { description: string | null; publisher: string | null } {
  const size = api.fileVersionInfoSize(path);
  if (size <= 0 || size > 16 * 1024 * 1024) return { description: null, publisher: null };
  const buffer = Buffer.alloc(size);
  if (!api.fileVersionInfo(path, buffer)) return { description: null, publisher: null };
  return versionDescription(parseVersionInfo(buffer));
}

const SC_MANAGER_ENUMERATE_SERVICE = 0x0004;
const ERROR_MORE_DATA = 234;
/** EnumServicesStatusExW returns at most 256 KiB a call; the rest comes with the resume handle. */
const SERVICE_BUFFER_BYTES = 256 * 1024;
/** EnumServicesStatusExW's dwServiceState: running, starting, stopping, paused (not stopped). */
export const SERVICE_ACTIVE = 1;
/** EnumServicesStatusExW's dwServiceState: every service, stopped ones too. */
export const SERVICE_STATE_ALL = 3;

/** The calls the enumeration makes. */
export type ServiceEnumerationApi = Pick<Win32Api, 'openServiceManager' | 'enumServices' | 'closeServiceHandle' | 'addressOf' | 'lastError'>;

/** The Win32 services in `states`, or the Win32 error the Service Control Manager answered. */
export type ServiceEntries = { ok: true; entries: ServiceEntry[] } | { ok: false; error: number };

/**
 * Every Win32 service in `states` from EnumServicesStatusExW, page by page (the sampler's services per
 * process, and main's Services page). A malformed buffer throws (RangeError).
 */
export function queryServiceEntries(api: ServiceEnumerationApi, states: number): ServiceEntries {
  const manager = api.openServiceManager(SC_MANAGER_ENUMERATE_SERVICE);
  if (!manager) return { ok: false, error: api.lastError() };
  try {
    const buffer = Buffer.alloc(SERVICE_BUFFER_BYTES);
    const entries: ServiceEntry[] = [];
    const resume: [number] = [0];
    for (let call = 0; call < 64; call++) {
      const needed: [number] = [0];
      const returned: [number] = [0];
      const isComplete = api.enumServices(manager, states, buffer, needed, returned, resume);
      const error = isComplete ? 0 : api.lastError();
      if (!isComplete && error !== ERROR_MORE_DATA) return { ok: false, error };
      // The items come first and their strings are packed from the end of the buffer, so the whole
      // buffer bounds every pointer, complete or not.
      entries.push(...parseServiceList(buffer, api.addressOf(buffer), buffer.length, returned[0]));
      if (isComplete) return { ok: true, entries };
    }
    return { ok: false, error: ERROR_MORE_DATA };
  } finally {
    api.closeServiceHandle(manager);
  }
}

/** The services each process hosts, or null when the Service Control Manager can't be asked. */
export function queryServicesByPid(api: Win32Api): Map<number, string[]> | null {
  try {
    const listed = queryServiceEntries(api, SERVICE_ACTIVE);
    return listed.ok ? servicesByPid(listed.entries) : null;
  } catch {
    return null;
  }
}
