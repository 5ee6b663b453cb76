import { createRequire } from 'node:module';
import type * as Koffi from 'koffi';
import { describe, expect, it } from 'vitest';
import { defineCallbackTypes } from './win32-api.ts';

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
