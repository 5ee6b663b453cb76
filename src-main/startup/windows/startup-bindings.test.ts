import { describe, expect, it } from 'vitest';
import { stubKoffi } from '../../test-support/stub-koffi.ts';
import { bindStartupApi, guidBytes } from './startup-bindings.ts';

type Hkey = number | bigint;
const HKCU = 0x8000_0001 | 0;
const HKLM = 0x8000_0002 | 0;

/** advapi32 over one key's values, recording the access each open asked for; a value's data may need a second call. */
function registry(values: { name: string; type: number; data: Buffer }[]) {
  const opened: { hive: Hkey; subKey: string; access: number }[] = [];
  const closed: Hkey[] = [];
  const set: { name: string; type: number; data: Buffer }[] = [];
  const advapi32 = {
    RegOpenKeyExW: (hive: Hkey, subKey: string, _options: number, access: number, out: Hkey[]) => {
      opened.push({ hive, subKey, access });
      if (subKey.endsWith('Missing')) return 2;
      out[0] = 0x4242;
      return 0;
    },
    RegCreateKeyExW: (hive: Hkey, subKey: string, _r: number, _c: null, _o: number, access: number, _sa: null, out: Hkey[]) => {
      opened.push({ hive, subKey, access });
      if (hive === HKLM) return 5;
      out[0] = 0x4343;
      return 0;
    },
    RegEnumValueW: (_key: Hkey, index: number, name: Buffer, nameUnits: number[], _r: null, type: number[], data: Buffer, dataBytes: number[]) => {
      const value = values[index];
      if (!value) return 259;
      if (value.data.length > data.length) {
        dataBytes[0] = value.data.length;
        return 234;
      }
      name.write(value.name, 'utf16le');
      nameUnits[0] = value.name.length;
      type[0] = value.type;
      value.data.copy(data);
      dataBytes[0] = value.data.length;
      return 0;
    },
    RegSetValueExW: (_key: Hkey, name: string, _r: number, type: number, data: Buffer, length: number) => {
      set.push({ name, type, data: Buffer.from(data.subarray(0, length)) });
      return 0;
    },
    RegCloseKey: (key: Hkey) => {
      closed.push(key);
      return 0;
    },
  };
  return { advapi32, opened, closed, set };
}

describe('bindStartupApi (over a stand-in koffi whose DLLs are JavaScript)', () => {
  it('reads every value of a key, asking again with a larger buffer for a value that does not fit, and closes the key', () => {
    const long = Buffer.alloc(10_000, 0x41);
    const reg = registry([
      { name: 'Short', type: 1, data: Buffer.from('a.exe\0', 'utf16le') },
      { name: 'Long', type: 3, data: long },
    ]);
    const api = bindStartupApi(stubKoffi({ 'advapi32.dll': reg.advapi32 }).koffi);
    const read = api.readValues({ hive: 'HKEY_CURRENT_USER', subKey: 'Software\\Run', view: 64 });
    expect(read.ok && read.value.map((v) => [v.name, v.type, v.data.length])).toEqual([
      ['Short', 1, 12],
      ['Long', 3, 10_000],
    ]);
    // HKEY_CURRENT_USER sign-extended, KEY_QUERY_VALUE | KEY_WOW64_64KEY.
    expect(reg.opened).toEqual([{ hive: HKCU, subKey: 'Software\\Run', access: 0x101 }]);
    expect(reg.closed).toEqual([0x4242]);
  });

  it('opens the 32-bit view with KEY_WOW64_32KEY, and answers the error of a key that is not there', () => {
    const reg = registry([]);
    const api = bindStartupApi(stubKoffi({ 'advapi32.dll': reg.advapi32 }).koffi);
    expect(api.readValues({ hive: 'HKEY_LOCAL_MACHINE', subKey: 'Software\\Missing', view: 32 })).toEqual({ ok: false, error: 2 });
    expect(reg.opened).toEqual([{ hive: HKLM, subKey: 'Software\\Missing', access: 0x201 }]);
    expect(reg.closed).toEqual([]);
  });

  it('writes REG_BINARY through a created key (KEY_SET_VALUE), and answers a refusal’s error', () => {
    const reg = registry([]);
    const api = bindStartupApi(stubKoffi({ 'advapi32.dll': reg.advapi32 }).koffi);
    const data = Uint8Array.from([3, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(api.writeBinaryValue({ hive: 'HKEY_CURRENT_USER', subKey: 'Approved\\Run', view: 64 }, 'App', data)).toEqual({ ok: true, value: undefined });
    expect(reg.set).toEqual([{ name: 'App', type: 3, data: Buffer.from(data) }]);
    expect(reg.opened[0]?.access).toBe(0x102);
    expect(reg.closed).toEqual([0x4343]);
    expect(api.writeBinaryValue({ hive: 'HKEY_LOCAL_MACHINE', subKey: 'Approved\\Run', view: 64 }, 'App', data)).toEqual({ ok: false, error: 5 });
  });

  it('expands environment variables, growing the buffer to the size Windows asks for', () => {
    const expanded = 'C:\\Users\\' + 'x'.repeat(400) + '\\a.exe';
    const kernel32 = {
      ExpandEnvironmentStringsW: (_text: string, buffer: Buffer, units: number) => {
        if (units < expanded.length + 1) return expanded.length + 1;
        buffer.write(`${expanded}\0`, 'utf16le');
        return expanded.length + 1;
      },
    };
    const api = bindStartupApi(stubKoffi({ 'kernel32.dll': kernel32 }).koffi);
    expect(api.expandEnvironment('%USERPROFILE%\\a.exe')).toBe(expanded);
  });

  it('asks SHGetKnownFolderPath for FOLDERID_Startup and FOLDERID_CommonStartup', () => {
    const asked: string[] = [];
    const shell32 = {
      SHGetKnownFolderPath: (id: Buffer, _flags: number, _token: null, out: (string | null)[]) => {
        asked.push(id.toString('hex'));
        if (asked.length === 2) return 0x8007_0002 | 0; // E_FILENOTFOUND-style failure for the second
        out[0] = 'C:\\Users\\ann\\Startup';
        return 0;
      },
    };
    const api = bindStartupApi(stubKoffi({ 'shell32.dll': shell32 }).koffi);
    expect(api.startupFolder('user')).toBe('C:\\Users\\ann\\Startup');
    expect(api.startupFolder('allUsers')).toBeNull();
    expect(asked).toEqual([guidBytes('B97D20BB-F46A-4C97-BA10-5E3608430854').toString('hex'), guidBytes('82A5EA35-D9CD-47C5-9629-E15D2F714E6E').toString('hex')]);
  });

  it('lays a GUID out as Windows does (Data1–3 little-endian)', () => {
    expect(guidBytes('00021401-0000-0000-C000-000000000046').toString('hex')).toBe('0114020000000000c000000000000046');
  });

  it('names the export a DLL lacks', () => {
    const { koffi } = stubKoffi({}, new Set(['advapi32.dll!RegEnumValueW']));
    expect(() => bindStartupApi(koffi)).toThrow(/advapi32\.dll has no RegEnumValueW/);
  });
});
