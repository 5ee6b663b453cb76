/**
 * The numbers the Windows actions pass: access rights per action (least needed), priority classes,
 * affinity masks, the power-throttling state of efficiency mode, the dump type. Pure. Values from
 * winnt.h, winbase.h, processthreadsapi.h and minidumpapiset.h.
 */
import { failure, type Failure } from '../../../src-shared/commands.ts';
import type { Priority } from '../../../src-shared/snapshot.ts';

/** Process access rights (winnt.h). */
export const ACCESS = {
  TERMINATE: 0x0001,
  VM_READ: 0x0010,
  DUP_HANDLE: 0x0040,
  SET_INFORMATION: 0x0200,
  QUERY_INFORMATION: 0x0400,
  SUSPEND_RESUME: 0x0800,
  QUERY_LIMITED_INFORMATION: 0x1000,
  SYNCHRONIZE: 0x0010_0000,
} as const;

export type Win32Action = 'inspect' | 'terminate' | 'suspendResume' | 'setPriority' | 'setAffinity' | 'setEfficiencyMode' | 'dump';

/**
 * The rights each action opens its handle with. Every handle has PROCESS_QUERY_LIMITED_INFORMATION:
 * GetProcessTimes (identity), IsProcessCritical, QueryFullProcessImageNameW and GetExitCodeProcess
 * need it. Terminate adds SYNCHRONIZE to wait for the exit; a dump needs QUERY_INFORMATION + VM_READ
 * (+ DUP_HANDLE for the handle list), as MiniDumpWriteDump documents.
 */
export function accessFor(action: Win32Action): number {
  const query = ACCESS.QUERY_LIMITED_INFORMATION;
  switch (action) {
    case 'inspect':
      return query;
    case 'terminate':
      return query | ACCESS.TERMINATE | ACCESS.SYNCHRONIZE;
    case 'suspendResume':
      return query | ACCESS.SUSPEND_RESUME;
    case 'setPriority':
    case 'setAffinity':
    case 'setEfficiencyMode':
      return query | ACCESS.SET_INFORMATION;
    case 'dump':
      return query | ACCESS.QUERY_INFORMATION | ACCESS.VM_READ | ACCESS.DUP_HANDLE;
  }
}

/** Priority classes (winbase.h) for the contract's priorities. */
export const PRIORITY_CLASS: Readonly<Record<Priority, number>> = {
  realtime: 0x0100,
  high: 0x0080,
  aboveNormal: 0x8000,
  normal: 0x0020,
  belowNormal: 0x4000,
  idle: 0x0040,
};

/** The contract's priority of a priority class, or null for a value Windows should never give. */
export function priorityOfClass(priorityClass: number): Priority | null {
  for (const [priority, value] of Object.entries(PRIORITY_CLASS) as [Priority, number][]) {
    if (value === priorityClass) return priority;
  }
  return null;
}

/**
 * What SetPriorityClass did to a request for realtime, read back with GetPriorityClass: without
 * SeIncreaseBasePriorityPrivilege (not elevated) Windows silently gives High instead. Null when the
 * class asked for is the class set.
 */
export function realtimeRefusal(askedFor: Priority, classAfter: number, what: string): Failure | null {
  if (askedFor !== 'realtime' || classAfter === PRIORITY_CLASS.realtime) return null;
  const got = priorityOfClass(classAfter) ?? 'another priority';
  return failure('ACCESS_DENIED', `${what}: Windows set ${got} instead of realtime; realtime needs Task Manager to run as administrator`);
}

/**
 * The affinity mask for `cpus` (logical processor indices), checked against the system's mask.
 * On a machine with more than one processor group (more than 64 logical processors, or groups
 * configured), SetProcessAffinityMask only addresses the process's own group and the snapshot's CPU
 * numbers can't be mapped to it safely: UNSUPPORTED there, rather than pinning the wrong CPUs.
 */
export function affinityMask(cpus: readonly number[], machine: { systemMask: bigint; groupCount: number }, what: string): { ok: true; mask: bigint } | Failure {
  if (machine.groupCount > 1) {
    return failure(
      'UNSUPPORTED',
      `${what}: this machine divides its logical processors into ${machine.groupCount} processor groups; setting an affinity across groups is not offered in this version`,
    );
  }
  const beyond = cpus.filter((cpu) => cpu >= 64);
  if (beyond.length > 0) return failure('INVALID_ARGUMENT', `${what}: Windows addresses at most 64 logical processors per process group, not CPU ${beyond.join(', ')}`);
  let mask = 0n;
  for (const cpu of cpus) mask |= 1n << BigInt(cpu);
  const absent = cpus.filter((cpu) => (machine.systemMask & (1n << BigInt(cpu))) === 0n);
  if (absent.length > 0) return failure('INVALID_ARGUMENT', `${what}: this machine has no CPU ${[...new Set(absent)].join(', ')}`);
  if (mask === 0n) return failure('INVALID_ARGUMENT', `${what}: choose at least one CPU`);
  return { ok: true, mask };
}

/** ProcessPowerThrottling, of PROCESS_INFORMATION_CLASS. */
export const PROCESS_POWER_THROTTLING_CLASS = 4;
/** PROCESS_POWER_THROTTLING_STATE is three ULONGs. */
export const PROCESS_POWER_THROTTLING_STATE_BYTES = 12;
const PROCESS_POWER_THROTTLING_CURRENT_VERSION = 1;
const PROCESS_POWER_THROTTLING_EXECUTION_SPEED = 0x1;

export interface PowerThrottlingState {
  version: number;
  controlMask: number;
  stateMask: number;
}

/**
 * Efficiency mode (REFERENCE.md): on = EcoQoS (execution-speed throttling taken control of and
 * switched on) + IDLE_PRIORITY_CLASS; off = the control handed back to Windows (mask 0, the state a
 * process starts in) + NORMAL_PRIORITY_CLASS.
 */
export function efficiencyMode(isEnabled: boolean): { throttling: PowerThrottlingState; priorityClass: number } {
  return isEnabled
    ? {
        throttling: { version: PROCESS_POWER_THROTTLING_CURRENT_VERSION, controlMask: PROCESS_POWER_THROTTLING_EXECUTION_SPEED, stateMask: PROCESS_POWER_THROTTLING_EXECUTION_SPEED },
        priorityClass: PRIORITY_CLASS.idle,
      }
    : { throttling: { version: PROCESS_POWER_THROTTLING_CURRENT_VERSION, controlMask: 0, stateMask: 0 }, priorityClass: PRIORITY_CLASS.normal };
}

/**
 * What a dump holds, as Task Manager's "Create dump file" (a full dump): all memory, handles,
 * unloaded modules, memory region info and thread info (MINIDUMP_TYPE flags).
 */
export const DUMP_TYPE =
  0x0000_0002 | // MiniDumpWithFullMemory
  0x0000_0004 | // MiniDumpWithHandleData
  0x0000_0020 | // MiniDumpWithUnloadedModules
  0x0000_0800 | // MiniDumpWithFullMemoryInfo
  0x0000_1000; // MiniDumpWithThreadInfo

/** GetExitCodeProcess's answer for a process that has not exited. */
export const STILL_ACTIVE = 259;
/** The exit code TerminateProcess gives the processes it ends (as Task Manager does). */
export const TERMINATED_EXIT_CODE = 1;
