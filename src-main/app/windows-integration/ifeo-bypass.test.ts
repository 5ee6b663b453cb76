import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DEBUG_ONLY_THIS_PROCESS, defineWin32Types, describeWin32Error, KERNEL32_PROTOTYPES, loadIfeoBypassLauncher, mutableWideString } from './ifeo-bypass.ts';

const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');

describe('the kernel32 binding, checked without Windows', () => {
  const types = defineWin32Types(koffi);

  it('STARTUPINFOW and PROCESS_INFORMATION have the x64 layouts of processthreadsapi.h', () => {
    expect(koffi.sizeof(types.startupInfo)).toBe(104);
    expect(koffi.offsetof(types.startupInfo, 'lpReserved')).toBe(8);
    expect(koffi.offsetof(types.startupInfo, 'dwX')).toBe(32);
    expect(koffi.offsetof(types.startupInfo, 'wShowWindow')).toBe(64);
    expect(koffi.offsetof(types.startupInfo, 'lpReserved2')).toBe(72);
    expect(koffi.offsetof(types.startupInfo, 'hStdError')).toBe(96);
    expect(koffi.sizeof(types.processInformation)).toBe(24);
    expect(koffi.offsetof(types.processInformation, 'dwProcessId')).toBe(16);
    expect(koffi.offsetof(types.processInformation, 'dwThreadId')).toBe(20);
  });

  it('a second definition finds the first (koffi type names are process-wide)', () => {
    const again = defineWin32Types(koffi);
    expect(koffi.sizeof(again.startupInfo)).toBe(104);
    expect(koffi.introspect(again.processInformation)).toEqual(koffi.introspect(types.processInformation));
  });

  it.each(Object.entries(KERNEL32_PROTOTYPES))('the %s prototype parses', (_name, prototype) => {
    expect(() => koffi.proto(prototype)).not.toThrow();
  });

  it('asks to debug only the new process (what makes CreateProcess skip the IFEO Debugger)', () => {
    expect(DEBUG_ONLY_THIS_PROCESS).toBe(0x2);
    expect(KERNEL32_PROTOTYPES.createProcess).toContain('_Inout_ uint16_t *lpCommandLine');
  });
});

describe('mutableWideString', () => {
  it('is the UTF-16 code units and a terminating NUL', () => {
    expect([...mutableWideString('"C:\\a" /4')]).toEqual([...'"C:\\a" /4'].map((c) => c.charCodeAt(0)).concat(0));
    expect([...mutableWideString('任😀')]).toEqual([0x4efb, 0xd83d, 0xde00, 0]);
    expect([...mutableWideString('')]).toEqual([0]);
  });
});

describe('describeWin32Error', () => {
  it.each([
    [2, 'the program was not found'],
    [5, 'access is denied'],
    [740, 'it needs to be started as administrator'],
    [1223, 'the administrator prompt was declined'],
    [87, 'Windows error 87'],
  ])('%i', (code, text) => {
    expect(describeWin32Error(code)).toBe(text);
  });
});

describe('loadIfeoBypassLauncher', () => {
  it.each(['linux', 'darwin'] as const)('is null on %s (nothing native is loaded)', (platform) => {
    expect(loadIfeoBypassLauncher(platform)).toBeNull();
  });
});
