/**
 * The Service Control Manager calls the Services page makes, as plain TypeScript: scm-bindings.ts
 * implements them with koffi on Windows, fake-scm-api.ts with a simulated SCM, so every decision
 * above the FFI (windows-services.ts, service-control.ts) runs and is tested on Linux. Each call
 * answers a value: the result, or the Win32 error (GetLastError) it failed with.
 */
import type { ServiceEntry } from '../../collector/platform/win32/service-list.ts';
import type { Win32Result } from '../../control/win32/win32-api.ts';
import type { DependentService, ServiceConfig, ServiceStatus } from './scm-structs.ts';

/** An open SC_HANDLE (the manager or a service), opaque outside the bindings. */
export interface ScHandle {
  readonly kind: 'sc-handle';
}

/** OpenSCManagerW's rights. */
export const SC_MANAGER_CONNECT = 0x0001;
/** OpenServiceW's rights (winsvc.h). */
export const SERVICE_ACCESS = {
  QUERY_CONFIG: 0x0001,
  QUERY_STATUS: 0x0004,
  ENUMERATE_DEPENDENTS: 0x0008,
  START: 0x0010,
  STOP: 0x0020,
} as const;

export interface ScmApi {
  /** Every Win32 service, stopped ones too (EnumServicesStatusExW, SERVICE_WIN32, SERVICE_STATE_ALL). */
  listServices(): Win32Result<ServiceEntry[]>;
  /** OpenSCManagerW on this machine. */
  openManager(access: number): Win32Result<ScHandle>;
  /** OpenServiceW; ERROR_SERVICE_DOES_NOT_EXIST (1060) for an unknown name. */
  openService(manager: ScHandle, name: string, access: number): Win32Result<ScHandle>;
  closeHandle(handle: ScHandle): void;
  /** QueryServiceConfigW (SERVICE_QUERY_CONFIG). */
  config(service: ScHandle): Win32Result<ServiceConfig>;
  /** QueryServiceConfig2W(SERVICE_CONFIG_DESCRIPTION); null when it has none. */
  description(service: ScHandle): Win32Result<string | null>;
  /** QueryServiceConfig2W(SERVICE_CONFIG_DELAYED_AUTO_START_INFO); Wine 8 answers ERROR_INVALID_LEVEL (124). */
  isDelayedAutoStart(service: ScHandle): Win32Result<boolean>;
  /** QueryServiceStatusEx(SC_STATUS_PROCESS_INFO) (SERVICE_QUERY_STATUS). */
  status(service: ScHandle): Win32Result<ServiceStatus>;
  /** StartServiceW with no arguments (SERVICE_START); returns once the SCM has launched it (START_PENDING). */
  start(service: ScHandle): Win32Result<void>;
  /** ControlService(SERVICE_CONTROL_STOP) (SERVICE_STOP); returns once the service was asked, not once it stopped. */
  stop(service: ScHandle): Win32Result<void>;
  /** EnumDependentServicesW(SERVICE_ACTIVE): the running services that depend on it, in the order to stop them (Wine 8: always none). */
  activeDependents(service: ScHandle): Win32Result<DependentService[]>;
}
