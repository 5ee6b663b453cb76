/**
 * The small set of Win32 calls the Windows control uses, as plain TypeScript: `win32-bindings.ts`
 * implements it with koffi on Windows, and tests implement it with a simulated process table
 * (`fake-win32-api.ts`), so everything above the FFI runs on Linux. Each call answers a value:
 * the result, or the Win32 error (GetLastError) it failed with; NTSTATUS calls answer the status.
 */
import type { PowerThrottlingState } from './win32-values.ts';

/** An open kernel handle (process or file), opaque outside the bindings. */
export interface Handle {
  readonly kind: 'win32-handle';
}

export type Win32Result<T> = { ok: true; value: T } | { ok: false; error: number };

/**
 * A top-level window as EnumWindows + GetWindowThreadProcessId + IsWindowVisible + GetWindow(GW_OWNER)
 * + the WS_EX_TOOLWINDOW style + GetWindowTextLengthW see it: the facts the collector's `isAppWindow`
 * decides on, so End task asks exactly the windows that made the process an app.
 */
export interface TopLevelWindow {
  hwnd: number;
  pid: number;
  isVisible: boolean;
  /** An owned window (a dialog of another window) is closed with its owner, not on its own. */
  hasOwner: boolean;
  isToolWindow: boolean;
  hasTitle: boolean;
}

/** ShellExecuteExW's inputs that are used here (SHELLEXECUTEINFOW). */
export interface ShellExecuteRequest {
  /** `runas`, `properties`, or null for the default verb. */
  verb: string | null;
  file: string;
  parameters: string | null;
  /** SEE_MASK_* flags. */
  mask: number;
  /** SW_* value for the window the launched program opens. */
  show: number;
}

export interface Win32Api {
  /** OpenProcess(access, no inheritance, pid). */
  openProcess(pid: number, access: number): Win32Result<Handle>;
  closeHandle(handle: Handle): void;
  /** GetProcessTimes: the creation time as a FILETIME (100 ns since 1601). */
  creationTime(process: Handle): Win32Result<bigint>;
  /** GetExitCodeProcess (259, STILL_ACTIVE, while running). */
  exitCode(process: Handle): Win32Result<number>;
  /** IsProcessCritical; ERROR_PROC_NOT_FOUND (127) where the export is absent (Wine 8). */
  isCritical(process: Handle): Win32Result<boolean>;
  /**
   * NtQueryInformationProcess(ProcessBreakOnTermination), the flag IsProcessCritical reads: asked
   * only where IsProcessCritical is absent. The error is the NTSTATUS.
   */
  breakOnTermination(process: Handle): Win32Result<boolean>;
  /** Whether this is Wine (ntdll exports `wine_get_version`), which has no critical processes. */
  isWine(): boolean;
  /** GetSystemWindowsDirectoryW (C:\\Windows): never %SystemRoot%, which the user's processes can set. */
  systemWindowsDirectory(): string;
  /** QueryFullProcessImageNameW in the Win32 path format. */
  imagePath(process: Handle): Win32Result<string>;
  /** WaitForSingleObject: true once the process has exited, false on timeout. */
  waitForExit(process: Handle, timeoutMs: number): Win32Result<boolean>;
  terminate(process: Handle, exitCode: number): Win32Result<void>;
  /** NtSuspendProcess: an NTSTATUS. */
  suspend(process: Handle): number;
  /** NtResumeProcess: an NTSTATUS. */
  resume(process: Handle): number;
  priorityClass(process: Handle): Win32Result<number>;
  setPriorityClass(process: Handle, priorityClass: number): Win32Result<void>;
  setAffinityMask(process: Handle, mask: bigint): Win32Result<void>;
  /** SetProcessInformation(ProcessPowerThrottling); ERROR_PROC_NOT_FOUND where the export is absent. */
  setPowerThrottling(process: Handle, state: PowerThrottlingState): Win32Result<void>;
  /** The system affinity mask (GetProcessAffinityMask of this process): the CPUs that exist. */
  systemAffinityMask(): Win32Result<bigint>;
  /** GetActiveProcessorGroupCount. */
  processorGroupCount(): number;
  /**
   * The visible top-level windows of `pids` (never of this process: reading a title sends
   * WM_GETTEXTLENGTH to a window of the caller's own process).
   */
  topLevelWindows(pids: ReadonlySet<number>): TopLevelWindow[];
  /** PostMessageW(hwnd, WM_CLOSE): asks the window to close, as its close button does. */
  postClose(hwnd: number): Win32Result<void>;
  /** ProcessIdToSessionId. */
  sessionIdOf(pid: number): Win32Result<number>;
  /** Whether a shell's taskbar (the `Shell_TrayWnd` window) exists. */
  hasShellTray(): boolean;
  /** CreateFileW(GENERIC_WRITE | DELETE, no sharing, CREATE_NEW): never overwrites. */
  createNewFile(path: string): Win32Result<Handle>;
  /** GetFinalPathNameByHandleW(FILE_NAME_NORMALIZED | VOLUME_NAME_DOS): where the open file really is (`\\?\C:\…`). */
  finalPath(file: Handle): Win32Result<string>;
  /** SetFileInformationByHandle(FileDispositionInfo, DeleteFile): the open file goes when its handle closes. */
  deleteOnClose(file: Handle): Win32Result<void>;
  /**
   * MiniDumpWriteDump, off the main thread; the error is an HRESULT, read on the thread that made
   * the call. Rejects when the dump could not even be tried (dbghelp.dll or koffi failed to load).
   */
  writeDump(process: Handle, pid: number, file: Handle, dumpType: number): Promise<Win32Result<void>>;
  shellExecute(request: ShellExecuteRequest): Win32Result<void>;
}
