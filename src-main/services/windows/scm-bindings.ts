/**
 * `ScmApi` through koffi 2.16 (advapi32), loaded on first use and only on Windows. The listing is
 * the collector's EnumServicesStatusExW binding and decoder (`queryServiceEntries` over the
 * sampler's bindings, with SERVICE_STATE_ALL); the calls on one service are bound here. Buffers the
 * SCM fills are Node Buffers, read by the pure scm-structs.ts; a call that says its buffer is too
 * small is made again with the size it asked for. Every type is anonymous (koffi's type names are
 * global to main, which binds koffi elsewhere too). GetLastError is read right after each failing
 * call, on main (koffi keeps its value across its own work).
 */
import { createRequire } from 'node:module';
import type { Win32Result } from '../../control/win32/win32-api.ts';
import { ExportBinder, type LoadedLibrary } from '../../collector/platform/win32/optional-exports.ts';
import { loadWin32Api as loadSamplerApi } from '../../collector/platform/win32/win32-api.ts';
import { queryServiceEntries, SERVICE_STATE_ALL, type ServiceEnumerationApi } from '../../collector/platform/win32/win32-queries.ts';
import type { ScHandle, ScmApi } from './scm-api.ts';
import {
  ENUM_SERVICE_STATUS_BYTES,
  parseDelayedAutoStart,
  parseDependentServices,
  parseServiceConfig,
  parseServiceDescription,
  parseServiceStatusProcess,
  SERVICE_STATUS_PROCESS_BYTES,
} from './scm-structs.ts';

type Koffi = typeof import('koffi');
type TypeSpec = Parameters<Koffi['sizeof']>[0];
type Native<A extends unknown[], R> = (...args: A) => R;

const ERROR_INSUFFICIENT_BUFFER = 122;
const ERROR_MORE_DATA = 234;
const SERVICE_CONFIG_DESCRIPTION = 1;
const SERVICE_CONFIG_DELAYED_AUTO_START_INFO = 3;
const SC_STATUS_PROCESS_INFO = 0;
const SERVICE_CONTROL_STOP = 1;
/** EnumDependentServicesW's dwServiceState: the running (not stopped) dependents. */
const SERVICE_ACTIVE = 1;
/** SERVICE_STATUS, which ControlService fills: seven DWORDs. */
const SERVICE_STATUS_BYTES = 28;
/** QueryServiceConfig(2)W's documented largest answer is 8 KiB; dependents 256 KiB (the SCM's own limit). */
const CONFIG_MAX_BYTES = 8 * 1024;
const DEPENDENTS_MAX_BYTES = 256 * 1024;

let cached: ScmApi | undefined;

/** The bindings; throws where koffi or advapi32 can't be loaded (the commands then answer UNSUPPORTED). */
export function loadScmApi(): ScmApi {
  if (cached) return cached;
  if (process.platform !== 'win32') throw new Error('the Service Control Manager exists on Windows only');
  cached = bindScmApi(createRequire(import.meta.url)('koffi') as Koffi, loadSamplerApi());
  return cached;
}

/**
 * Calls `call` with a buffer of `initialBytes`, and once more with the size it asks for when it
 * answers `growError` (and that size is at most `maxBytes`). Returns the buffer it filled.
 */
export function withGrowingBuffer(
  initialBytes: number,
  maxBytes: number,
  growError: number,
  call: (buffer: Buffer, needed: [number]) => boolean,
  lastError: () => number,
): Win32Result<Buffer> {
  let buffer = Buffer.alloc(initialBytes);
  for (let attempt = 0; attempt < 2; attempt++) {
    const needed: [number] = [0];
    if (call(buffer, needed)) return { ok: true, value: buffer };
    const error = lastError();
    if (error !== growError || needed[0] <= buffer.length || needed[0] > maxBytes) return { ok: false, error };
    buffer = Buffer.alloc(needed[0]);
  }
  return { ok: false, error: growError };
}

/** The bindings over `koffi`; `sampler` lists the services (exported for tests, which pass stand-ins). */
export function bindScmApi(koffi: Koffi, sampler: ServiceEnumerationApi): ScmApi {
  const exports = new ExportBinder('the Services page');
  const kernel32 = exports.load(koffi, 'kernel32.dll');
  const advapi32 = exports.load(koffi, 'advapi32.dll');
  const HANDLE = koffi.pointer(koffi.opaque());
  const outU32 = koffi.out(koffi.pointer('uint32_t'));
  const fn = <A extends unknown[], R>(library: LoadedLibrary, name: string, result: TypeSpec, args: TypeSpec[]) =>
    exports.required(library, name, (lib) => lib.func('__stdcall', name, result, args) as unknown as Native<A, R>);

  const GetLastError = fn<[], number>(kernel32, 'GetLastError', 'uint32_t', []);
  const OpenSCManagerW = fn<[null, null, number], unknown>(advapi32, 'OpenSCManagerW', HANDLE, ['str16', 'str16', 'uint32_t']);
  const OpenServiceW = fn<[unknown, string, number], unknown>(advapi32, 'OpenServiceW', HANDLE, [HANDLE, 'str16', 'uint32_t']);
  const CloseServiceHandle = fn<[unknown], number>(advapi32, 'CloseServiceHandle', 'int', [HANDLE]);
  const QueryServiceConfigW = fn<[unknown, Buffer, number, number[]], number>(advapi32, 'QueryServiceConfigW', 'int', [HANDLE, 'void *', 'uint32_t', outU32]);
  const QueryServiceConfig2W = fn<[unknown, number, Buffer, number, number[]], number>(advapi32, 'QueryServiceConfig2W', 'int', [
    HANDLE,
    'uint32_t',
    'void *',
    'uint32_t',
    outU32,
  ]);
  const QueryServiceStatusEx = fn<[unknown, number, Buffer, number, number[]], number>(advapi32, 'QueryServiceStatusEx', 'int', [HANDLE, 'int', 'void *', 'uint32_t', outU32]);
  const StartServiceW = fn<[unknown, number, null], number>(advapi32, 'StartServiceW', 'int', [HANDLE, 'uint32_t', 'void *']);
  const ControlService = fn<[unknown, number, Buffer], number>(advapi32, 'ControlService', 'int', [HANDLE, 'uint32_t', 'void *']);
  const EnumDependentServicesW = fn<[unknown, number, Buffer, number, number[], number[]], number>(advapi32, 'EnumDependentServicesW', 'int', [
    HANDLE,
    'uint32_t',
    'void *',
    'uint32_t',
    outU32,
    outU32,
  ]);

  const natives = new WeakMap<ScHandle, unknown>();
  const wrap = (native: unknown): ScHandle => {
    const handle: ScHandle = { kind: 'sc-handle' };
    natives.set(handle, native);
    return handle;
  };
  const unwrap = (handle: ScHandle): unknown => {
    if (!natives.has(handle)) throw new Error('not a handle of these bindings');
    return natives.get(handle);
  };
  const fail = (): { ok: false; error: number } => ({ ok: false, error: GetLastError() });
  const opened = (native: unknown): Win32Result<ScHandle> => (native === null ? fail() : { ok: true, value: wrap(native) });
  const lastError = () => GetLastError();
  /** QueryServiceConfig2W at `level`, its buffer as filled. */
  const config2 = (service: ScHandle, level: number, initialBytes: number) =>
    withGrowingBuffer(initialBytes, CONFIG_MAX_BYTES, ERROR_INSUFFICIENT_BUFFER, (buffer, needed) => QueryServiceConfig2W(unwrap(service), level, buffer, buffer.length, needed) !== 0, lastError);

  return {
    listServices: () => {
      const listed = queryServiceEntries(sampler, SERVICE_STATE_ALL);
      return listed.ok ? { ok: true, value: listed.entries } : listed;
    },
    openManager: (access) => opened(OpenSCManagerW(null, null, access)),
    openService: (manager, name, access) => opened(OpenServiceW(unwrap(manager), name, access)),
    closeHandle: (handle) => {
      CloseServiceHandle(unwrap(handle));
      natives.delete(handle);
    },
    config: (service) => {
      const filled = withGrowingBuffer(
        1024,
        CONFIG_MAX_BYTES,
        ERROR_INSUFFICIENT_BUFFER,
        (buffer, needed) => QueryServiceConfigW(unwrap(service), buffer, buffer.length, needed) !== 0,
        lastError,
      );
      if (!filled.ok) return filled;
      return { ok: true, value: parseServiceConfig(filled.value, koffi.address(filled.value), filled.value.length) };
    },
    description: (service) => {
      const filled = config2(service, SERVICE_CONFIG_DESCRIPTION, 1024);
      return filled.ok ? { ok: true, value: parseServiceDescription(filled.value, koffi.address(filled.value), filled.value.length) } : filled;
    },
    isDelayedAutoStart: (service) => {
      const filled = config2(service, SERVICE_CONFIG_DELAYED_AUTO_START_INFO, 4);
      return filled.ok ? { ok: true, value: parseDelayedAutoStart(filled.value) } : filled;
    },
    status: (service) => {
      const buffer = Buffer.alloc(SERVICE_STATUS_PROCESS_BYTES);
      if (QueryServiceStatusEx(unwrap(service), SC_STATUS_PROCESS_INFO, buffer, buffer.length, [0]) === 0) return fail();
      return { ok: true, value: parseServiceStatusProcess(buffer) };
    },
    start: (service) => (StartServiceW(unwrap(service), 0, null) !== 0 ? { ok: true, value: undefined } : fail()),
    stop: (service) => (ControlService(unwrap(service), SERVICE_CONTROL_STOP, Buffer.alloc(SERVICE_STATUS_BYTES)) !== 0 ? { ok: true, value: undefined } : fail()),
    activeDependents: (service) => {
      const returned: [number] = [0];
      const filled = withGrowingBuffer(
        16 * ENUM_SERVICE_STATUS_BYTES * 4,
        DEPENDENTS_MAX_BYTES,
        ERROR_MORE_DATA,
        (buffer, needed) => EnumDependentServicesW(unwrap(service), SERVICE_ACTIVE, buffer, buffer.length, needed, returned) !== 0,
        lastError,
      );
      if (!filled.ok) return filled;
      return { ok: true, value: parseDependentServices(filled.value, koffi.address(filled.value), filled.value.length, returned[0]) };
    },
  };
}
