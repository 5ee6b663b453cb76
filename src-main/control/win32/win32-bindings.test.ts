import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { stubKoffi } from '../../test-support/stub-koffi.ts';
import type { Win32Api } from './win32-api.ts';
import { bindControlApi, CONTROL_OPTIONAL_EXPORTS, defineControlTypes } from './win32-bindings.ts';
import { WIN32_ERROR } from './win32-errors.ts';

// The real koffi: it loads on Linux too (only the Windows DLLs don't), and its type names are global.
const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');

describe('defineControlTypes (the control’s koffi types)', () => {
  it('can be defined again, as a second bind would (a named type throws "Duplicate type name")', () => {
    const first = defineControlTypes(koffi);
    const second = defineControlTypes(koffi);
    expect(koffi.introspect(second.ENUM_WINDOWS_PROC)).toMatchObject({ primitive: 'Prototype' });
    expect(koffi.sizeof(second.FILETIME)).toBe(8);
    expect(koffi.sizeof(first.POWER_THROTTLING_STATE)).toBe(12);
    // SHELLEXECUTEINFOW on 64-bit Windows is 112 bytes; the same layout rules hold on 64-bit Linux.
    expect(koffi.sizeof(second.SHELLEXECUTEINFOW)).toBe(koffi.sizeof('void *') === 8 ? 112 : 60);
  });
});

describe('bindControlApi where an export is absent (over a stand-in koffi whose DLLs are JavaScript)', () => {
  const opened = (api: Win32Api) => {
    const handle = api.openProcess(4242, 0x1000);
    if (!handle.ok) throw new Error('OpenProcess');
    return handle.value;
  };
  const folder = (text: string) => (buffer: Buffer) => (buffer.write(text, 'utf16le'), text.length);
  const kernel32 = { OpenProcess: () => ({}), GetSystemWindowsDirectoryW: folder('C:\\Windows'), GetSystemDirectoryW: folder('C:\\Windows\\System32') };

  it.each(CONTROL_OPTIONAL_EXPORTS)('still binds without %s', (absent) => {
    const { koffi } = stubKoffi({ 'kernel32.dll': kernel32 }, new Set([absent]));
    expect(() => bindControlApi(koffi, '/koffi')).not.toThrow();
  });

  it('answers ERROR_PROC_NOT_FOUND from isCritical without IsProcessCritical, and reads ProcessBreakOnTermination', () => {
    const { koffi } = stubKoffi(
      {
        'kernel32.dll': kernel32,
        'ntdll.dll': {
          NtQueryInformationProcess: (_h: unknown, infoClass: number, buffer: Buffer) => (infoClass === 29 ? (buffer.writeUInt32LE(1, 0), 0) : 0xc000_0003),
        },
      },
      new Set(['kernel32.dll!IsProcessCritical']),
    );
    const api = bindControlApi(koffi, '/koffi');
    const handle = opened(api);
    expect(api.isCritical(handle)).toEqual({ ok: false, error: WIN32_ERROR.PROC_NOT_FOUND });
    expect(api.breakOnTermination(handle)).toEqual({ ok: true, value: true });
  });

  it('answers the NTSTATUS when ProcessBreakOnTermination is refused', () => {
    const { koffi } = stubKoffi({ 'kernel32.dll': kernel32, 'ntdll.dll': { NtQueryInformationProcess: () => 0xc000_0022 } });
    const api = bindControlApi(koffi, '/koffi');
    expect(api.breakOnTermination(opened(api))).toEqual({ ok: false, error: 0xc000_0022 });
  });

  it('answers ERROR_PROC_NOT_FOUND from setPowerThrottling without SetProcessInformation (efficiency mode: UNSUPPORTED)', () => {
    const { koffi, bound } = stubKoffi({ 'kernel32.dll': kernel32 }, new Set(['kernel32.dll!SetProcessInformation']));
    const api = bindControlApi(koffi, '/koffi');
    expect(api.setPowerThrottling(opened(api), { version: 1, controlMask: 1, stateMask: 1 })).toEqual({ ok: false, error: WIN32_ERROR.PROC_NOT_FOUND });
    expect(bound).not.toContain('kernel32.dll!SetProcessInformation');
  });

  it('takes the Windows folder from Windows (GetSystemWindowsDirectoryW), never from %SystemRoot%', () => {
    const saved = process.env['SystemRoot'];
    process.env['SystemRoot'] = 'C:\\Users\\u\\fake-windows';
    try {
      const { koffi } = stubKoffi({ 'kernel32.dll': kernel32 });
      expect(bindControlApi(koffi, '/koffi').systemWindowsDirectory()).toBe('C:\\Windows');
    } finally {
      if (saved === undefined) delete process.env['SystemRoot'];
      else process.env['SystemRoot'] = saved;
    }
  });

  it('names the DLL and the export when a required one is absent', () => {
    const { koffi } = stubKoffi({}, new Set(['ntdll.dll!NtSuspendProcess']));
    expect(() => bindControlApi(koffi, '/koffi')).toThrow(/ntdll\.dll has no NtSuspendProcess, which process control needs/);
  });
});
