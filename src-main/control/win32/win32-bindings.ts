/**
 * `Win32Api` through koffi 2.16, loaded on first use and only on Windows (tests and Linux never
 * load it). Signatures from the Win32 documentation: BOOL is `int` (4 bytes; koffi's `bool` is one),
 * HANDLE an opaque pointer, HWND a `uintptr_t` value, FILETIME two DWORDs. Every type is anonymous
 * (`defineControlTypes`): koffi's type names are global, so a named one would throw "Duplicate type
 * name" on a second bind, or clash with another koffi user in main. koffi keeps GetLastError's value
 * per instance across its own work (since 2.6.10), and every call that finishes overwrites it, so it
 * is read right after each failing synchronous call, on main; MiniDumpWriteDump runs on a worker
 * thread that reads its own (dump-thread.ts).
 */
import { createRequire } from 'node:module';
import { dbghelpPathOf, unpackedModulePath, writeDumpOffThread } from './dump-thread.ts';
import { fileTimeFromHalves } from './filetime.ts';
import { topLevelWindowsOf } from './top-level-windows.ts';
import type { Handle, ShellExecuteRequest, TopLevelWindow, Win32Api, Win32Result } from './win32-api.ts';
import { ExportBinder, type LoadedLibrary } from '../../collector/platform/win32/optional-exports.ts';
import { PROCESS_BREAK_ON_TERMINATION_CLASS } from '../../collector/platform/win32/win32-api.ts';
import { WIN32_ERROR } from './win32-errors.ts';
import type { PowerThrottlingState } from './win32-values.ts';
import { PROCESS_POWER_THROTTLING_CLASS, PROCESS_POWER_THROTTLING_STATE_BYTES } from './win32-values.ts';

type Koffi = typeof import('koffi');
type TypeSpec = Parameters<Koffi['sizeof']>[0];
/** A koffi function given its signature (koffi's own type is untyped). */
type Native<A extends unknown[], R> = (...args: A) => R;

const GENERIC_WRITE = 0x4000_0000;
const DELETE = 0x0001_0000;
/** FILE_INFO_BY_HANDLE_CLASS FileDispositionInfo. */
const FILE_DISPOSITION_INFO_CLASS = 4;
const CREATE_NEW = 1;
const FILE_ATTRIBUTE_NORMAL = 0x80;
const WAIT_OBJECT_0 = 0;
const WAIT_TIMEOUT = 0x102;
const GW_OWNER = 4;
const GWL_EXSTYLE = -20;
const WS_EX_TOOLWINDOW = 0x0000_0080;
const WM_CLOSE = 0x0010;
const COINIT_APARTMENTTHREADED = 0x2;
const COINIT_DISABLE_OLE1DDE = 0x4;
/** QueryFullProcessImageNameW's buffer: the longest path Windows has, in UTF-16 units. */
const MAX_PATH_UNITS = 32_768;

/** Exports a supported Windows build or Wine may lack (docs/definitions.md says what each changes). */
export const CONTROL_OPTIONAL_EXPORTS = ['kernel32.dll!IsProcessCritical', 'kernel32.dll!SetProcessInformation', 'ntdll.dll!wine_get_version'] as const;

let cached: Win32Api | undefined;

/** The bindings; throws where koffi or the DLLs can't be loaded (the handlers then answer UNSUPPORTED). */
export function loadWin32Api(): Win32Api {
  if (cached) return cached;
  if (process.platform !== 'win32') throw new Error('the Win32 calls exist on Windows only');
  const require = createRequire(import.meta.url);
  cached = bindControlApi(require('koffi') as Koffi, unpackedModulePath(require.resolve('koffi')));
  return cached;
}

/** The types of these bindings, all anonymous; no DLL is touched, so this runs (and is tested) anywhere. */
export function defineControlTypes(koffi: Koffi) {
  const FILETIME = koffi.struct({ dwLowDateTime: 'uint32_t', dwHighDateTime: 'uint32_t' });
  const POWER_THROTTLING_STATE = koffi.struct({ Version: 'uint32_t', ControlMask: 'uint32_t', StateMask: 'uint32_t' });
  const SHELLEXECUTEINFOW = koffi.struct({
    cbSize: 'uint32_t',
    fMask: 'uint32_t',
    hwnd: 'void *',
    lpVerb: 'str16',
    lpFile: 'str16',
    lpParameters: 'str16',
    lpDirectory: 'str16',
    nShow: 'int',
    hInstApp: 'void *',
    lpIDList: 'void *',
    lpClass: 'str16',
    hkeyClass: 'void *',
    dwHotKey: 'uint32_t',
    hIconOrMonitor: 'void *',
    hProcess: 'void *',
  });
  return {
    HANDLE: koffi.pointer(koffi.opaque()),
    FILETIME,
    POWER_THROTTLING_STATE,
    SHELLEXECUTEINFOW,
    ENUM_WINDOWS_PROC: koffi.proto('__stdcall', null, 'int', ['uintptr_t', 'intptr_t']),
  };
}

/**
 * The bindings over `koffi` (exported for tests, which pass a stand-in koffi whose DLLs lack chosen
 * exports). An absent optional export (`CONTROL_OPTIONAL_EXPORTS`) answers ERROR_PROC_NOT_FOUND
 * from the calls it serves, as GetProcAddress would; an absent required one throws, naming it.
 */
export function bindControlApi(koffi: Koffi, koffiPath: string): Win32Api {
  const exports = new ExportBinder('process control');
  const kernel32 = exports.load(koffi, 'kernel32.dll');
  const ntdll = exports.load(koffi, 'ntdll.dll');
  const user32 = exports.load(koffi, 'user32.dll');
  const shell32 = exports.load(koffi, 'shell32.dll');
  const ole32 = exports.load(koffi, 'ole32.dll');

  const { HANDLE, FILETIME, POWER_THROTTLING_STATE, SHELLEXECUTEINFOW, ENUM_WINDOWS_PROC } = defineControlTypes(koffi);
  const outU32 = koffi.out(koffi.pointer('uint32_t'));
  const outI32 = koffi.out(koffi.pointer('int'));
  const outUPtr = koffi.out(koffi.pointer('uintptr_t'));
  const outFileTime = koffi.out(koffi.pointer(FILETIME));
  const fn = <A extends unknown[], R>(library: LoadedLibrary, name: string, result: TypeSpec, args: TypeSpec[]) =>
    exports.required(library, name, (lib) => lib.func('__stdcall', name, result, args) as unknown as Native<A, R>);
  const optionalFn = <A extends unknown[], R>(library: LoadedLibrary, name: string, result: TypeSpec, args: TypeSpec[]) =>
    exports.optional(library, name, (lib) => lib.func('__stdcall', name, result, args) as unknown as Native<A, R>);

  const GetLastError = fn<[], number>(kernel32, 'GetLastError', 'uint32_t', []);
  const OpenProcess = fn<[number, number, number], unknown>(kernel32, 'OpenProcess', HANDLE, ['uint32_t', 'int', 'uint32_t']);
  const CloseHandle = fn<[unknown], number>(kernel32, 'CloseHandle', 'int', [HANDLE]);
  type FileTimeOut = { dwLowDateTime?: number; dwHighDateTime?: number };
  const GetProcessTimes = fn<[unknown, FileTimeOut, FileTimeOut, FileTimeOut, FileTimeOut], number>(kernel32, 'GetProcessTimes', 'int', [
    HANDLE,
    outFileTime,
    outFileTime,
    outFileTime,
    outFileTime,
  ]);
  const GetExitCodeProcess = fn<[unknown, number[]], number>(kernel32, 'GetExitCodeProcess', 'int', [HANDLE, outU32]);
  const IsProcessCritical = optionalFn<[unknown, number[]], number>(kernel32, 'IsProcessCritical', 'int', [HANDLE, outI32]);
  const wine_get_version = optionalFn<[], string | null>(ntdll, 'wine_get_version', 'const char *', []);
  const NtQueryInformationProcess = fn<[unknown, number, Buffer, number, number[]], number>(ntdll, 'NtQueryInformationProcess', 'int32_t', [
    HANDLE,
    'uint32_t',
    'void *',
    'uint32_t',
    outU32,
  ]);
  const QueryFullProcessImageNameW = fn<[unknown, number, Buffer, number[]], number>(kernel32, 'QueryFullProcessImageNameW', 'int', [
    HANDLE,
    'uint32_t',
    koffi.pointer('uint16_t'),
    koffi.inout(koffi.pointer('uint32_t')),
  ]);
  const WaitForSingleObject = fn<[unknown, number], number>(kernel32, 'WaitForSingleObject', 'uint32_t', [HANDLE, 'uint32_t']);
  const TerminateProcess = fn<[unknown, number], number>(kernel32, 'TerminateProcess', 'int', [HANDLE, 'uint32_t']);
  const GetPriorityClass = fn<[unknown], number>(kernel32, 'GetPriorityClass', 'uint32_t', [HANDLE]);
  const SetPriorityClass = fn<[unknown, number], number>(kernel32, 'SetPriorityClass', 'int', [HANDLE, 'uint32_t']);
  const GetProcessAffinityMask = fn<[unknown, (number | bigint)[], (number | bigint)[]], number>(kernel32, 'GetProcessAffinityMask', 'int', [HANDLE, outUPtr, outUPtr]);
  const SetProcessAffinityMask = fn<[unknown, bigint], number>(kernel32, 'SetProcessAffinityMask', 'int', [HANDLE, 'uintptr_t']);
  type PowerIn = { Version: number; ControlMask: number; StateMask: number };
  const SetProcessInformation = optionalFn<[unknown, number, PowerIn, number], number>(kernel32, 'SetProcessInformation', 'int', [
    HANDLE,
    'int',
    koffi.pointer(POWER_THROTTLING_STATE),
    'uint32_t',
  ]);
  const GetCurrentProcess = fn<[], unknown>(kernel32, 'GetCurrentProcess', HANDLE, []);
  const GetActiveProcessorGroupCount = fn<[], number>(kernel32, 'GetActiveProcessorGroupCount', 'uint16_t', []);
  const ProcessIdToSessionId = fn<[number, number[]], number>(kernel32, 'ProcessIdToSessionId', 'int', ['uint32_t', outU32]);
  const CreateFileW = fn<[string, number, number, null, number, number, null], unknown>(kernel32, 'CreateFileW', HANDLE, [
    'str16',
    'uint32_t',
    'uint32_t',
    'void *',
    'uint32_t',
    'uint32_t',
    HANDLE,
  ]);
  const GetSystemWindowsDirectoryW = fn<[Buffer, number], number>(kernel32, 'GetSystemWindowsDirectoryW', 'uint32_t', [koffi.pointer('uint16_t'), 'uint32_t']);
  const GetSystemDirectoryW = fn<[Buffer, number], number>(kernel32, 'GetSystemDirectoryW', 'uint32_t', [koffi.pointer('uint16_t'), 'uint32_t']);
  /** A folder Windows names (never the environment, which any process of the user can set). */
  const folderFrom = (call: (buffer: Buffer, length: number) => number, name: string): string => {
    const buffer = Buffer.alloc(MAX_PATH_UNITS * 2);
    const length = call(buffer, MAX_PATH_UNITS);
    if (length === 0 || length >= MAX_PATH_UNITS) throw new Error(`${name} failed (${GetLastError()})`);
    return buffer.toString('utf16le', 0, length * 2);
  };
  let folders: { windows: string; system: string } | undefined;
  const systemFolders = () => (folders ??= { windows: folderFrom(GetSystemWindowsDirectoryW, 'GetSystemWindowsDirectoryW'), system: folderFrom(GetSystemDirectoryW, 'GetSystemDirectoryW') });
  const GetFinalPathNameByHandleW = fn<[unknown, Buffer, number, number], number>(kernel32, 'GetFinalPathNameByHandleW', 'uint32_t', [HANDLE, koffi.pointer('uint16_t'), 'uint32_t', 'uint32_t']);
  const SetFileInformationByHandle = fn<[unknown, number, Buffer, number], number>(kernel32, 'SetFileInformationByHandle', 'int', [HANDLE, 'int', 'void *', 'uint32_t']);
  const NtSuspendProcess = fn<[unknown], number>(ntdll, 'NtSuspendProcess', 'int32_t', [HANDLE]);
  const NtResumeProcess = fn<[unknown], number>(ntdll, 'NtResumeProcess', 'int32_t', [HANDLE]);
  const EnumWindows = fn<[(hwnd: number, lParam: number) => number, number], number>(user32, 'EnumWindows', 'int', [koffi.pointer(ENUM_WINDOWS_PROC), 'intptr_t']);
  const GetWindowThreadProcessId = fn<[number, number[]], number>(user32, 'GetWindowThreadProcessId', 'uint32_t', ['uintptr_t', outU32]);
  const IsWindowVisible = fn<[number], number>(user32, 'IsWindowVisible', 'int', ['uintptr_t']);
  const GetWindow = fn<[number, number], number | bigint>(user32, 'GetWindow', 'uintptr_t', ['uintptr_t', 'uint32_t']);
  // GetWindowLongPtrW is a macro for GetWindowLongW in 32-bit user32.
  const GetWindowLong = fn<[number, number], number | bigint>(user32, koffi.sizeof('void *') === 8 ? 'GetWindowLongPtrW' : 'GetWindowLongW', 'intptr_t', ['uintptr_t', 'int']);
  const GetWindowTextLengthW = fn<[number], number>(user32, 'GetWindowTextLengthW', 'int', ['uintptr_t']);
  const PostMessageW = fn<[number, number, number, number], number>(user32, 'PostMessageW', 'int', ['uintptr_t', 'uint32_t', 'uintptr_t', 'intptr_t']);
  const FindWindowW = fn<[string, null], number | bigint>(user32, 'FindWindowW', 'uintptr_t', ['str16', 'str16']);
  const ShellExecuteExW = fn<[Record<string, unknown>], number>(shell32, 'ShellExecuteExW', 'int', [koffi.pointer(SHELLEXECUTEINFOW)]);
  const CoInitializeEx = fn<[null, number], number>(ole32, 'CoInitializeEx', 'int32_t', ['void *', 'uint32_t']);
  let isComReady = false;

  const natives = new WeakMap<Handle, unknown>();
  const wrap = (native: unknown): Handle => {
    const handle: Handle = { kind: 'win32-handle' };
    natives.set(handle, native);
    return handle;
  };
  const unwrap = (handle: Handle): unknown => {
    if (!natives.has(handle)) throw new Error('not a handle of these bindings');
    return natives.get(handle);
  };
  const invalidHandle = koffi.sizeof('void *') === 8 ? 0xffff_ffff_ffff_ffffn : 0xffff_ffffn;
  const fail = (): { ok: false; error: number } => ({ ok: false, error: GetLastError() });
  const done = (isOk: number): Win32Result<void> => (isOk !== 0 ? { ok: true, value: undefined } : fail());
  const absent = { ok: false, error: WIN32_ERROR.PROC_NOT_FOUND } as const;

  return {
    openProcess: (pid, access) => {
      const native = OpenProcess(access, 0, pid);
      return native === null ? fail() : { ok: true, value: wrap(native) };
    },
    closeHandle: (handle) => {
      CloseHandle(unwrap(handle));
      natives.delete(handle);
    },
    creationTime: (process) => {
      const creation: FileTimeOut = {};
      if (GetProcessTimes(unwrap(process), creation, {}, {}, {}) === 0) return fail();
      return { ok: true, value: fileTimeFromHalves(creation.dwLowDateTime ?? 0, creation.dwHighDateTime ?? 0) };
    },
    exitCode: (process) => {
      const code = [0];
      return GetExitCodeProcess(unwrap(process), code) === 0 ? fail() : { ok: true, value: code[0] ?? 0 };
    },
    isCritical: (process) => {
      if (!IsProcessCritical) return absent;
      const critical = [0];
      return IsProcessCritical(unwrap(process), critical) === 0 ? fail() : { ok: true, value: (critical[0] ?? 0) !== 0 };
    },
    isWine: () => wine_get_version !== null,
    systemWindowsDirectory: () => systemFolders().windows,
    breakOnTermination: (process) => {
      const flag = Buffer.alloc(4);
      const status = NtQueryInformationProcess(unwrap(process), PROCESS_BREAK_ON_TERMINATION_CLASS, flag, flag.length, [0]);
      return status === 0 ? { ok: true, value: flag.readUInt32LE(0) !== 0 } : { ok: false, error: status >>> 0 };
    },
    imagePath: (process) => {
      const buffer = Buffer.alloc(MAX_PATH_UNITS * 2);
      const size = [MAX_PATH_UNITS];
      if (QueryFullProcessImageNameW(unwrap(process), 0, buffer, size) === 0) return fail();
      return { ok: true, value: buffer.toString('utf16le', 0, (size[0] ?? 0) * 2) };
    },
    waitForExit: (process, timeoutMs) => {
      const waited = WaitForSingleObject(unwrap(process), timeoutMs);
      if (waited === WAIT_OBJECT_0) return { ok: true, value: true };
      if (waited === WAIT_TIMEOUT) return { ok: true, value: false };
      return fail();
    },
    terminate: (process, exitCode) => done(TerminateProcess(unwrap(process), exitCode)),
    suspend: (process) => NtSuspendProcess(unwrap(process)),
    resume: (process) => NtResumeProcess(unwrap(process)),
    priorityClass: (process) => {
      const value = GetPriorityClass(unwrap(process));
      return value === 0 ? fail() : { ok: true, value };
    },
    setPriorityClass: (process, priorityClass) => done(SetPriorityClass(unwrap(process), priorityClass)),
    setAffinityMask: (process, mask) => done(SetProcessAffinityMask(unwrap(process), mask)),
    setPowerThrottling: (process, state: PowerThrottlingState) =>
      !SetProcessInformation
        ? absent
        : done(
        SetProcessInformation(
          unwrap(process),
          PROCESS_POWER_THROTTLING_CLASS,
          { Version: state.version, ControlMask: state.controlMask, StateMask: state.stateMask },
          PROCESS_POWER_THROTTLING_STATE_BYTES,
        ),
      ),
    systemAffinityMask: () => {
      const processMask: (number | bigint)[] = [0];
      const systemMask: (number | bigint)[] = [0];
      if (GetProcessAffinityMask(GetCurrentProcess(), processMask, systemMask) === 0) return fail();
      return { ok: true, value: BigInt(systemMask[0] ?? 0) };
    },
    processorGroupCount: () => GetActiveProcessorGroupCount(),
    topLevelWindows: (pids): TopLevelWindow[] =>
      topLevelWindowsOf(
        {
          // A transient callback: EnumWindows calls it only while it runs.
          enumWindows: (visit) => {
            EnumWindows((hwnd) => (visit(hwnd) ? 1 : 0), 0);
          },
          isWindowVisible: (hwnd) => IsWindowVisible(hwnd) !== 0,
          processIdOf: (hwnd) => {
            const pid = [0];
            return GetWindowThreadProcessId(hwnd, pid) !== 0 ? (pid[0] ?? null) : null;
          },
          hasOwner: (hwnd) => Number(GetWindow(hwnd, GW_OWNER)) !== 0,
          isToolWindow: (hwnd) => (Number(GetWindowLong(hwnd, GWL_EXSTYLE)) & WS_EX_TOOLWINDOW) !== 0,
          hasTitle: (hwnd) => GetWindowTextLengthW(hwnd) > 0,
        },
        pids,
        process.pid,
      ),
    postClose: (hwnd) => done(PostMessageW(hwnd, WM_CLOSE, 0, 0)),
    sessionIdOf: (pid) => {
      const session = [0];
      return ProcessIdToSessionId(pid, session) === 0 ? fail() : { ok: true, value: session[0] ?? 0 };
    },
    hasShellTray: () => Number(FindWindowW('Shell_TrayWnd', null)) !== 0,
    createNewFile: (filePath) => {
      const native = CreateFileW(filePath, GENERIC_WRITE | DELETE, 0, null, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, null);
      if (native === null || koffi.address(native) === invalidHandle) return fail();
      return { ok: true, value: wrap(native) };
    },
    finalPath: (file) => {
      const buffer = Buffer.alloc(MAX_PATH_UNITS * 2);
      const length = GetFinalPathNameByHandleW(unwrap(file), buffer, MAX_PATH_UNITS, 0);
      if (length === 0 || length >= MAX_PATH_UNITS) return fail();
      return { ok: true, value: buffer.toString('utf16le', 0, length * 2) };
    },
    deleteOnClose: (file) => {
      const disposition = Buffer.alloc(4); // FILE_DISPOSITION_INFO { BOOLEAN DeleteFile } (padded to 4)
      disposition.writeUInt8(1, 0);
      return done(SetFileInformationByHandle(unwrap(file), FILE_DISPOSITION_INFO_CLASS, disposition, disposition.length));
    },
    // Off the main thread (a full dump of a large process takes seconds), on a worker that reads
    // the dump's error itself; the handles stay open here until it answers.
    writeDump: (process, pid, file, dumpType) =>
      writeDumpOffThread({
        koffiPath,
        dbghelpPath: dbghelpPathOf(systemFolders().system),
        processHandle: koffi.address(unwrap(process)),
        pid,
        fileHandle: koffi.address(unwrap(file)),
        dumpType,
      }),
    shellExecute: (request: ShellExecuteRequest) => {
      if (!isComReady) {
        // ShellExecuteEx may hand the work to COM shell extensions: COM must be initialised on this
        // thread (S_FALSE or RPC_E_CHANGED_MODE when it already is, as in Electron's main: fine).
        CoInitializeEx(null, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE);
        isComReady = true;
      }
      return done(
        ShellExecuteExW({
          cbSize: koffi.sizeof(SHELLEXECUTEINFOW),
          fMask: request.mask,
          hwnd: null,
          lpVerb: request.verb,
          lpFile: request.file,
          lpParameters: request.parameters,
          lpDirectory: null,
          nShow: request.show,
          hInstApp: null,
          lpIDList: null,
          lpClass: null,
          hkeyClass: null,
          dwHotKey: 0,
          hIconOrMonitor: null,
          hProcess: null,
        }),
      );
    },
  };
}
