import { createRequire } from 'node:module';
import type * as Koffi from 'koffi';
import { describe, expect, it } from 'vitest';
import { byteCount, defineCallbackTypes } from './win32-api.ts';

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
