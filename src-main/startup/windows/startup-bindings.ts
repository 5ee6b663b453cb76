/**
 * `StartupApi` through koffi 2.16, loaded on first use and only on Windows. Signatures from the
 * Win32 documentation: an HKEY is a pointer-sized handle, passed as `intptr_t` because the
 * predefined ones are sign-extended 32-bit values (winreg.h: `(HKEY)(ULONG_PTR)((LONG)0x80000001)`);
 * LSTATUS and HRESULT are 32-bit signed; every koffi type is anonymous (koffi's type names are
 * global to the process, and control's and the sampler's bindings live in the same one).
 */
import { createRequire } from 'node:module';
import type { Win32Result } from '../../control/win32/win32-api.ts';
import { ExportBinder, type LoadedLibrary } from '../../collector/platform/win32/optional-exports.ts';
import type { RegistryHive, RegistryKeyPath, RegistryValue, StartupApi, StartupFolder } from './startup-api.ts';

type Koffi = typeof import('koffi');
type TypeSpec = Parameters<Koffi['sizeof']>[0];
type Native<A extends unknown[], R> = (...args: A) => R;
type Hkey = number | bigint;

/** The predefined keys as the sign-extended LONGs winreg.h casts to HKEY. */
const HIVES: Record<RegistryHive, number> = { HKEY_CURRENT_USER: 0x8000_0001 | 0, HKEY_LOCAL_MACHINE: 0x8000_0002 | 0 };
const KEY_QUERY_VALUE = 0x0001;
const KEY_SET_VALUE = 0x0002;
const KEY_WOW64_64KEY = 0x0100;
const KEY_WOW64_32KEY = 0x0200;
const REG_OPTION_NON_VOLATILE = 0;
const REG_BINARY = 3;
const ERROR_SUCCESS = 0;
const ERROR_MORE_DATA = 234;
const ERROR_NO_MORE_ITEMS = 259;
/** A value name is at most 16,383 characters (Registry element size limits). */
const MAX_VALUE_NAME_UNITS = 16_384;
/** The first data buffer; grown on ERROR_MORE_DATA. A Run value is a command line: far less. */
const FIRST_DATA_BYTES = 4096;
const MAX_DATA_BYTES = 16 * 1024 * 1024;
/** KNOWNFOLDERIDs (KnownFolders.h), as a GUID's 16 bytes. */
const FOLDER_IDS: Record<StartupFolder, string> = {
  user: 'B97D20BB-F46A-4C97-BA10-5E3608430854', // FOLDERID_Startup
  allUsers: '82A5EA35-D9CD-47C5-9629-E15D2F714E6E', // FOLDERID_CommonStartup
};
const KF_FLAG_DONT_VERIFY = 0x0000_4000;

let cached: StartupApi | undefined;

/** The bindings; throws where koffi or the DLLs can't be loaded (the adapter then says why). */
export function loadStartupApi(): StartupApi {
  if (cached) return cached;
  if (process.platform !== 'win32') throw new Error('the Windows registry exists on Windows only');
  const require = createRequire(import.meta.url);
  cached = bindStartupApi(require('koffi') as Koffi);
  return cached;
}

/** A GUID string as its in-memory bytes (Data1, Data2, Data3 little-endian; Data4 as written). */
export function guidBytes(guid: string): Buffer {
  const hex = guid.replace(/-/g, '');
  const bytes = Buffer.from(hex, 'hex');
  bytes.writeUInt32LE(bytes.readUInt32BE(0), 0);
  bytes.writeUInt16LE(bytes.readUInt16BE(4), 4);
  bytes.writeUInt16LE(bytes.readUInt16BE(6), 6);
  return bytes;
}

/** The bindings over `koffi` (exported for tests, which pass a stand-in koffi whose DLLs are JavaScript). */
export function bindStartupApi(koffi: Koffi): StartupApi {
  const exports = new ExportBinder('the Startup apps page');
  const advapi32 = exports.load(koffi, 'advapi32.dll');
  const kernel32 = exports.load(koffi, 'kernel32.dll');
  const shell32 = exports.load(koffi, 'shell32.dll');
  const ole32 = exports.load(koffi, 'ole32.dll');
  const version = exports.load(koffi, 'version.dll');
  const fn = <A extends unknown[], R>(library: LoadedLibrary, name: string, result: TypeSpec, args: TypeSpec[]) =>
    exports.required(library, name, (lib) => lib.func('__stdcall', name, result, args) as unknown as Native<A, R>);
  const outU32 = koffi.out(koffi.pointer('uint32_t'));
  const inoutU32 = koffi.inout(koffi.pointer('uint32_t'));
  const outHkey = koffi.out(koffi.pointer('intptr_t'));

  const RegOpenKeyExW = fn<[Hkey, string, number, number, Hkey[]], number>(advapi32, 'RegOpenKeyExW', 'int32_t', ['intptr_t', 'str16', 'uint32_t', 'uint32_t', outHkey]);
  const RegCreateKeyExW = fn<[Hkey, string, number, null, number, number, null, Hkey[], number[]], number>(advapi32, 'RegCreateKeyExW', 'int32_t', [
    'intptr_t',
    'str16',
    'uint32_t',
    'str16',
    'uint32_t',
    'uint32_t',
    'void *',
    outHkey,
    outU32,
  ]);
  const RegEnumValueW = fn<[Hkey, number, Buffer, number[], null, number[], Buffer, number[]], number>(advapi32, 'RegEnumValueW', 'int32_t', [
    'intptr_t',
    'uint32_t',
    koffi.pointer('uint16_t'),
    inoutU32,
    'void *',
    outU32,
    'void *',
    inoutU32,
  ]);
  const RegSetValueExW = fn<[Hkey, string, number, number, Buffer, number], number>(advapi32, 'RegSetValueExW', 'int32_t', ['intptr_t', 'str16', 'uint32_t', 'uint32_t', 'void *', 'uint32_t']);
  const RegCloseKey = fn<[Hkey], number>(advapi32, 'RegCloseKey', 'int32_t', ['intptr_t']);
  const ExpandEnvironmentStringsW = fn<[string, Buffer, number], number>(kernel32, 'ExpandEnvironmentStringsW', 'uint32_t', ['str16', koffi.pointer('uint16_t'), 'uint32_t']);
  const CoTaskMemFree = fn<[unknown], void>(ole32, 'CoTaskMemFree', 'void', ['void *']);
  // The path SHGetKnownFolderPath allocates is read as a string, then freed with CoTaskMemFree (as it says).
  const CoTaskString = koffi.disposable('str16', (pointer: unknown) => CoTaskMemFree(pointer));
  const SHGetKnownFolderPath = fn<[Buffer, number, null, (string | null)[]], number>(shell32, 'SHGetKnownFolderPath', 'int32_t', [
    'void *',
    'uint32_t',
    'void *',
    koffi.out(koffi.pointer(CoTaskString)),
  ]);
  const GetFileVersionInfoSizeW = fn<[string, number[]], number>(version, 'GetFileVersionInfoSizeW', 'uint32_t', ['str16', outU32]);
  const GetFileVersionInfoW = fn<[string, number, number, Buffer], number>(version, 'GetFileVersionInfoW', 'int', ['str16', 'uint32_t', 'uint32_t', 'void *']);

  const access = (key: RegistryKeyPath, rights: number) => rights | (key.view === 32 ? KEY_WOW64_32KEY : KEY_WOW64_64KEY);

  const readValues = (key: RegistryKeyPath): Win32Result<RegistryValue[]> => {
    const opened: Hkey[] = [0];
    const status = RegOpenKeyExW(HIVES[key.hive], key.subKey, 0, access(key, KEY_QUERY_VALUE), opened);
    if (status !== ERROR_SUCCESS) return { ok: false, error: status };
    const hkey = opened[0] ?? 0;
    try {
      const values: RegistryValue[] = [];
      const nameBuffer = Buffer.alloc(MAX_VALUE_NAME_UNITS * 2);
      let data = Buffer.alloc(FIRST_DATA_BYTES);
      for (let index = 0; ; ) {
        const nameUnits = [MAX_VALUE_NAME_UNITS];
        const type = [0];
        const dataBytes = [data.length];
        const result = RegEnumValueW(hkey, index, nameBuffer, nameUnits, null, type, data, dataBytes);
        if (result === ERROR_NO_MORE_ITEMS) return { ok: true, value: values };
        if (result === ERROR_MORE_DATA && (dataBytes[0] ?? 0) > data.length && data.length < MAX_DATA_BYTES) {
          data = Buffer.alloc(Math.min(MAX_DATA_BYTES, Math.max(dataBytes[0] ?? 0, data.length * 2)));
          continue; // the same index again, with room for its data
        }
        if (result !== ERROR_SUCCESS) return { ok: false, error: result };
        values.push({
          name: nameBuffer.toString('utf16le', 0, (nameUnits[0] ?? 0) * 2),
          type: type[0] ?? 0,
          data: Uint8Array.from(data.subarray(0, dataBytes[0] ?? 0)),
        });
        index += 1;
      }
    } finally {
      RegCloseKey(hkey);
    }
  };

  return {
    readValues,
    writeBinaryValue: (key, name, bytes) => {
      const created: Hkey[] = [0];
      const status = RegCreateKeyExW(HIVES[key.hive], key.subKey, 0, null, REG_OPTION_NON_VOLATILE, access(key, KEY_SET_VALUE), null, created, [0]);
      if (status !== ERROR_SUCCESS) return { ok: false, error: status };
      const hkey = created[0] ?? 0;
      try {
        const written = RegSetValueExW(hkey, name, 0, REG_BINARY, Buffer.from(bytes), bytes.length);
        return written === ERROR_SUCCESS ? { ok: true, value: undefined } : { ok: false, error: written };
      } finally {
        RegCloseKey(hkey);
      }
    },
    expandEnvironment: (text) => {
      let units = Math.max(256, text.length * 2);
      for (let tries = 0; tries < 4; tries++) {
        const buffer = Buffer.alloc(units * 2);
        const needed = ExpandEnvironmentStringsW(text, buffer, units);
        if (needed === 0) return text; // failed: the text as it is
        if (needed <= units) return buffer.toString('utf16le', 0, (needed - 1) * 2);
        units = needed;
      }
      return text;
    },
    startupFolder: (folder) => {
      const found: (string | null)[] = [null];
      // KF_FLAG_DONT_VERIFY: the path even when the folder was never created (nothing to list then).
      const hresult = SHGetKnownFolderPath(guidBytes(FOLDER_IDS[folder]), KF_FLAG_DONT_VERIFY, null, found);
      return hresult >= 0 && found[0] ? found[0] : null;
    },
    fileVersionInfoSize: (path) => GetFileVersionInfoSizeW(path, [0]),
    fileVersionInfo: (path, buffer) => GetFileVersionInfoW(path, 0, buffer.length, buffer) !== 0,
  };
}
