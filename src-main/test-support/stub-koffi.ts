/**
 * A koffi whose DLLs are JavaScript: the real koffi for types (struct, pointer, proto, sizeof, …)
 * and `load(dll)` answering a library whose exports are the functions a test gives. An export the
 * test does not give is absent, and binding it throws koffi's own "Cannot find function" error, as
 * a DLL without it does. So the real binding code (`bindWin32Api`, `bindControlApi`) runs on Linux
 * over a Windows, or a Wine, that lacks any chosen export.
 */
import { createRequire } from 'node:module';
import type * as Koffi from 'koffi';
import { nameOfDefinition } from '../collector/platform/win32/optional-exports.ts';

type Koffi = typeof Koffi;
type Export = (...args: never[]) => unknown;

export interface StubKoffi {
  koffi: Koffi;
  /** `dll!name` of every export bound, in order. */
  bound: string[];
}

const realKoffi = createRequire(import.meta.url)('koffi') as Koffi;

/**
 * `exports`: `dll` → export name → its implementation; `absent`: `dll!name` to remove from those
 * (or from the default stubs). Any export not given is a stub answering 0.
 */
export function stubKoffi(exports: Readonly<Record<string, Readonly<Record<string, Export>>>>, absent: ReadonlySet<string> = new Set()): StubKoffi {
  const bound: string[] = [];
  const load = (dll: string): Koffi.IKoffiLib => {
    const func = (...args: unknown[]): unknown => {
      const name = args.length === 1 ? nameOfDefinition(String(args[0])) : String(args[1]);
      if (absent.has(`${dll}!${name}`)) throw new Error(`Cannot find function '${name}' in shared library`);
      bound.push(`${dll}!${name}`);
      const given = exports[dll]?.[name];
      const call = given ?? ((): number => 0);
      return Object.assign((...callArgs: unknown[]) => (call as (...a: unknown[]) => unknown)(...callArgs), {
        async: (...callArgs: unknown[]) => {
          const done = callArgs.pop() as (error: unknown, result: unknown) => void;
          done(null, (call as (...a: unknown[]) => unknown)(...callArgs));
        },
      });
    };
    // Only what the bindings use of a library: `func`.
    return { func } as unknown as Koffi.IKoffiLib;
  };
  const koffi = new Proxy(realKoffi, { get: (target, key, receiver) => (key === 'load' ? load : Reflect.get(target, key, receiver)) });
  return { koffi, bound };
}
