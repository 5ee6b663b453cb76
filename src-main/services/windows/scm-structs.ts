/**
 * The Service Control Manager's structures (x64 layouts, winsvc.h), read out of the buffers the
 * calls fill. Pure: bytes in, values out, through the collector's StructReader (pointers into the
 * same buffer are resolved against its base address and refused when they point outside it).
 * EnumServicesStatusExW's items are the collector's (service-list.ts), not read again here.
 */
import { StructReader } from '../../collector/platform/win32/struct-reader.ts';

/** SERVICE_STATUS_PROCESS: nine DWORDs. */
export const SERVICE_STATUS_PROCESS_BYTES = 36;
/** ENUM_SERVICE_STATUSW: lpServiceName 0x00, lpDisplayName 0x08, SERVICE_STATUS (seven DWORDs) 0x10, padded to 8. */
export const ENUM_SERVICE_STATUS_BYTES = 48;

/** What QueryServiceConfigW says that the page shows. */
export interface ServiceConfig {
  serviceType: number;
  /** SERVICE_BOOT_START 0 … SERVICE_DISABLED 4. */
  startType: number;
  /** The command line the SCM starts (`C:\WINDOWS\system32\svchost.exe -k netsvcs -p`); '' when none. */
  binaryPath: string;
  /** The load-order group; '' when none. */
  loadOrderGroup: string;
}

/** SERVICE_STATUS_PROCESS (QueryServiceStatusEx, SC_STATUS_PROCESS_INFO). */
export interface ServiceStatus {
  serviceType: number;
  /** SERVICE_STOPPED 1 … SERVICE_PAUSED 7. */
  state: number;
  controlsAccepted: number;
  /** ERROR_SERVICE_SPECIFIC_ERROR (1066) when the service's own code is in `serviceSpecificExitCode`. */
  win32ExitCode: number;
  serviceSpecificExitCode: number;
  checkPoint: number;
  /** How long the service says its pending start or stop takes, ms. */
  waitHintMs: number;
  /** 0 when not running. */
  pid: number;
}

/** A dependent service as EnumDependentServicesW lists it. */
export interface DependentService {
  name: string;
  displayName: string;
  state: number;
}

/**
 * QUERY_SERVICE_CONFIGW (64 bytes, strings after it): dwServiceType 0x00, dwStartType 0x04,
 * dwErrorControl 0x08, lpBinaryPathName 0x10, lpLoadOrderGroup 0x18, dwTagId 0x20, lpDependencies
 * 0x28, lpServiceStartName 0x30, lpDisplayName 0x38.
 */
export function parseServiceConfig(bytes: Uint8Array, baseAddress: bigint, length: number): ServiceConfig {
  const r = new StructReader(bytes, baseAddress, length);
  return {
    serviceType: r.u32(0x00),
    startType: r.u32(0x04),
    binaryPath: r.wideStringAt(0x10) ?? '',
    loadOrderGroup: r.wideStringAt(0x18) ?? '',
  };
}

/** SERVICE_DESCRIPTIONW (QueryServiceConfig2W, SERVICE_CONFIG_DESCRIPTION): null when it has none or an empty one. */
export function parseServiceDescription(bytes: Uint8Array, baseAddress: bigint, length: number): string | null {
  const text = new StructReader(bytes, baseAddress, length).wideStringAt(0)?.trim() ?? '';
  return text === '' ? null : text;
}

/** SERVICE_DELAYED_AUTO_START_INFO (SERVICE_CONFIG_DELAYED_AUTO_START_INFO): its BOOL. */
export function parseDelayedAutoStart(bytes: Uint8Array): boolean {
  return new StructReader(bytes, 0n).u32(0) !== 0;
}

export function parseServiceStatusProcess(bytes: Uint8Array): ServiceStatus {
  const r = new StructReader(bytes, 0n, SERVICE_STATUS_PROCESS_BYTES);
  return {
    serviceType: r.u32(0x00),
    state: r.u32(0x04),
    controlsAccepted: r.u32(0x08),
    win32ExitCode: r.u32(0x0c),
    serviceSpecificExitCode: r.u32(0x10),
    checkPoint: r.u32(0x14),
    waitHintMs: r.u32(0x18),
    pid: r.u32(0x1c),
  };
}

/** EnumDependentServicesW's `count` ENUM_SERVICE_STATUSW items, in the order to stop them. */
export function parseDependentServices(bytes: Uint8Array, baseAddress: bigint, length: number, count: number): DependentService[] {
  const r = new StructReader(bytes, baseAddress, length);
  const services: DependentService[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * ENUM_SERVICE_STATUS_BYTES;
    const name = r.wideStringAt(at) ?? '';
    services.push({ name, displayName: r.wideStringAt(at + 0x08) || name, state: r.u32(at + 0x14) });
  }
  return services;
}
