/**
 * Binding DLL exports through koffi when some may be absent. A supported Windows build or Wine can
 * lack an export (Wine 8's kernel32 has no IsProcessCritical): an optional one is bound only if
 * present, and its absence is remembered (`missing()`) so the caller answers null or UNSUPPORTED for
 * what it serves; a required one that is absent is an error naming the DLL and the export, instead
 * of koffi's bare "Cannot find function". Used by both koffi modules (the sampler's and control's).
 */
import type * as Koffi from 'koffi';

export interface LoadedLibrary {
  readonly dll: string;
  readonly lib: Koffi.IKoffiLib;
}

/** koffi's message for an export the DLL does not have (koffi 2.x). */
const MISSING_EXPORT = /Cannot find function/;

/** `OpenProcess` from a koffi prototype string such as `void * __stdcall OpenProcess(uint32 access)`. */
export function nameOfDefinition(definition: string): string {
  const name = /([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(definition)?.[1];
  if (name === undefined) throw new Error(`no function name in the prototype ${JSON.stringify(definition)}`);
  return name;
}

export class ExportBinder {
  private readonly absent: string[] = [];
  private readonly user: string;

  /** `user` names the module in errors ("the sampler", "process control"). */
  constructor(user: string) {
    this.user = user;
  }

  load(koffi: { load(path: string): Koffi.IKoffiLib }, dll: string): LoadedLibrary {
    return { dll, lib: koffi.load(dll) };
  }

  /** Binds an export that must exist; throws a clear error when it does not. */
  required<T>(library: LoadedLibrary, name: string, make: (lib: Koffi.IKoffiLib) => T): T {
    const bound = this.tryBind(library, name, make);
    if (bound === null) throw new Error(`${library.dll} has no ${name}, which ${this.user} needs: this version of Windows (or Wine) is not supported`);
    return bound;
  }

  /** Binds an export that may be absent: null (and remembered in `missing()`) when it is. */
  optional<T>(library: LoadedLibrary, name: string, make: (lib: Koffi.IKoffiLib) => T): T | null {
    const bound = this.tryBind(library, name, make);
    if (bound === null) this.absent.push(`${library.dll}!${name}`);
    return bound;
  }

  /** The optional exports found absent, as `dll!name`. */
  missing(): readonly string[] {
    return [...this.absent];
  }

  private tryBind<T>(library: LoadedLibrary, name: string, make: (lib: Koffi.IKoffiLib) => T): T | null {
    try {
      return make(library.lib);
    } catch (error) {
      // Only an absent export is an answer; a malformed prototype is a bug and is thrown.
      if (error instanceof Error && MISSING_EXPORT.test(error.message)) return null;
      throw error;
    }
  }
}
