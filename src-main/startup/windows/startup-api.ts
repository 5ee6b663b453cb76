/**
 * The Windows calls the Startup apps adapter makes, as plain TypeScript: `startup-bindings.ts`
 * implements them with koffi (advapi32's registry functions, ExpandEnvironmentStringsW,
 * SHGetKnownFolderPath, version.dll), and `fake-startup-api.ts` with an in-memory registry, so the
 * adapter runs and is tested on Linux. Registry calls answer the Win32 error they failed with
 * (they return it: LSTATUS), as `Win32Result`.
 */
import type { Win32Result } from '../../control/win32/win32-api.ts';

export type RegistryHive = 'HKEY_CURRENT_USER' | 'HKEY_LOCAL_MACHINE';
/**
 * The registry view of a 64-bit Windows: 64 is the native one, 32 the one 32-bit programs see
 * (HKLM\SOFTWARE\WOW6432Node; KEY_WOW64_32KEY). HKCU\Software is one view for both.
 */
export type RegistryView = 64 | 32;

export interface RegistryKeyPath {
  hive: RegistryHive;
  /** Below the hive, e.g. `Software\Microsoft\Windows\CurrentVersion\Run`. */
  subKey: string;
  view: RegistryView;
}

/** Value types (winnt.h). */
export const REG_TYPE = { SZ: 1, EXPAND_SZ: 2, BINARY: 3, DWORD: 4 } as const;

export interface RegistryValue {
  name: string;
  /** REG_TYPE. */
  type: number;
  data: Uint8Array;
}

/** The Startup folders, as SHGetKnownFolderPath names them (FOLDERID_Startup, FOLDERID_CommonStartup). */
export type StartupFolder = 'user' | 'allUsers';

export interface StartupApi {
  /** Every value of a key (RegOpenKeyExW + RegEnumValueW); ERROR_FILE_NOT_FOUND when the key does not exist. */
  readValues(key: RegistryKeyPath): Win32Result<RegistryValue[]>;
  /** Writes a REG_BINARY value (RegCreateKeyExW, creating the key if needed, + RegSetValueExW). */
  writeBinaryValue(key: RegistryKeyPath, name: string, data: Uint8Array): Win32Result<void>;
  /** ExpandEnvironmentStringsW: `%VAR%` replaced, unknown names left as they are. */
  expandEnvironment(text: string): string;
  /** SHGetKnownFolderPath of the Startup folder; null when Windows has none (a profile without one). */
  startupFolder(folder: StartupFolder): string | null;
  /** GetFileVersionInfoSizeW (0: no version resource). */
  fileVersionInfoSize(path: string): number;
  /** GetFileVersionInfoW into `buffer`. */
  fileVersionInfo(path: string, buffer: Buffer): boolean;
}

/** A REG_SZ / REG_EXPAND_SZ value's text: UTF-16LE, up to its first NUL (the stored terminator is optional). */
export function registryString(data: Uint8Array): string {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength - (data.byteLength % 2)).toString('utf16le');
  const end = text.indexOf('\0');
  return end < 0 ? text : text.slice(0, end);
}

/** How a user finds the key in Registry Editor: the hive's full name, WOW6432Node for the 32-bit view. */
export function registryKeyName(key: RegistryKeyPath): string {
  const subKey = key.view === 32 ? key.subKey.replace(/^Software\\/i, 'SOFTWARE\\WOW6432Node\\') : key.subKey;
  return `${key.hive}\\${subKey}`;
}
