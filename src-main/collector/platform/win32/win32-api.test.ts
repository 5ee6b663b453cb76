import { createRequire } from 'node:module';
import type * as Koffi from 'koffi';
import { describe, expect, it } from 'vitest';
import { stubKoffi } from '../../../test-support/stub-koffi.ts';
import { ExportBinder } from './optional-exports.ts';
import { bindWin32Api, byteCount, defineCallbackTypes, OPTIONAL_EXPORTS, PROCESS_BREAK_ON_TERMINATION_CLASS, type Handle } from './win32-api.ts';

// The real koffi: it loads on Linux too (only the Windows DLLs don't), and its type names are global.
const koffi = createRequire(import.meta.url)('koffi') as typeof Koffi;

describe('defineCallbackTypes (the collector’s koffi types)', () => {
  it('can be defined again, as a second bind would (a named prototype throws "Duplicate type name")', () => {
    const first = defineCallbackTypes(koffi);
    const second = defineCallbackTypes(koffi);
    expect(koffi.introspect(first.enumWindowsProc)).toMatchObject({ primitive: 'Prototype' });
    expect(koffi.introspect(second.enumWindowsProc)).toMatchObject({ primitive: 'Prototype' });
    expect(() => koffi.pointer(second.enumWindowsProc)).not.toThrow();
  });
});

describe('byteCount (koffi’s 64-bit out-parameters)', () => {
  it.each([
    { name: 'a number, as koffi answers up to 2^53', value: 511_101_923_328, expected: 511_101_923_328 },
    { name: 'zero', value: 0, expected: 0 },
    { name: 'a BigInt, as koffi answers past 2^53, as the nearest double', value: 2n ** 53n + 2n, expected: 2 ** 53 + 2 },
    { name: 'anything else is no answer', value: null, expected: undefined },
    { name: 'a string is no answer', value: '1024', expected: undefined },
  ])('$name', ({ value, expected }) => {
    expect(byteCount(value)).toBe(expected);
  });
});

describe('bindWin32Api where an export is absent (over a stand-in koffi whose DLLs are JavaScript)', () => {
  const handle = {} as Handle;
  /** NtQueryInformationProcess answering ProcessBreakOnTermination with `flag`, or failing with `status`. */
  const breakOnTermination = (answer: { flag: number } | { status: number }) => ({
    NtQueryInformationProcess: (_h: unknown, infoClass: number, buffer: Buffer) => {
      if (infoClass !== PROCESS_BREAK_ON_TERMINATION_CLASS) return 0xc000_0003;
      if ('status' in answer) return answer.status;
      buffer.writeUInt32LE(answer.flag, 0);
      return 0;
    },
  });

  it.each(OPTIONAL_EXPORTS)('still binds without %s, and lists it as missing', (absent) => {
    const { koffi } = stubKoffi({}, new Set([absent]));
    const api = bindWin32Api(koffi);
    expect(api.missingExports()).toEqual([absent]);
  });

  it('asks IsProcessCritical where it exists (and never the fallback)', () => {
    const { koffi } = stubKoffi({
      'kernel32.dll': { IsProcessCritical: (_h: unknown, out: [number]) => ((out[0] = 1), 1) },
      'ntdll.dll': breakOnTermination({ status: 0xc000_0022 }),
    });
    expect(bindWin32Api(koffi).isProcessCritical(handle)).toBe(true);
  });

  it.each([
    { flag: 1, expected: true },
    { flag: 0, expected: false },
  ])('without IsProcessCritical (Wine 8), ProcessBreakOnTermination = $flag reads critical: $expected', ({ flag, expected }) => {
    const { koffi } = stubKoffi({ 'ntdll.dll': breakOnTermination({ flag }) }, new Set(['kernel32.dll!IsProcessCritical']));
    expect(bindWin32Api(koffi).isProcessCritical(handle)).toBe(expected);
  });

  it('without IsProcessCritical, and ProcessBreakOnTermination refused: null (unknown), not false', () => {
    const { koffi } = stubKoffi({ 'ntdll.dll': breakOnTermination({ status: 0xc000_0022 }) }, new Set(['kernel32.dll!IsProcessCritical']));
    expect(bindWin32Api(koffi).isProcessCritical(handle)).toBeNull();
  });

  it('knows Wine by ntdll’s wine_get_version, and Windows by its absence', () => {
    const wine = stubKoffi({ 'ntdll.dll': { wine_get_version: () => '8.0' } });
    expect(bindWin32Api(wine.koffi).wineVersion()).toBe('8.0');
    const windows = stubKoffi({}, new Set(['ntdll.dll!wine_get_version']));
    expect(bindWin32Api(windows.koffi).wineVersion()).toBeNull();
  });

  it('names the DLL and the export when a required one is absent', () => {
    const { koffi } = stubKoffi({}, new Set(['ntdll.dll!NtQuerySystemInformation']));
    expect(() => bindWin32Api(koffi)).toThrow(/ntdll\.dll has no NtQuerySystemInformation, which the sampler needs/);
  });

  it('throws a malformed prototype as the bug it is, not as an absent export', () => {
    const binder = new ExportBinder('a test');
    const library = { dll: 'x.dll', lib: realKoffiLibThatThrows('unknown type "uint33"') };
    expect(() => binder.optional(library, 'F', (l) => l.func('uint33 F()'))).toThrow(/uint33/);
  });
});

/** A library whose every `func` throws `message`. */
function realKoffiLibThatThrows(message: string): Koffi.IKoffiLib {
  return {
    func: () => {
      throw new Error(message);
    },
  } as unknown as Koffi.IKoffiLib;
}
