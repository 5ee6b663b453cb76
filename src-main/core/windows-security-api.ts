/**
 * The Windows security calls of both hosts, through koffi, loaded on first use and only on Windows.
 * The elevated shell's, to trust nothing a non-elevated process can change (issue #20):
 * - the system folders from Windows itself (GetSystemWindowsDirectoryW, GetSystemDirectoryW), never
 *   %SystemRoot%, which any process of the user can set for the next start;
 * - a file's or folder's owner and DACL (GetNamedSecurityInfoW), read by folder-security.ts;
 * - this process's token: elevated or not (TokenElevation) and its user's SID (TokenUser), which
 *   the elevated task names instead of %USERDOMAIN%\%USERNAME%;
 * - ProgramData from Windows (FOLDERID_ProgramData) and a folder created there with an access list
 *   of its own (administrators and SYSTEM only): the profile of an elevated instance.
 * And the history store's (issue #15): an access list of the user's own set on its folder
 * (SetNamedSecurityInfoW, src-main/history/history-acl.ts).
 * Each answer is a value; a failing call answers null (or its Win32 error).
 */
import { createRequire } from 'node:module';
import { sidToString } from '../collector/platform/win32/security-id.ts';

export interface WindowsSecurityApi {
  /** GetSystemWindowsDirectoryW and GetSystemDirectoryW, or null when they fail. */
  systemFolders(): { windows: string; system32: string } | null;
  /** FOLDERID_ProgramData (SHGetKnownFolderPath), never %ProgramData%; null when it fails. */
  programDataFolder(): string | null;
  /** The owner and DACL as self-relative bytes (GetNamedSecurityInfoW), or null when it fails. */
  securityDescriptorOf(path: string): Uint8Array | null;
  /** TokenElevation of this process, or null when it can't be read. */
  isElevated(): boolean | null;
  /** This process's user as a SID string (TokenUser), or null. */
  userSid(): string | null;
  /** That user as DOMAIN\\name (LookupAccountSidW of the token's SID), or null. */
  userAccountName(): string | null;
  /**
   * CreateDirectoryW with a protected DACL granting full control to SYSTEM and Administrators
   * only (SDDL `D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)`), owned by Administrators. 0, or the Win32
   * error (ERROR_ALREADY_EXISTS 183 when something is there: the caller then checks what).
   */
  createAdminOnlyFolder(path: string): number;
  /**
   * Replaces the DACL of an existing file or folder with the one of `sddl` (a `D:` string), marked
   * protected (nothing inherited from the folders above); the inheritable entries reach what the
   * folder already holds (SetNamedSecurityInfoW propagates them). 0, or the Win32 error.
   */
  setProtectedDacl(path: string, sddl: string): number;
}

/** The SDDL of a folder only SYSTEM and Administrators can open, owned by Administrators. */
export const ADMIN_ONLY_FOLDER_SDDL = 'O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)';

const SE_FILE_OBJECT = 1;
const OWNER_SECURITY_INFORMATION = 0x1;
const DACL_SECURITY_INFORMATION = 0x4;
const PROTECTED_DACL_SECURITY_INFORMATION = 0x8000_0000;
const ERROR_INVALID_SECURITY_DESCR = 1338;
const TOKEN_QUERY = 0x8;
const TOKEN_USER_CLASS = 1;
const TOKEN_ELEVATION_CLASS = 20;
const SDDL_REVISION_1 = 1;
const MAX_PATH_UNITS = 32_768;

type Koffi = typeof import('koffi');
type Native = (...args: unknown[]) => unknown;

let cached: WindowsSecurityApi | null | undefined;

/** The bindings on Windows; null elsewhere, or where koffi can't load them. */
export function loadWindowsSecurityApi(platform: NodeJS.Platform): WindowsSecurityApi | null {
  if (platform !== 'win32') return null;
  if (cached !== undefined) return cached;
  try {
    cached = bindWindowsSecurityApi(createRequire(import.meta.url)('koffi') as Koffi);
  } catch {
    cached = null;
  }
  return cached;
}

export function bindWindowsSecurityApi(koffi: Koffi): WindowsSecurityApi {
  const kernel32 = koffi.load('kernel32.dll');
  const advapi32 = koffi.load('advapi32.dll');
  const f = (lib: ReturnType<Koffi['load']>, definition: string) => lib.func(definition) as Native;
  const GetSystemWindowsDirectoryW = f(kernel32, 'uint32 __stdcall GetSystemWindowsDirectoryW(_Out_ uint16 *buffer, uint32 length)');
  const GetSystemDirectoryW = f(kernel32, 'uint32 __stdcall GetSystemDirectoryW(_Out_ uint16 *buffer, uint32 length)');
  const GetCurrentProcess = f(kernel32, 'void * __stdcall GetCurrentProcess()');
  const CloseHandle = f(kernel32, 'int __stdcall CloseHandle(void *h)');
  const LocalFree = f(kernel32, 'void * __stdcall LocalFree(void *p)');
  const GetLastError = f(kernel32, 'uint32 __stdcall GetLastError()');
  const GetNamedSecurityInfoW = f(
    advapi32,
    'uint32 __stdcall GetNamedSecurityInfoW(str16 name, int type, uint32 info, _Out_ void **owner, _Out_ void **group, _Out_ void **dacl, _Out_ void **sacl, _Out_ void **descriptor)',
  );
  const GetSecurityDescriptorLength = f(advapi32, 'uint32 __stdcall GetSecurityDescriptorLength(void *descriptor)');
  const OpenProcessToken = f(advapi32, 'int __stdcall OpenProcessToken(void *process, uint32 access, _Out_ void **token)');
  const GetTokenInformation = f(advapi32, 'int __stdcall GetTokenInformation(void *token, int cls, void *buffer, uint32 length, _Out_ uint32 *returned)');
  const LookupAccountSidW = f(
    advapi32,
    'int __stdcall LookupAccountSidW(str16 system, void *sid, _Out_ uint16 *name, _Inout_ uint32 *nameLength, _Out_ uint16 *domain, _Inout_ uint32 *domainLength, _Out_ int *use)',
  );
  const ConvertStringSecurityDescriptorToSecurityDescriptorW = f(
    advapi32,
    'int __stdcall ConvertStringSecurityDescriptorToSecurityDescriptorW(str16 sddl, uint32 revision, _Out_ void **descriptor, _Out_ uint32 *size)',
  );
  const GetSecurityDescriptorDacl = f(advapi32, 'int __stdcall GetSecurityDescriptorDacl(void *descriptor, _Out_ int *present, _Out_ void **dacl, _Out_ int *defaulted)');
  const SetNamedSecurityInfoW = f(advapi32, 'uint32 __stdcall SetNamedSecurityInfoW(str16 name, int type, uint32 info, void *owner, void *group, void *dacl, void *sacl)');
  const shell32 = koffi.load('shell32.dll');
  const ole32 = koffi.load('ole32.dll');
  const SHGetKnownFolderPath = f(shell32, 'int32 __stdcall SHGetKnownFolderPath(void *id, uint32 flags, void *token, _Out_ void **path)');
  const CoTaskMemFree = f(ole32, 'void __stdcall CoTaskMemFree(void *p)');
  // SECURITY_ATTRIBUTES: nLength, lpSecurityDescriptor, bInheritHandle (24 bytes on x64).
  const SECURITY_ATTRIBUTES = koffi.struct({ nLength: 'uint32_t', lpSecurityDescriptor: 'void *', bInheritHandle: 'int' });
  const CreateDirectoryW = kernel32.func('__stdcall', 'CreateDirectoryW', 'int', ['str16', koffi.pointer(SECURITY_ATTRIBUTES)]) as Native;

  const folder = (call: Native): string | null => {
    const buffer = Buffer.alloc(MAX_PATH_UNITS * 2);
    const length = Number(call(buffer, MAX_PATH_UNITS));
    return length > 0 && length < MAX_PATH_UNITS ? buffer.toString('utf16le', 0, length * 2) : null;
  };

  /** The token information `infoClass` of this process, or null. */
  const tokenInformation = (infoClass: number, bytes: number): Buffer | null => {
    const token: unknown[] = [null];
    if (OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, token) === 0 || token[0] === null) return null;
    try {
      const buffer = Buffer.alloc(bytes);
      return GetTokenInformation(token[0], infoClass, buffer, buffer.length, [0]) === 0 ? null : buffer;
    } finally {
      CloseHandle(token[0]);
    }
  };

  /** TOKEN_USER: a SID_AND_ATTRIBUTES whose pointer points into the same buffer, after it. */
  const tokenUser = (): { buffer: Buffer; sidOffset: number } | null => {
    const buffer = tokenInformation(TOKEN_USER_CLASS, 256);
    if (buffer === null) return null;
    const sidOffset = Number(koffi.address(koffi.decode(buffer, 'void *')) - koffi.address(buffer));
    return sidOffset >= 0 && sidOffset < buffer.length ? { buffer, sidOffset } : null;
  };

  return {
    systemFolders: () => {
      const windows = folder(GetSystemWindowsDirectoryW);
      const system32 = folder(GetSystemDirectoryW);
      return windows === null || system32 === null ? null : { windows, system32 };
    },
    programDataFolder: () => {
      const folder: unknown[] = [null];
      // FOLDERID_ProgramData {62AB5D82-FDC1-4DC3-A9DD-070D1D495D97}, as the GUID struct lays it out.
      const id = Buffer.from([0x82, 0x5d, 0xab, 0x62, 0xc1, 0xfd, 0xc3, 0x4d, 0xa9, 0xdd, 0x07, 0x0d, 0x1d, 0x49, 0x5d, 0x97]);
      const status = SHGetKnownFolderPath(id, 0, null, folder);
      try {
        if (status !== 0 || folder[0] === null) return null;
        return koffi.decode(folder[0], 'char16_t', -1) as string; // NUL-terminated UTF-16
      } finally {
        // Freed on failure too (Microsoft Learn: the caller frees it whether or not the call succeeds).
        if (folder[0] !== null) CoTaskMemFree(folder[0]);
      }
    },
    securityDescriptorOf: (path) => {
      const descriptor: unknown[] = [null];
      const status = GetNamedSecurityInfoW(path, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, [null], [null], [null], [null], descriptor);
      if (status !== 0 || descriptor[0] === null) return null;
      try {
        const length = Number(GetSecurityDescriptorLength(descriptor[0]));
        return Uint8Array.from(koffi.decode(descriptor[0], koffi.array('uint8_t', length)) as ArrayLike<number>);
      } finally {
        LocalFree(descriptor[0]);
      }
    },
    isElevated: () => {
      const elevation = tokenInformation(TOKEN_ELEVATION_CLASS, 4);
      return elevation === null ? null : elevation.readUInt32LE(0) !== 0;
    },
    userSid: () => {
      const user = tokenUser();
      return user === null ? null : sidToString(user.buffer, user.sidOffset);
    },
    userAccountName: () => {
      const user = tokenUser();
      if (user === null) return null;
      const [name, domain] = [Buffer.alloc(512), Buffer.alloc(512)];
      const [nameLength, domainLength] = [[256], [256]];
      const sid = user.buffer.subarray(user.sidOffset);
      if (LookupAccountSidW(null, sid, name, nameLength, domain, domainLength, [0]) === 0) return null;
      const text = (buffer: Buffer, length: number[]) => buffer.toString('utf16le', 0, (length[0] ?? 0) * 2);
      return `${text(domain, domainLength)}\\${text(name, nameLength)}`;
    },
    createAdminOnlyFolder: (path) => {
      const descriptor: unknown[] = [null];
      if (ConvertStringSecurityDescriptorToSecurityDescriptorW(ADMIN_ONLY_FOLDER_SDDL, SDDL_REVISION_1, descriptor, [0]) === 0) return Number(GetLastError());
      try {
        const attributes = { nLength: koffi.sizeof(SECURITY_ATTRIBUTES), lpSecurityDescriptor: descriptor[0], bInheritHandle: 0 };
        return CreateDirectoryW(path, attributes) === 0 ? Number(GetLastError()) : 0;
      } finally {
        LocalFree(descriptor[0]);
      }
    },
    setProtectedDacl: (path, sddl) => {
      const descriptor: unknown[] = [null];
      if (ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SDDL_REVISION_1, descriptor, [0]) === 0) return Number(GetLastError());
      try {
        const [present, dacl]: [number[], unknown[]] = [[0], [null]];
        if (GetSecurityDescriptorDacl(descriptor[0], present, dacl, [0]) === 0) return Number(GetLastError());
        // A descriptor without a DACL would mean "everyone may do everything": never set that.
        if (present[0] === 0 || dacl[0] === null) return ERROR_INVALID_SECURITY_DESCR;
        // The DACL points into the descriptor, which stays allocated until the call returns.
        const info = PROTECTED_DACL_SECURITY_INFORMATION + DACL_SECURITY_INFORMATION;
        return Number(SetNamedSecurityInfoW(path, SE_FILE_OBJECT, info, null, null, dacl[0], null));
      } finally {
        LocalFree(descriptor[0]);
      }
    },
  };
}
