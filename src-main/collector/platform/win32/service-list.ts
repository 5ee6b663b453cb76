/**
 * Services hosted by each process, from `EnumServicesStatusExW(SC_ENUM_PROCESS_INFO)`. Pure.
 *
 * The buffer holds `ENUM_SERVICE_STATUS_PROCESSW` items (x64, 56 bytes): lpServiceName (LPWSTR)
 * 0x00, lpDisplayName 0x08, then SERVICE_STATUS_PROCESS: dwServiceType 0x10, dwCurrentState 0x14,
 * dwControlsAccepted 0x18, dwWin32ExitCode 0x1c, dwServiceSpecificExitCode 0x20, dwCheckPoint 0x24,
 * dwWaitHint 0x28, dwProcessId 0x2c, dwServiceFlags 0x30 (36 bytes, the item padded to 8). The
 * strings sit after the items in the same buffer.
 */
import { StructReader } from './struct-reader.ts';

export const SERVICE_ITEM_BYTES = 56;

export interface ServiceEntry {
  name: string;
  displayName: string;
  /** 0 when the service is not running. */
  pid: number;
  /** SERVICE_RUNNING = 4, SERVICE_STOPPED = 1, … */
  state: number;
  /** dwServiceType: SERVICE_WIN32_OWN_PROCESS 0x10, SERVICE_WIN32_SHARE_PROCESS 0x20, per-user and interactive bits above. */
  serviceType: number;
  /** dwControlsAccepted: SERVICE_ACCEPT_STOP 0x1, … (0 while stopped). */
  controlsAccepted: number;
}

export function parseServiceList(bytes: Uint8Array, baseAddress: bigint, bufferBytes: number, count: number): ServiceEntry[] {
  const r = new StructReader(bytes, baseAddress, bufferBytes);
  const services: ServiceEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * SERVICE_ITEM_BYTES;
    services.push({
      name: r.wideStringAt(at) ?? '',
      displayName: r.wideStringAt(at + 0x08) ?? '',
      state: r.u32(at + 0x14),
      pid: r.u32(at + 0x2c),
      serviceType: r.u32(at + 0x10),
      controlsAccepted: r.u32(at + 0x18),
    });
  }
  return services;
}

/** The short names of the services each process hosts, sorted (an ordinal sort: stable across locales). */
export function servicesByPid(services: readonly ServiceEntry[]): Map<number, string[]> {
  const byPid = new Map<number, string[]>();
  for (const s of services) {
    if (s.pid === 0 || s.name === '') continue;
    const names = byPid.get(s.pid);
    if (names) names.push(s.name);
    else byPid.set(s.pid, [s.name]);
  }
  for (const names of byPid.values()) names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return byPid;
}
