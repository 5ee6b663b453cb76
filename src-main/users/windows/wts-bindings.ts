/**
 * `WtsApi` through koffi 2.16 (wtsapi32), loaded on first use and only on Windows. The memory WTS
 * allocates is copied out (session entries decoded by koffi's struct, answers as bytes for the pure
 * wts-info.ts) and given back with WTSFreeMemory at once. Types are anonymous (koffi's type names
 * are global to main). GetLastError is read right after each failing call.
 */
import { createRequire } from 'node:module';
import { ExportBinder, type LoadedLibrary } from '../../collector/platform/win32/optional-exports.ts';
import type { WtsApi, WtsSessionEntry } from './wts-api.ts';

type Koffi = typeof import('koffi');
type TypeSpec = Parameters<Koffi['sizeof']>[0];
type Native<A extends unknown[], R> = (...args: A) => R;

/** WTSEnumerateSessionsW's Version: must be 1. */
const ENUMERATE_VERSION = 1;
/** An answer larger than this is not a session's name or WTSINFOW: refused rather than copied. */
const MAX_ANSWER_BYTES = 64 * 1024;
const ERROR_INVALID_DATA = 13;

let cached: WtsApi | undefined;

/** The bindings; throws where koffi or wtsapi32 can't be loaded (the page then says why). */
export function loadWtsApi(): WtsApi {
  if (cached) return cached;
  if (process.platform !== 'win32') throw new Error('WTS sessions exist on Windows only');
  cached = bindWtsApi(createRequire(import.meta.url)('koffi') as Koffi);
  return cached;
}

export function bindWtsApi(koffi: Koffi): WtsApi {
  const exports = new ExportBinder('the Users page');
  const kernel32 = exports.load(koffi, 'kernel32.dll');
  const wtsapi32 = exports.load(koffi, 'wtsapi32.dll');
  const fn = <A extends unknown[], R>(library: LoadedLibrary, name: string, result: TypeSpec, args: TypeSpec[]) =>
    exports.required(library, name, (lib) => lib.func('__stdcall', name, result, args) as unknown as Native<A, R>);
  const outPointer = koffi.out(koffi.pointer('void *'));
  const outU32 = koffi.out(koffi.pointer('uint32_t'));
  const SESSION_INFO = koffi.struct({ SessionId: 'uint32_t', pWinStationName: 'str16', State: 'int' });

  const GetLastError = fn<[], number>(kernel32, 'GetLastError', 'uint32_t', []);
  const WTSEnumerateSessionsW = fn<[null, number, number, unknown[], number[]], number>(wtsapi32, 'WTSEnumerateSessionsW', 'int', [
    'void *',
    'uint32_t',
    'uint32_t',
    outPointer,
    outU32,
  ]);
  const WTSQuerySessionInformationW = fn<[null, number, number, unknown[], number[]], number>(wtsapi32, 'WTSQuerySessionInformationW', 'int', [
    'void *',
    'uint32_t',
    'int',
    outPointer,
    outU32,
  ]);
  const WTSFreeMemory = fn<[unknown], void>(wtsapi32, 'WTSFreeMemory', 'void', ['void *']);
  const fail = (): { ok: false; error: number } => ({ ok: false, error: GetLastError() });

  return {
    enumerateSessions: () => {
      const info: unknown[] = [null];
      const count = [0];
      if (WTSEnumerateSessionsW(null, 0, ENUMERATE_VERSION, info, count) === 0) return fail();
      const n = count[0] ?? 0;
      if (info[0] === null || n === 0) return { ok: true, value: [] };
      try {
        const entries = koffi.decode(info[0], koffi.array(SESSION_INFO, n)) as { SessionId: number; pWinStationName: string | null; State: number }[];
        return { ok: true, value: entries.map((e): WtsSessionEntry => ({ id: e.SessionId, station: e.pWinStationName ?? '', connectState: e.State })) };
      } finally {
        WTSFreeMemory(info[0]);
      }
    },
    querySession: (sessionId, infoClass) => {
      const buffer: unknown[] = [null];
      const bytes = [0];
      if (WTSQuerySessionInformationW(null, sessionId, infoClass, buffer, bytes) === 0) return fail();
      try {
        const length = bytes[0] ?? 0;
        if (buffer[0] === null || length === 0) return { ok: true, value: new Uint8Array(0) };
        if (length > MAX_ANSWER_BYTES) return { ok: false, error: ERROR_INVALID_DATA };
        return { ok: true, value: Uint8Array.from(koffi.decode(buffer[0], koffi.array('uint8_t', length)) as ArrayLike<number>) };
      } finally {
        if (buffer[0] !== null) WTSFreeMemory(buffer[0]);
      }
    },
  };
}
