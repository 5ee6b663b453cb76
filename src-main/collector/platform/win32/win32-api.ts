/**
 * The Windows calls the sampler makes, through koffi 2.16 — the only module that touches koffi or a
 * DLL. koffi is loaded on first use and only on Windows, so Linux code and tests can import everything
 * else. Each binding is thin: buffers the OS fills are passed as Node Buffers (koffi hands their
 * memory straight to the call) and parsed by the pure modules beside this one; `addressOf` gives a
 * Buffer's address, to resolve the pointers the OS writes into it.
 *
 * Status conventions: NTSTATUS and PDH_STATUS come back as unsigned 32-bit numbers; BOOL results
 * as booleans, with `lastError()` (koffi keeps the thread's last-error value across calls).
 * The `…Async` calls run on a worker thread (koffi's `.async` form: libuv's thread pool) and answer
 * on the event loop, for calls that can wait on a device (a USB stick spinning up, a sleeping disk);
 * their failure is an answer of null, as the last-error value of a worker thread can't be read here.
 *
 * koffi's type names are global to the process's koffi: the callback type is anonymous
 * (`defineCallbackTypes`), so binding twice, or another module binding its own, can't clash.
 */
import { createRequire } from 'node:module';
import type * as Koffi from 'koffi';
import { ExportBinder, nameOfDefinition, type LoadedLibrary } from './optional-exports.ts';
import { readUtf16z } from './struct-reader.ts';

declare const handleBrand: unique symbol;
/** An opaque handle (HANDLE, HWND, SC_HANDLE, PDH_HQUERY, PDH_HCOUNTER) as koffi gives it. Never null. */
export type Handle = { readonly [handleBrand]: true };

/** What GetDiskFreeSpaceExW answers for a volume, bytes. */
export interface DiskSpace {
  /** lpFreeBytesAvailableToCaller: free space this account may use (less than free under per-user quotas). */
  freeBytesAvailableToCaller: number;
  /** lpTotalNumberOfBytes: the size this account sees (the volume's, unless a per-user quota limits it). */
  totalBytes: number;
  /** lpTotalNumberOfFreeBytes: free space on the whole volume. */
  totalFreeBytes: number;
}

/** What `enumTopLevelWindows` reads of each top-level window; only visible ones are looked at further. */
export interface RawWindow {
  pid: number;
  isVisible: boolean;
  hasOwner: boolean;
  isToolWindow: boolean;
  hasTitle: boolean;
  isHung: boolean;
}

export interface Win32Api {
  addressOf(buffer: Uint8Array): bigint;
  lastError(): number;

  // ntdll
  ntQuerySystemInformation(infoClass: number, buffer: Buffer, returnLength: [number]): number;
  /** The Ex form takes an input buffer (the processor group, as a USHORT, for class 8). */
  ntQuerySystemInformationEx(infoClass: number, input: Buffer, buffer: Buffer, returnLength: [number]): number;
  ntQueryInformationProcess(process: Handle, infoClass: number, buffer: Buffer, returnLength: [number]): number;

  // kernel32
  globalMemoryStatusEx(buffer: Buffer): boolean;
  getPerformanceInfo(buffer: Buffer): boolean;
  activeProcessorGroupCount(): number;
  openProcess(access: number, pid: number): Handle | null;
  closeHandle(handle: Handle): void;
  /** Fills `buffer` with the Win32 path (UTF-16); `sizeChars` in: capacity, out: length. */
  queryFullProcessImageName(process: Handle, buffer: Buffer, sizeChars: [number]): boolean;
  /**
   * IsProcessCritical; where the export is missing (Wine 8), the flag it reads, asked directly
   * (NtQueryInformationProcess(ProcessBreakOnTermination)). Null when neither answers.
   */
  isProcessCritical(process: Handle): boolean | null;
  /**
   * GetLogicalDriveStringsW into `buffer`: the drive roots (`C:\\`), each NUL-terminated, then one
   * more NUL (UTF-16). Returns the characters written without the last NUL; a number past the
   * buffer's capacity (the characters needed) when it is too small; 0 when the call fails.
   */
  logicalDriveStrings(buffer: Buffer): number;
  /** GetDriveTypeW of a root with its trailing backslash (`C:\\`): DRIVE_UNKNOWN 0 … DRIVE_RAMDISK 6. */
  driveType(root: string): number;
  /** GetVolumeInformationW, asynchronously: the file-system name (`NTFS`, `ReFS`, `FAT32`, `exFAT`), or null when it fails (no medium). */
  volumeFileSystemAsync(root: string, done: (fileSystem: string | null) => void): void;
  /** GetDiskFreeSpaceExW, asynchronously; null when it fails (no medium, a locked BitLocker volume). */
  diskFreeSpaceAsync(root: string, done: (space: DiskSpace | null) => void): void;

  // advapi32
  openProcessToken(process: Handle, access: number): Handle | null;
  getTokenInformation(token: Handle, infoClass: number, buffer: Buffer, returnLength: [number]): boolean;
  /** The account name of the SID at the start of `sid`, or null (a deleted account, a lookup failure). */
  lookupAccountName(sid: Uint8Array): string | null;
  openServiceManager(access: number): Handle | null;
  /** EnumServicesStatusExW(SC_ENUM_PROCESS_INFO, SERVICE_WIN32) of the services in `states` (SERVICE_ACTIVE 1, SERVICE_STATE_ALL 3). */
  enumServices(manager: Handle, states: number, buffer: Buffer, bytesNeeded: [number], returned: [number], resume: [number]): boolean;
  closeServiceHandle(handle: Handle): void;

  // version
  fileVersionInfoSize(path: string): number;
  fileVersionInfo(path: string, buffer: Buffer): boolean;

  // pdh
  pdhOpenQuery(): { status: number; query: Handle | null };
  pdhAddEnglishCounter(query: Handle, path: string): { status: number; counter: Handle | null };
  pdhCollectQueryData(query: Handle): number;
  pdhGetFormattedCounterArray(counter: Handle, format: number, bufferBytes: [number], itemCount: [number], buffer: Buffer | null): number;
  pdhGetRawCounterArray(counter: Handle, bufferBytes: [number], itemCount: [number], buffer: Buffer | null): number;
  pdhCloseQuery(query: Handle): void;

  // user32
  enumTopLevelWindows(): RawWindow[];
  /** The process of the desktop shell's window (explorer.exe), or null when there is no shell. */
  shellProcessId(): number | null;

  /** Wine's version (ntdll's `wine_get_version`), or null on Windows. */
  wineVersion(): string | null;
  /** The optional exports (`OPTIONAL_EXPORTS`) this system lacks, as `dll!name`. */
  missingExports(): readonly string[];
}

/**
 * Exports that a supported Windows build or Wine may lack; each is bound only if present, and its
 * absence changes one answer (documented in docs/definitions.md), never whether the sampler loads.
 * Every other export is required: its absence is a clear error naming it.
 */
export const OPTIONAL_EXPORTS = ['kernel32.dll!IsProcessCritical', 'ntdll.dll!wine_get_version'] as const;
/** PROCESSINFOCLASS ProcessBreakOnTermination: a ULONG, non-zero for a critical process. */
export const PROCESS_BREAK_ON_TERMINATION_CLASS = 29;

const GW_OWNER = 4;
const GWL_EXSTYLE = -20;
const WS_EX_TOOLWINDOW = 0x80;
const MAX_ACCOUNT_NAME_CHARS = 256;
/** GetVolumeInformationW's documented largest name buffer, MAX_PATH + 1 characters. */
const FILE_SYSTEM_NAME_CHARS = 261;

let cached: Win32Api | undefined;

/** The bindings; throws off Windows (the caller is the win32 platform only). */
export function loadWin32Api(): Win32Api {
  if (cached) return cached;
  if (process.platform !== 'win32') throw new Error('the Windows API is only available on Windows');
  // The parsers read the 64-bit layouts (8-byte pointers and SIZE_T), which x64 and ARM64 share.
  if (process.arch !== 'x64' && process.arch !== 'arm64') throw new Error(`the Windows adapter reads 64-bit layouts; ${process.arch} is not supported`);
  cached = bindWin32Api(createRequire(import.meta.url)('koffi') as typeof Koffi);
  return cached;
}

type Fn = (...args: unknown[]) => unknown;
/** A binding called through koffi's worker threads: the callback gets (error, result) on the event loop. */
type AsyncFn = Fn & { async: (...args: unknown[]) => void };

/**
 * The callback types of these bindings, anonymous: a named `koffi.proto` throws "Duplicate type
 * name" the second time it is defined. No DLL is touched, so this runs (and is tested) anywhere.
 */
export function defineCallbackTypes(koffi: typeof Koffi): { enumWindowsProc: Koffi.IKoffiCType } {
  return { enumWindowsProc: koffi.proto('__stdcall', null, 'int', ['void *', 'intptr']) };
}

/** The bindings over `koffi` (exported for tests, which pass a stand-in koffi whose DLLs lack chosen exports). */
export function bindWin32Api(koffi: typeof Koffi): Win32Api {
  const exports = new ExportBinder('the sampler');
  const ntdll = exports.load(koffi, 'ntdll.dll');
  const kernel32 = exports.load(koffi, 'kernel32.dll');
  const advapi32 = exports.load(koffi, 'advapi32.dll');
  const version = exports.load(koffi, 'version.dll');
  const pdh = exports.load(koffi, 'pdh.dll');
  const user32 = exports.load(koffi, 'user32.dll');
  const fn = (lib: LoadedLibrary, definition: string) => exports.required(lib, nameOfDefinition(definition), (l) => l.func(definition) as Fn);
  const optionalFn = (lib: LoadedLibrary, definition: string) => exports.optional(lib, nameOfDefinition(definition), (l) => l.func(definition) as Fn);
  const asyncFn = (lib: LoadedLibrary, definition: string) => exports.required(lib, nameOfDefinition(definition), (l) => l.func(definition) as AsyncFn);

  const NtQuerySystemInformation = fn(ntdll, 'int32 __stdcall NtQuerySystemInformation(uint32 cls, void *buf, uint32 len, _Out_ uint32 *ret)');
  const NtQuerySystemInformationEx = fn(
    ntdll,
    'int32 __stdcall NtQuerySystemInformationEx(uint32 cls, void *input, uint32 inputLen, void *buf, uint32 len, _Out_ uint32 *ret)',
  );
  const NtQueryInformationProcess = fn(ntdll, 'int32 __stdcall NtQueryInformationProcess(void *h, uint32 cls, void *buf, uint32 len, _Out_ uint32 *ret)');

  const GlobalMemoryStatusEx = fn(kernel32, 'int __stdcall GlobalMemoryStatusEx(void *buf)');
  const K32GetPerformanceInfo = fn(kernel32, 'int __stdcall K32GetPerformanceInfo(void *buf, uint32 cb)');
  const GetActiveProcessorGroupCount = fn(kernel32, 'uint16 __stdcall GetActiveProcessorGroupCount()');
  const OpenProcess = fn(kernel32, 'void * __stdcall OpenProcess(uint32 access, int inherit, uint32 pid)');
  const CloseHandle = fn(kernel32, 'int __stdcall CloseHandle(void *h)');
  const QueryFullProcessImageNameW = fn(kernel32, 'int __stdcall QueryFullProcessImageNameW(void *h, uint32 flags, void *buf, _Inout_ uint32 *size)');
  const IsProcessCritical = optionalFn(kernel32, 'int __stdcall IsProcessCritical(void *h, _Out_ int *critical)');
  const wine_get_version = optionalFn(ntdll, 'const char * __stdcall wine_get_version()');
  const GetLastError = fn(kernel32, 'uint32 __stdcall GetLastError()');
  const GetLogicalDriveStringsW = fn(kernel32, 'uint32 __stdcall GetLogicalDriveStringsW(uint32 len, void *buf)');
  const GetDriveTypeW = fn(kernel32, 'uint32 __stdcall GetDriveTypeW(str16 root)');
  // The optional outputs (volume name, serial number, component length, flags) are passed as null.
  const GetVolumeInformationW = asyncFn(
    kernel32,
    'int __stdcall GetVolumeInformationW(str16 root, void *name, uint32 nameLen, void *serial, void *maxComponentLen, void *flags, void *fsName, uint32 fsNameLen)',
  );
  const GetDiskFreeSpaceExW = asyncFn(
    kernel32,
    'int __stdcall GetDiskFreeSpaceExW(str16 dir, _Out_ uint64 *freeToCaller, _Out_ uint64 *total, _Out_ uint64 *totalFree)',
  );

  const OpenProcessToken = fn(advapi32, 'int __stdcall OpenProcessToken(void *h, uint32 access, _Out_ void **token)');
  const GetTokenInformation = fn(advapi32, 'int __stdcall GetTokenInformation(void *token, int cls, void *buf, uint32 len, _Out_ uint32 *ret)');
  const LookupAccountSidW = fn(
    advapi32,
    'int __stdcall LookupAccountSidW(str16 system, void *sid, void *name, _Inout_ uint32 *nameLen, void *domain, _Inout_ uint32 *domainLen, _Out_ int *use)',
  );
  const OpenSCManagerW = fn(advapi32, 'void * __stdcall OpenSCManagerW(str16 machine, str16 database, uint32 access)');
  const EnumServicesStatusExW = fn(
    advapi32,
    'int __stdcall EnumServicesStatusExW(void *scm, int level, uint32 type, uint32 state, void *buf, uint32 size, _Out_ uint32 *needed, _Out_ uint32 *returned, _Inout_ uint32 *resume, str16 group)',
  );
  const CloseServiceHandle = fn(advapi32, 'int __stdcall CloseServiceHandle(void *h)');

  const GetFileVersionInfoSizeW = fn(version, 'uint32 __stdcall GetFileVersionInfoSizeW(str16 path, _Out_ uint32 *handle)');
  const GetFileVersionInfoW = fn(version, 'int __stdcall GetFileVersionInfoW(str16 path, uint32 handle, uint32 len, void *buf)');

  const PdhOpenQueryW = fn(pdh, 'uint32 __stdcall PdhOpenQueryW(str16 source, uintptr user, _Out_ void **query)');
  const PdhAddEnglishCounterW = fn(pdh, 'uint32 __stdcall PdhAddEnglishCounterW(void *query, str16 path, uintptr user, _Out_ void **counter)');
  const PdhCollectQueryData = fn(pdh, 'uint32 __stdcall PdhCollectQueryData(void *query)');
  const PdhGetFormattedCounterArrayW = fn(
    pdh,
    'uint32 __stdcall PdhGetFormattedCounterArrayW(void *counter, uint32 format, _Inout_ uint32 *size, _Out_ uint32 *count, void *buf)',
  );
  const PdhGetRawCounterArrayW = fn(pdh, 'uint32 __stdcall PdhGetRawCounterArrayW(void *counter, _Inout_ uint32 *size, _Out_ uint32 *count, void *buf)');
  const PdhCloseQuery = fn(pdh, 'uint32 __stdcall PdhCloseQuery(void *query)');

  const { enumWindowsProc } = defineCallbackTypes(koffi);
  const EnumWindows = exports.required(user32, 'EnumWindows', (l) => l.func('__stdcall', 'EnumWindows', 'int', [koffi.pointer(enumWindowsProc), 'intptr']) as Fn);
  const IsWindowVisible = fn(user32, 'int __stdcall IsWindowVisible(void *hwnd)');
  const GetWindowThreadProcessId = fn(user32, 'uint32 __stdcall GetWindowThreadProcessId(void *hwnd, _Out_ uint32 *pid)');
  const GetWindow = fn(user32, 'void * __stdcall GetWindow(void *hwnd, uint32 cmd)');
  const GetWindowLongPtrW = fn(user32, 'intptr __stdcall GetWindowLongPtrW(void *hwnd, int index)');
  const GetWindowTextLengthW = fn(user32, 'int __stdcall GetWindowTextLengthW(void *hwnd)');
  const IsHungAppWindow = fn(user32, 'int __stdcall IsHungAppWindow(void *hwnd)');
  const GetShellWindow = fn(user32, 'void * __stdcall GetShellWindow()');

  const ok = (value: unknown) => value !== 0;
  const handleOrNull = (value: unknown) => (value === null || value === undefined ? null : (value as Handle));
  const status = (value: unknown) => (value as number) >>> 0;

  return {
    addressOf: (buffer) => koffi.address(buffer),
    lastError: () => GetLastError() as number,

    ntQuerySystemInformation: (infoClass, buffer, returnLength) => status(NtQuerySystemInformation(infoClass, buffer, buffer.length, returnLength)),
    ntQuerySystemInformationEx: (infoClass, input, buffer, returnLength) =>
      status(NtQuerySystemInformationEx(infoClass, input, input.length, buffer, buffer.length, returnLength)),
    ntQueryInformationProcess: (processHandle, infoClass, buffer, returnLength) =>
      status(NtQueryInformationProcess(processHandle, infoClass, buffer, buffer.length, returnLength)),

    globalMemoryStatusEx: (buffer) => ok(GlobalMemoryStatusEx(buffer)),
    getPerformanceInfo: (buffer) => ok(K32GetPerformanceInfo(buffer, buffer.length)),
    activeProcessorGroupCount: () => GetActiveProcessorGroupCount() as number,
    openProcess: (access, pid) => handleOrNull(OpenProcess(access, 0, pid)),
    closeHandle: (handle) => {
      CloseHandle(handle);
    },
    queryFullProcessImageName: (processHandle, buffer, sizeChars) => ok(QueryFullProcessImageNameW(processHandle, 0, buffer, sizeChars)),
    isProcessCritical: (processHandle) => {
      if (IsProcessCritical) {
        const critical: [number] = [0];
        return ok(IsProcessCritical(processHandle, critical)) ? critical[0] !== 0 : null;
      }
      const flag = Buffer.alloc(4);
      const answered = status(NtQueryInformationProcess(processHandle, PROCESS_BREAK_ON_TERMINATION_CLASS, flag, flag.length, [0])) === 0;
      return answered ? flag.readUInt32LE(0) !== 0 : null;
    },
    // One character is held back for the final NUL, whichever way nBufferLength is read (Microsoft
    // Learn's pages disagree on whether it counts that NUL).
    logicalDriveStrings: (buffer) => GetLogicalDriveStringsW(Math.max(0, Math.floor(buffer.length / 2) - 1), buffer) as number,
    driveType: (root) => GetDriveTypeW(root) as number,
    volumeFileSystemAsync: (root, done) => {
      // Kept alive by the callback until the worker thread is done writing into it.
      const name = Buffer.alloc(FILE_SYSTEM_NAME_CHARS * 2);
      GetVolumeInformationW.async(root, null, 0, null, null, null, name, FILE_SYSTEM_NAME_CHARS, (error: unknown, result: unknown) => {
        done(error === null && ok(result) ? readUtf16z(name, 0) : null);
      });
    },
    diskFreeSpaceAsync: (root, done) => {
      // koffi copies these out-parameters from its own memory once the worker thread returns; 64-bit
      // values come back as numbers up to 2^53 and as BigInts past that.
      const freeToCaller: [unknown] = [0];
      const total: [unknown] = [0];
      const totalFree: [unknown] = [0];
      GetDiskFreeSpaceExW.async(root, freeToCaller, total, totalFree, (error: unknown, result: unknown) => {
        const [free, size, sizeFree] = [freeToCaller[0], total[0], totalFree[0]].map(byteCount);
        const isAnswered = error === null && ok(result) && free !== undefined && size !== undefined && sizeFree !== undefined;
        done(isAnswered ? { freeBytesAvailableToCaller: free, totalBytes: size, totalFreeBytes: sizeFree } : null);
      });
    },

    openProcessToken: (processHandle, access) => {
      const token: [unknown] = [null];
      return ok(OpenProcessToken(processHandle, access, token)) ? handleOrNull(token[0]) : null;
    },
    getTokenInformation: (token, infoClass, buffer, returnLength) => ok(GetTokenInformation(token, infoClass, buffer, buffer.length, returnLength)),
    lookupAccountName: (sid) => {
      const name = Buffer.alloc(MAX_ACCOUNT_NAME_CHARS * 2);
      const domain = Buffer.alloc(MAX_ACCOUNT_NAME_CHARS * 2);
      const nameChars: [number] = [MAX_ACCOUNT_NAME_CHARS];
      const domainChars: [number] = [MAX_ACCOUNT_NAME_CHARS];
      const use: [number] = [0];
      if (!ok(LookupAccountSidW(null, sid, name, nameChars, domain, domainChars, use))) return null;
      return name.toString('utf16le', 0, Math.min(nameChars[0], MAX_ACCOUNT_NAME_CHARS) * 2);
    },
    openServiceManager: (access) => handleOrNull(OpenSCManagerW(null, null, access)),
    enumServices: (manager, states, buffer, bytesNeeded, returned, resume) =>
      // SC_ENUM_PROCESS_INFO (0), SERVICE_WIN32 (0x30)
      ok(EnumServicesStatusExW(manager, 0, 0x30, states, buffer, buffer.length, bytesNeeded, returned, resume, null)),
    closeServiceHandle: (handle) => {
      CloseServiceHandle(handle);
    },

    fileVersionInfoSize: (path) => GetFileVersionInfoSizeW(path, [0]) as number,
    fileVersionInfo: (path, buffer) => ok(GetFileVersionInfoW(path, 0, buffer.length, buffer)),

    pdhOpenQuery: () => {
      const query: [unknown] = [null];
      const code = status(PdhOpenQueryW(null, 0, query));
      return { status: code, query: code === 0 ? handleOrNull(query[0]) : null };
    },
    pdhAddEnglishCounter: (query, path) => {
      const counter: [unknown] = [null];
      const code = status(PdhAddEnglishCounterW(query, path, 0, counter));
      return { status: code, counter: code === 0 ? handleOrNull(counter[0]) : null };
    },
    pdhCollectQueryData: (query) => status(PdhCollectQueryData(query)),
    pdhGetFormattedCounterArray: (counter, format, bufferBytes, itemCount, buffer) =>
      status(PdhGetFormattedCounterArrayW(counter, format, bufferBytes, itemCount, buffer)),
    pdhGetRawCounterArray: (counter, bufferBytes, itemCount, buffer) => status(PdhGetRawCounterArrayW(counter, bufferBytes, itemCount, buffer)),
    pdhCloseQuery: (query) => {
      PdhCloseQuery(query);
    },

    enumTopLevelWindows: () => {
      const windows: RawWindow[] = [];
      let thrown: unknown = null;
      EnumWindows((hwnd: unknown) => {
        // Nothing may be thrown through koffi's native frames: the error stops the enumeration
        // (return 0) and is thrown once EnumWindows has returned.
        try {
          const isVisible = ok(IsWindowVisible(hwnd));
          if (!isVisible) return 1;
          const pid: [number] = [0];
          GetWindowThreadProcessId(hwnd, pid);
          const exStyle = Number(GetWindowLongPtrW(hwnd, GWL_EXSTYLE));
          windows.push({
            pid: pid[0],
            isVisible,
            hasOwner: GetWindow(hwnd, GW_OWNER) !== null,
            isToolWindow: (exStyle & WS_EX_TOOLWINDOW) !== 0,
            hasTitle: (GetWindowTextLengthW(hwnd) as number) > 0,
            isHung: ok(IsHungAppWindow(hwnd)),
          });
          return 1; // go on
        } catch (error) {
          thrown = error;
          return 0;
        }
      }, 0);
      if (thrown !== null) throw thrown instanceof Error ? thrown : new Error(String(thrown));
      return windows;
    },
    shellProcessId: () => {
      const shell = GetShellWindow();
      if (shell === null) return null;
      const pid: [number] = [0];
      return GetWindowThreadProcessId(shell, pid) !== 0 && pid[0] !== 0 ? pid[0] : null;
    },

    wineVersion: () => {
      const text: unknown = wine_get_version?.();
      return typeof text === 'string' ? text : null;
    },
    missingExports: () => exports.missing(),
  };
}

/** A koffi 64-bit integer (a number up to 2^53, a BigInt past it) as a number of bytes; a double holds byte counts exactly up to 8 PiB. */
export function byteCount(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'bigint' ? Number(value) : undefined;
}
