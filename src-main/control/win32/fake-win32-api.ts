/**
 * Test support: `Win32Api` over a simulated process table, so the Windows control and its
 * handlers run on any OS. It enforces what Windows does where the control depends on it: a pid
 * that does not exist is ERROR_INVALID_PARAMETER, each call needs its access right on the handle
 * (ERROR_ACCESS_DENIED / STATUS_ACCESS_DENIED otherwise), TerminateProcess of an exited process is
 * ERROR_ACCESS_DENIED, an exited process stays openable while a handle holds it, realtime without
 * elevation becomes High. It records the calls and counts open handles (a leak fails a test).
 */
import { epochMsToFileTime } from './filetime.ts';
import type { Handle, ShellExecuteRequest, TopLevelWindow, Win32Api, Win32Result } from './win32-api.ts';
import { NT_STATUS, WIN32_ERROR } from './win32-errors.ts';
import { ACCESS, PRIORITY_CLASS, STILL_ACTIVE, type PowerThrottlingState } from './win32-values.ts';

export interface FakeProcess {
  pid: number;
  startTimeMs: number;
  /** Null: QueryFullProcessImageNameW fails (pseudo-processes such as Registry). */
  imagePath: string | null;
  isCritical?: boolean;
  sessionId?: number;
  /** Rights OpenProcess refuses for this process; 'all' refuses even a query-only handle. */
  deniedAccess?: number | 'all';
  windows?: { hwnd: number; isVisible?: boolean; hasOwner?: boolean; isToolWindow?: boolean; hasTitle?: boolean }[];
  /** What WM_CLOSE does: it exits (saved, closes) or ignores it (a "Save changes?" prompt). */
  onClose?: 'exit' | 'ignore';
  /** Null while running. */
  exitCode?: number | null;
  suspendCount?: number;
  priorityClass?: number;
  affinityMask?: bigint;
  throttling?: PowerThrottlingState;
  /** Its taskbar is the shell's (Shell_TrayWnd). */
  isShell?: boolean;
  /** MiniDumpWriteDump fails with this HRESULT. */
  dumpError?: number;
  /** The dump can't even be tried: writeDump rejects with this message (dbghelp.dll failed to load). */
  dumpThrows?: string;
  /** OpenProcess of this pid throws (a binding that fails), for the handle-leak tests. */
  openThrows?: boolean;
  /** Queries Windows refuses on this process (ERROR_ACCESS_DENIED) even through a handle that has the right. */
  failingQueries?: readonly Query[];
}

type Query = 'exitCode' | 'creationTime' | 'isCritical' | 'breakOnTermination';
type Opened = { kind: 'process'; pid: number; access: number } | { kind: 'file'; path: string };
/** A simulated process, every optional field filled in. */
type Simulated = Required<Omit<FakeProcess, 'dumpError' | 'dumpThrows' | 'openThrows' | 'failingQueries' | 'throttling' | 'windows'>> & FakeProcess;

const ok = <T>(value: T): Win32Result<T> => ({ ok: true, value });
const err = (error: number): { ok: false; error: number } => ({ ok: false, error });

export class FakeWin32 implements Win32Api {
  readonly processes = new Map<number, Simulated>();
  readonly calls: string[] = [];
  readonly files = new Map<string, string>();
  readonly removed: string[] = [];
  /** Folder prefixes that lead elsewhere (a junction), as `from` → `to`. */
  redirects: Record<string, string> = {};
  /** The pids each topLevelWindows call asked for. */
  readonly windowQueries: number[][] = [];
  systemMask = 0xffn;
  groupCount = 1;
  isElevated = false;
  hasPowerThrottling = true;
  /** Optional exports this simulated system lacks (Wine 8 has no IsProcessCritical). */
  missingExports = new Set<'IsProcessCritical' | 'SetProcessInformation'>();
  /** Wine: `isWine()` answers true and ProcessBreakOnTermination is an unknown class, as on Wine 8. */
  isWineSystem = false;
  /** What SetProcessInformation answers where there is no efficiency mode (Windows before 1709: 87; Wine 8: 1). */
  throttlingError: number = WIN32_ERROR.INVALID_PARAMETER;
  shellAnswer: Win32Result<void> = { ok: true, value: undefined };
  private readonly handles = new Map<Handle, Opened>();
  private nextHandle = 1;

  constructor(processes: readonly FakeProcess[] = []) {
    for (const p of processes) this.add(p);
  }

  add(p: FakeProcess): void {
    this.processes.set(p.pid, {
      isCritical: false,
      sessionId: 1,
      deniedAccess: 0,
      onClose: 'exit',
      exitCode: null,
      suspendCount: 0,
      priorityClass: PRIORITY_CLASS.normal,
      affinityMask: this.systemMask,
      isShell: false,
      ...p,
    });
  }

  get openHandleCount(): number {
    return this.handles.size;
  }

  /** The process an open handle names, or the Win32 error for a handle without `right`. */
  private process(handle: Handle, right: number): Simulated | number {
    const opened = this.handles.get(handle);
    if (!opened || opened.kind !== 'process') return WIN32_ERROR.INVALID_HANDLE;
    if ((opened.access & right) !== right && !(right === ACCESS.QUERY_LIMITED_INFORMATION && (opened.access & ACCESS.QUERY_INFORMATION) !== 0)) return WIN32_ERROR.ACCESS_DENIED;
    return this.processes.get(opened.pid) ?? WIN32_ERROR.INVALID_HANDLE;
  }

  private handleFor(opened: Opened): Handle {
    const handle = { kind: 'win32-handle', id: this.nextHandle++ } as Handle;
    this.handles.set(handle, opened);
    return handle;
  }

  openProcess(pid: number, access: number): Win32Result<Handle> {
    this.calls.push(`OpenProcess(${pid}, 0x${access.toString(16)})`);
    const p = this.processes.get(pid);
    if (!p) return err(WIN32_ERROR.INVALID_PARAMETER);
    if (p.openThrows) throw new Error(`OpenProcess(${pid}) threw`);
    if (p.deniedAccess === 'all' || (access & p.deniedAccess) !== 0) return err(WIN32_ERROR.ACCESS_DENIED);
    return ok(this.handleFor({ kind: 'process', pid, access }));
  }

  closeHandle(handle: Handle): void {
    const opened = this.handles.get(handle);
    if (!opened) throw new Error('CloseHandle of a handle that is not open');
    this.handles.delete(handle);
    if (opened.kind !== 'process') return;
    const p = this.processes.get(opened.pid);
    const isHeld = [...this.handles.values()].some((o) => o.kind === 'process' && o.pid === opened.pid);
    // An exited process's object goes when its last handle does: the pid is free again.
    if (p && p.exitCode !== null && !isHeld) this.processes.delete(opened.pid);
  }

  /** The process of a handle with `right`, unless Windows refuses `query` on it (failingQueries). */
  private queried(handle: Handle, right: number, query: Query): Simulated | number {
    const p = this.process(handle, right);
    return typeof p !== 'number' && p.failingQueries?.includes(query) ? WIN32_ERROR.ACCESS_DENIED : p;
  }

  creationTime(process: Handle): Win32Result<bigint> {
    const p = this.queried(process, ACCESS.QUERY_LIMITED_INFORMATION, 'creationTime');
    // 678.9 µs past the millisecond: the conversion must floor (not round), as the collector's does.
    return typeof p === 'number' ? err(p) : ok(epochMsToFileTime(p.startTimeMs) + 6_789n);
  }

  exitCode(process: Handle): Win32Result<number> {
    const p = this.queried(process, ACCESS.QUERY_LIMITED_INFORMATION, 'exitCode');
    return typeof p === 'number' ? err(p) : ok(p.exitCode ?? STILL_ACTIVE);
  }

  isCritical(process: Handle): Win32Result<boolean> {
    if (this.missingExports.has('IsProcessCritical')) return err(WIN32_ERROR.PROC_NOT_FOUND);
    const p = this.queried(process, ACCESS.QUERY_LIMITED_INFORMATION, 'isCritical');
    return typeof p === 'number' ? err(p) : ok(p.isCritical);
  }

  systemWindowsDirectory(): string {
    return 'C:\\Windows';
  }

  isWine(): boolean {
    return this.isWineSystem;
  }

  breakOnTermination(process: Handle): Win32Result<boolean> {
    this.calls.push('NtQueryInformationProcess(ProcessBreakOnTermination)');
    if (this.isWineSystem) return err(NT_STATUS.INVALID_INFO_CLASS);
    const p = this.queried(process, ACCESS.QUERY_LIMITED_INFORMATION, 'breakOnTermination');
    // STATUS_ACCESS_DENIED, as ntdll answers it
    return typeof p === 'number' ? err(0xc000_0022) : ok(p.isCritical);
  }

  imagePath(process: Handle): Win32Result<string> {
    const p = this.process(process, ACCESS.QUERY_LIMITED_INFORMATION);
    if (typeof p === 'number') return err(p);
    return p.imagePath === null ? err(31) : ok(p.imagePath);
  }

  waitForExit(process: Handle): Win32Result<boolean> {
    const p = this.process(process, ACCESS.SYNCHRONIZE);
    return typeof p === 'number' ? err(p) : ok(p.exitCode !== null);
  }

  terminate(process: Handle, exitCode: number): Win32Result<void> {
    const p = this.process(process, ACCESS.TERMINATE);
    if (typeof p === 'number') return err(p);
    this.calls.push(`TerminateProcess(${p.pid})`);
    if (p.exitCode !== null) return err(WIN32_ERROR.ACCESS_DENIED);
    this.exit(p, exitCode);
    return ok(undefined);
  }

  suspend(process: Handle): number {
    const p = this.process(process, ACCESS.SUSPEND_RESUME);
    if (typeof p === 'number') return p === WIN32_ERROR.ACCESS_DENIED ? NT_STATUS.ACCESS_DENIED : NT_STATUS.INVALID_HANDLE;
    this.calls.push(`NtSuspendProcess(${p.pid})`);
    if (p.exitCode !== null) return NT_STATUS.PROCESS_IS_TERMINATING;
    p.suspendCount += 1;
    return 0;
  }

  resume(process: Handle): number {
    const p = this.process(process, ACCESS.SUSPEND_RESUME);
    if (typeof p === 'number') return p === WIN32_ERROR.ACCESS_DENIED ? NT_STATUS.ACCESS_DENIED : NT_STATUS.INVALID_HANDLE;
    this.calls.push(`NtResumeProcess(${p.pid})`);
    if (p.exitCode !== null) return NT_STATUS.PROCESS_IS_TERMINATING;
    p.suspendCount = Math.max(0, p.suspendCount - 1);
    return 0;
  }

  priorityClass(process: Handle): Win32Result<number> {
    const p = this.process(process, ACCESS.QUERY_LIMITED_INFORMATION);
    return typeof p === 'number' ? err(p) : ok(p.priorityClass);
  }

  setPriorityClass(process: Handle, priorityClass: number): Win32Result<void> {
    const p = this.process(process, ACCESS.SET_INFORMATION);
    if (typeof p === 'number') return err(p);
    this.calls.push(`SetPriorityClass(${p.pid}, 0x${priorityClass.toString(16)})`);
    // Without SeIncreaseBasePriorityPrivilege, Windows quietly gives High for Realtime.
    p.priorityClass = priorityClass === PRIORITY_CLASS.realtime && !this.isElevated ? PRIORITY_CLASS.high : priorityClass;
    return ok(undefined);
  }

  setAffinityMask(process: Handle, mask: bigint): Win32Result<void> {
    const p = this.process(process, ACCESS.SET_INFORMATION);
    if (typeof p === 'number') return err(p);
    this.calls.push(`SetProcessAffinityMask(${p.pid}, 0x${mask.toString(16)})`);
    if ((mask & ~this.systemMask) !== 0n || mask === 0n) return err(WIN32_ERROR.INVALID_PARAMETER);
    p.affinityMask = mask;
    return ok(undefined);
  }

  setPowerThrottling(process: Handle, state: PowerThrottlingState): Win32Result<void> {
    const p = this.process(process, ACCESS.SET_INFORMATION);
    if (typeof p === 'number') return err(p);
    if (this.missingExports.has('SetProcessInformation')) return err(WIN32_ERROR.PROC_NOT_FOUND);
    if (!this.hasPowerThrottling) return err(this.throttlingError);
    this.calls.push(`SetProcessInformation(${p.pid}, ProcessPowerThrottling, ${state.controlMask}/${state.stateMask})`);
    p.throttling = state;
    return ok(undefined);
  }

  systemAffinityMask(): Win32Result<bigint> {
    return ok(this.systemMask);
  }

  processorGroupCount(): number {
    return this.groupCount;
  }

  topLevelWindows(pids: ReadonlySet<number>): TopLevelWindow[] {
    this.windowQueries.push([...pids]);
    return [...this.processes.values()]
      .filter((p) => p.exitCode === null && pids.has(p.pid))
      .flatMap((p) =>
        (p.windows ?? []).map((w) => ({
          hwnd: w.hwnd,
          pid: p.pid,
          isVisible: w.isVisible ?? true,
          hasOwner: w.hasOwner ?? false,
          isToolWindow: w.isToolWindow ?? false,
          hasTitle: w.hasTitle ?? true,
        })),
      );
  }

  postClose(hwnd: number): Win32Result<void> {
    this.calls.push(`PostMessage(${hwnd}, WM_CLOSE)`);
    const p = [...this.processes.values()].find((q) => q.exitCode === null && (q.windows ?? []).some((w) => w.hwnd === hwnd));
    if (!p) return err(1400); // ERROR_INVALID_WINDOW_HANDLE
    if (p.onClose === 'exit') this.exit(p, 0);
    return ok(undefined);
  }

  sessionIdOf(pid: number): Win32Result<number> {
    const p = this.processes.get(pid);
    return p ? ok(p.sessionId) : err(WIN32_ERROR.INVALID_PARAMETER);
  }

  hasShellTray(): boolean {
    return [...this.processes.values()].some((p) => p.isShell && p.exitCode === null);
  }

  createNewFile(path: string): Win32Result<Handle> {
    // A folder swapped for a junction between the check and the create: the file lands elsewhere.
    const redirected = Object.entries(this.redirects).reduce((p, [from, to]) => (p.toLowerCase().startsWith(from.toLowerCase()) ? to + p.slice(from.length) : p), path);
    if (this.files.has(redirected)) return err(WIN32_ERROR.FILE_EXISTS);
    this.files.set(redirected, '');
    return ok(this.handleFor({ kind: 'file', path: redirected }));
  }

  finalPath(file: Handle): Win32Result<string> {
    const target = this.handles.get(file);
    return target?.kind === 'file' ? ok(`\\\\?\\${target.path}`) : err(WIN32_ERROR.INVALID_HANDLE);
  }

  deleteOnClose(file: Handle): Win32Result<void> {
    const target = this.handles.get(file);
    if (target?.kind !== 'file') return err(WIN32_ERROR.INVALID_HANDLE);
    this.files.delete(target.path);
    this.removed.push(target.path);
    return ok(undefined);
  }

  async writeDump(process: Handle, pid: number, file: Handle, dumpType: number): Promise<Win32Result<void>> {
    const p = this.process(process, ACCESS.QUERY_INFORMATION | ACCESS.VM_READ | ACCESS.DUP_HANDLE);
    if (typeof p === 'number') return err(0x8007_0000 | p); // HRESULT_FROM_WIN32
    const target = this.handles.get(file);
    if (!target || target.kind !== 'file') return err(0x8007_0006);
    if (p.pid !== pid) throw new Error('MiniDumpWriteDump: the pid does not match the handle');
    if (p.dumpThrows !== undefined) throw new Error(p.dumpThrows);
    if (p.dumpError !== undefined) return err(p.dumpError);
    this.files.set(target.path, `dump of ${pid}, type 0x${dumpType.toString(16)}`);
    return ok(undefined);
  }

  shellExecute(request: ShellExecuteRequest): Win32Result<void> {
    this.calls.push(`ShellExecuteEx(${JSON.stringify(request)})`);
    return this.shellAnswer;
  }

  private exit(p: Simulated, exitCode: number): void {
    p.exitCode = exitCode;
    const isHeld = [...this.handles.values()].some((o) => o.kind === 'process' && o.pid === p.pid);
    if (!isHeld) this.processes.delete(p.pid);
  }
}
