/**
 * Starting the real taskmgr.exe past its IFEO Debugger value (ours or another tool's), so "Open
 * Windows Task Manager" and the start-up fallback don't just start this app again.
 *
 * Why this works: CreateProcess applies the IFEO Debugger only when the creator does not ask to
 * debug the new process; with DEBUG_PROCESS or DEBUG_ONLY_THIS_PROCESS it starts the image itself
 * (Microsoft's "Inside 'Image File Execution Options' debugging" (greggm) and "Image File Execution
 * Options (IFEO)" (mithuns) blogs; a debugger relies on it to start its debuggee). System Informer's
 * "Start Task Manager" does the same (PhCreateProcessIgnoreIfeoDebugger: create with the debug
 * flags, turn kill-on-exit off, detach). Here: CreateProcessW(DEBUG_ONLY_THIS_PROCESS), then
 * DebugSetProcessKillOnExit(FALSE) (so Task Manager survives if we die before detaching) and
 * DebugActiveProcessStop(pid) (detach; the pending create-process event is dropped and the process
 * runs on), then both handles are closed. System Informer also clears the PEB's
 * ReadImageFileExecOptions around the call; the documented debug flag is enough, so we don't poke
 * the PEB (it would change every process creation in main while set).
 *
 * Limits: the debug object belongs to the calling thread, so the three calls are synchronous on
 * one thread (never koffi's .async). taskmgr.exe asks for "highestAvailable": a non-elevated
 * administrator gets ERROR_ELEVATION_REQUIRED (740) from CreateProcess — System Informer goes
 * through its elevated service then; the facade starts an elevated helper of this app instead.
 *
 * koffi is loaded on first use, only on Windows; tests check the struct layouts and prototypes.
 */
import { createRequire } from 'node:module';

export const DEBUG_ONLY_THIS_PROCESS = 0x00000002;
export const ERROR_ACCESS_DENIED = 5;
export const ERROR_ELEVATION_REQUIRED = 740;

export type BypassLaunchResult = { ok: true; pid: number } | { ok: false; win32Error: number; step: string };

export interface IfeoBypassLauncher {
  /**
   * Starts `imagePath` with `commandLine` (argv[0] included) in `currentDirectory`, skipping IFEO
   * Debugger values. Synchronous (see the thread note above).
   */
  launch(imagePath: string, commandLine: string, currentDirectory: string): BypassLaunchResult;
}

type Koffi = typeof import('koffi');
type IKoffiCType = import('koffi').IKoffiCType;

/**
 * STARTUPINFOW and PROCESS_INFORMATION (processthreadsapi.h) as koffi structs: 104 and 24 bytes on
 * x64. koffi's type names are process-wide, so a second call finds the first one's types.
 */
export function defineWin32Types(koffi: Koffi): { startupInfo: IKoffiCType; processInformation: IKoffiCType } {
  try {
    return { startupInfo: koffi.resolve('TM_STARTUPINFOW'), processInformation: koffi.resolve('TM_PROCESS_INFORMATION') };
  } catch {
    // Not defined yet in this process.
  }
  const startupInfo = koffi.struct('TM_STARTUPINFOW', {
    cb: 'uint32_t',
    lpReserved: 'void *',
    lpDesktop: 'void *',
    lpTitle: 'void *',
    dwX: 'uint32_t',
    dwY: 'uint32_t',
    dwXSize: 'uint32_t',
    dwYSize: 'uint32_t',
    dwXCountChars: 'uint32_t',
    dwYCountChars: 'uint32_t',
    dwFillAttribute: 'uint32_t',
    dwFlags: 'uint32_t',
    wShowWindow: 'uint16_t',
    cbReserved2: 'uint16_t',
    lpReserved2: 'void *',
    hStdInput: 'void *',
    hStdOutput: 'void *',
    hStdError: 'void *',
  });
  const processInformation = koffi.struct('TM_PROCESS_INFORMATION', {
    hProcess: 'void *',
    hThread: 'void *',
    dwProcessId: 'uint32_t',
    dwThreadId: 'uint32_t',
  });
  return { startupInfo, processInformation };
}

/** kernel32 prototypes, in koffi's C-like syntax (the struct names are those of `defineWin32Types`). */
export const KERNEL32_PROTOTYPES = {
  createProcess:
    'int __stdcall CreateProcessW(const char16_t *lpApplicationName, _Inout_ uint16_t *lpCommandLine, void *lpProcessAttributes, ' +
    'void *lpThreadAttributes, int bInheritHandles, uint32_t dwCreationFlags, void *lpEnvironment, const char16_t *lpCurrentDirectory, ' +
    'TM_STARTUPINFOW *lpStartupInfo, _Out_ TM_PROCESS_INFORMATION *lpProcessInformation)',
  debugSetProcessKillOnExit: 'int __stdcall DebugSetProcessKillOnExit(int KillOnExit)',
  debugActiveProcessStop: 'int __stdcall DebugActiveProcessStop(uint32_t dwProcessId)',
  closeHandle: 'int __stdcall CloseHandle(void *hObject)',
  terminateProcess: 'int __stdcall TerminateProcess(void *hProcess, uint32_t uExitCode)',
  getLastError: 'uint32_t __stdcall GetLastError()',
} as const;

/** A NUL-terminated UTF-16 buffer CreateProcessW may write into (it must not get a constant). Pure. */
export function mutableWideString(text: string): Uint16Array {
  const buffer = new Uint16Array(text.length + 1);
  for (let i = 0; i < text.length; i += 1) buffer[i] = text.charCodeAt(i);
  return buffer;
}

/** A Win32 error number in plain words, for the few CreateProcess answers a person can act on. Pure. */
export function describeWin32Error(code: number): string {
  switch (code) {
    case 2:
    case 3:
      return 'the program was not found';
    case ERROR_ACCESS_DENIED:
      return 'access is denied';
    case ERROR_ELEVATION_REQUIRED:
      return 'it needs to be started as administrator';
    case 1223:
      return 'the administrator prompt was declined';
    default:
      return `Windows error ${code}`;
  }
}

interface ProcessInformationValue {
  hProcess?: unknown;
  hThread?: unknown;
  dwProcessId?: number;
}

let cached: IfeoBypassLauncher | null | undefined;

/** The real launcher (kernel32 through koffi), or null where koffi or kernel32 can't be loaded. */
export function loadIfeoBypassLauncher(platform: NodeJS.Platform): IfeoBypassLauncher | null {
  if (platform !== 'win32') return null;
  if (cached !== undefined) return cached;
  try {
    const koffi = createRequire(import.meta.url)('koffi') as Koffi;
    const types = defineWin32Types(koffi);
    const startupInfoBytes = koffi.sizeof(types.startupInfo);
    const kernel32 = koffi.load('kernel32.dll');
    const createProcess = kernel32.func(KERNEL32_PROTOTYPES.createProcess) as (...args: unknown[]) => number;
    const setKillOnExit = kernel32.func(KERNEL32_PROTOTYPES.debugSetProcessKillOnExit) as (kill: number) => number;
    const stopDebugging = kernel32.func(KERNEL32_PROTOTYPES.debugActiveProcessStop) as (pid: number) => number;
    const closeHandle = kernel32.func(KERNEL32_PROTOTYPES.closeHandle) as (handle: unknown) => number;
    const terminateProcess = kernel32.func(KERNEL32_PROTOTYPES.terminateProcess) as (handle: unknown, exitCode: number) => number;
    // koffi saves the thread's last-error value after each call and restores it before the next.
    const getLastError = kernel32.func(KERNEL32_PROTOTYPES.getLastError) as () => number;
    cached = {
      launch(imagePath, commandLine, currentDirectory) {
        const info: ProcessInformationValue = {};
        const created = createProcess(imagePath, mutableWideString(commandLine), null, null, 0, DEBUG_ONLY_THIS_PROCESS, null, currentDirectory, { cb: startupInfoBytes }, info);
        if (created === 0) return { ok: false, win32Error: getLastError(), step: 'CreateProcessW' };
        const pid = info.dwProcessId ?? 0;
        const isKillOffSet = setKillOnExit(0) !== 0;
        const isDetached = stopDebugging(pid) !== 0;
        const detachError = isDetached ? 0 : getLastError();
        // Not detached: the process we just created would wait on us forever; end it (it is ours).
        if (!isDetached && info.hProcess) terminateProcess(info.hProcess, 1);
        if (info.hThread) closeHandle(info.hThread);
        if (info.hProcess) closeHandle(info.hProcess);
        if (!isDetached) return { ok: false, win32Error: detachError, step: isKillOffSet ? 'DebugActiveProcessStop' : 'DebugSetProcessKillOnExit' };
        return { ok: true, pid };
      },
    };
  } catch {
    cached = null;
  }
  return cached;
}
