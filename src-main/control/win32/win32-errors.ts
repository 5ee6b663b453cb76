/**
 * Win32 error codes (GetLastError), NTSTATUS values (ntdll) and HRESULTs (dbghelp) as the
 * contract's codes, in plain words. Pure. Values from winerror.h and ntstatus.h.
 */
import { failure, type Failure } from '../../../src-shared/commands.ts';

export const WIN32_ERROR = {
  INVALID_FUNCTION: 1,
  FILE_NOT_FOUND: 2,
  PATH_NOT_FOUND: 3,
  ACCESS_DENIED: 5,
  INVALID_HANDLE: 6,
  WRITE_PROTECT: 19,
  SHARING_VIOLATION: 32,
  NOT_SUPPORTED: 50,
  FILE_EXISTS: 80,
  INVALID_PARAMETER: 87,
  DISK_FULL: 112,
  CALL_NOT_IMPLEMENTED: 120,
  INVALID_NAME: 123,
  /** GetProcAddress's answer for an absent export; the bindings answer it for an absent optional one. */
  PROC_NOT_FOUND: 127,
  ALREADY_EXISTS: 183,
  BAD_EXE_FORMAT: 193,
  FILENAME_EXCED_RANGE: 206,
  PARTIAL_COPY: 299,
  ELEVATION_REQUIRED: 740,
  NO_ASSOCIATION: 1155,
  CANCELLED: 1223,
  PRIVILEGE_NOT_HELD: 1314,
} as const;

export const NT_STATUS = {
  INVALID_INFO_CLASS: 0xc000_0003,
  INVALID_HANDLE: 0xc000_0008,
  INVALID_PARAMETER: 0xc000_000d,
  ACCESS_DENIED: 0xc000_0022,
  OBJECT_TYPE_MISMATCH: 0xc000_0024,
  SUSPEND_COUNT_EXCEEDED: 0xc000_004a,
  NOT_SUPPORTED: 0xc000_00bb,
  PROCESS_IS_TERMINATING: 0xc000_010a,
  PROCESS_IS_PROTECTED: 0xc000_0712,
} as const;

/**
 * Where the error came from, because one code means different things in different calls:
 * - `open`: OpenProcess with the rights the action needs (87 = no such pid);
 * - `probe`: OpenProcess with PROCESS_QUERY_LIMITED_INFORMATION alone, tried after `open` was
 *   denied (denied again = Windows protects the process from everyone);
 * - `act`: the call that acts on an open handle;
 * - `file`: creating the dump file;
 * - `shell`: ShellExecuteEx (Run new task, Properties);
 * - `registry`: a registry write of a setting every user shares (HKLM: a startup entry for all users).
 */
export type Win32Step = 'open' | 'probe' | 'act' | 'file' | 'shell' | 'registry';

const ELEVATE =
  'access denied: the process belongs to another user or to Windows — run Task Manager as administrator. ' +
  'Protected processes (PPL: antimalware and some system services) refuse this even to administrators';
const PROTECTED_BY_WINDOWS =
  'Windows does not let any program open this process (the System process, CSRSS and protected PPL processes refuse it even to administrators); ' +
  'if Task Manager is not running as administrator, running it so may help';

export function failureFromWin32Error(error: number, what: string, step: Win32Step): Failure {
  const code = error >>> 0;
  switch (code) {
    case WIN32_ERROR.ACCESS_DENIED:
      if (step === 'probe') return failure('ACCESS_DENIED', `${what}: ${PROTECTED_BY_WINDOWS}`);
      if (step === 'file') return failure('ACCESS_DENIED', `${what}: Windows does not allow writing a file there; choose a folder of your own`);
      if (step === 'registry') return failure('ACCESS_DENIED', `${what}: it starts for every user of this PC, so changing it needs administrator rights — run Task Manager as administrator`);
      return failure('ACCESS_DENIED', `${what}: ${ELEVATE}`);
    case WIN32_ERROR.PRIVILEGE_NOT_HELD:
      return failure('ACCESS_DENIED', `${what}: this needs a privilege Task Manager does not hold; run it as administrator`);
    case WIN32_ERROR.ELEVATION_REQUIRED:
      return failure('ACCESS_DENIED', `${what}: this program needs administrator rights; choose “Run as administrator”`);
    case WIN32_ERROR.CANCELLED:
      return failure('ACCESS_DENIED', `${what}: the administrator prompt was declined, so nothing was started`);
    case WIN32_ERROR.INVALID_PARAMETER:
      if (step === 'open' || step === 'probe') return failure('NOT_FOUND', `${what}: no process with that pid is running`);
      if (step === 'file') return failure('INVALID_ARGUMENT', `${what}: Windows does not accept that file name`);
      return failure('INVALID_ARGUMENT', `${what}: Windows rejected the value`);
    case WIN32_ERROR.FILE_NOT_FOUND:
    case WIN32_ERROR.PATH_NOT_FOUND:
      if (step === 'file') return failure('INVALID_ARGUMENT', `${what}: that folder does not exist`);
      if (step === 'shell') return failure('NOT_FOUND', `${what}: Windows cannot find it; check the name (quote a path that contains spaces)`);
      if (step === 'registry') return failure('NOT_FOUND', `${what}: its registry key is no longer there`);
      return failure('NOT_FOUND', `${what}: the file is no longer there`);
    case WIN32_ERROR.NO_ASSOCIATION:
      return failure('NOT_FOUND', `${what}: no program is set to open this kind of file`);
    case WIN32_ERROR.BAD_EXE_FORMAT:
      return failure('INVALID_ARGUMENT', `${what}: this is not a program Windows can run`);
    case WIN32_ERROR.FILE_EXISTS:
    case WIN32_ERROR.ALREADY_EXISTS:
      return failure('INVALID_ARGUMENT', `${what}: a file of that name already exists; choose another name (nothing was overwritten)`);
    case WIN32_ERROR.INVALID_NAME:
    case WIN32_ERROR.FILENAME_EXCED_RANGE:
      return failure('INVALID_ARGUMENT', `${what}: Windows does not accept that file name`);
    case WIN32_ERROR.SHARING_VIOLATION:
      return failure('INVALID_ARGUMENT', `${what}: another program is using that file`);
    case WIN32_ERROR.WRITE_PROTECT:
      return failure('ACCESS_DENIED', `${what}: the disk is write-protected`);
    case WIN32_ERROR.DISK_FULL:
      return failure('INTERNAL', `${what}: the disk is full`);
    case WIN32_ERROR.NOT_SUPPORTED:
    case WIN32_ERROR.CALL_NOT_IMPLEMENTED:
      return failure('UNSUPPORTED', `${what}: this version of Windows does not support it`);
    case WIN32_ERROR.PROC_NOT_FOUND:
      return failure('UNSUPPORTED', `${what}: this version of Windows (or Wine) lacks the function it needs`);
    case WIN32_ERROR.PARTIAL_COPY:
      return failure('INTERNAL', `${what}: Windows could read only part of the process's memory (it may be exiting, or changing too fast)`);
    default:
      return failure('INTERNAL', `${what}: Windows answered error ${code}`);
  }
}

/** An NTSTATUS as an unsigned 32-bit number (koffi hands a `long` back signed). */
export function ntStatusValue(status: number): number {
  return status >>> 0;
}

/** True for NT_SUCCESS (severity success or informational: the top bit clear). */
export function isNtSuccess(status: number): boolean {
  return ntStatusValue(status) < 0x8000_0000;
}

/** Null on success; otherwise the failure. */
export function failureFromNtStatus(status: number, what: string): Failure | null {
  const value = ntStatusValue(status);
  if (isNtSuccess(value)) return null;
  switch (value) {
    case NT_STATUS.ACCESS_DENIED:
      return failure('ACCESS_DENIED', `${what}: ${ELEVATE}`);
    case NT_STATUS.PROCESS_IS_PROTECTED:
      return failure('ACCESS_DENIED', `${what}: ${PROTECTED_BY_WINDOWS}`);
    case NT_STATUS.PROCESS_IS_TERMINATING:
      return failure('NOT_FOUND', `${what}: the process is exiting`);
    case NT_STATUS.SUSPEND_COUNT_EXCEEDED:
      return failure('INVALID_ARGUMENT', `${what}: the process has been suspended too many times already; resume it first`);
    case NT_STATUS.NOT_SUPPORTED:
      return failure('UNSUPPORTED', `${what}: this version of Windows does not support it`);
    default:
      return failure('INTERNAL', `${what}: Windows answered status 0x${value.toString(16).toUpperCase().padStart(8, '0')}`);
  }
}

/** The Win32 code inside an HRESULT of FACILITY_WIN32 (0x8007xxxx); any other value as it is. */
export function win32ErrorOfHResult(hresult: number): number {
  const value = hresult >>> 0;
  return (value & 0xffff_0000) >>> 0 === 0x8007_0000 ? value & 0xffff : value;
}
