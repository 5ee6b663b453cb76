import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { defineControlTypes } from './win32-bindings.ts';

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
