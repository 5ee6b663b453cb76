/**
 * A Windows service's row (the contract's ServiceFacts) from what the Service Control Manager
 * says: its list entry (EnumServicesStatusExW) and, where it may be read, its configuration. Pure.
 * docs/definitions.md § Services on Windows says what each column means.
 */
import path from 'node:path';
import type { ServiceEntry } from '../../collector/platform/win32/service-list.ts';
import { splitCommandLine } from '../../control/win32/shell-arguments.ts';
import type { ServiceStartType, ServiceState } from '../../../src-shared/services.ts';
import type { ServiceFacts } from '../services-platform.ts';

/** SERVICE_STOPPED … SERVICE_PAUSED (winsvc.h). */
export const SERVICE_STATE = { STOPPED: 1, START_PENDING: 2, STOP_PENDING: 3, RUNNING: 4, CONTINUE_PENDING: 5, PAUSE_PENDING: 6, PAUSED: 7 } as const;
export const SERVICE_ACCEPT_STOP = 0x1;

const STATES: Record<number, ServiceState> = {
  [SERVICE_STATE.STOPPED]: 'stopped',
  [SERVICE_STATE.START_PENDING]: 'starting',
  [SERVICE_STATE.STOP_PENDING]: 'stopping',
  [SERVICE_STATE.RUNNING]: 'running',
  [SERVICE_STATE.CONTINUE_PENDING]: 'resuming',
  [SERVICE_STATE.PAUSE_PENDING]: 'pausing',
  [SERVICE_STATE.PAUSED]: 'paused',
};

/** dwCurrentState in the contract's words; a value Windows does not document is `unknown`. */
export function serviceState(state: number): ServiceState {
  return STATES[state] ?? 'unknown';
}

/** What QueryServiceConfig(2)W said; null where the service's configuration may not be read. */
export interface ServiceConfigFacts {
  startType: number;
  isDelayedAutoStart: boolean;
  binaryPath: string;
  loadOrderGroup: string;
  description: string | null;
}

/**
 * dwStartType in the contract's words: SERVICE_BOOT_START 0 → boot, SYSTEM_START 1 → system,
 * AUTO_START 2 → automatic (automaticDelayed with the delayed flag), DEMAND_START 3 → manual,
 * DISABLED 4 → disabled; anything else `other` with the number as its detail.
 */
export function serviceStartType(startType: number, isDelayedAutoStart: boolean): { startType: ServiceStartType; startTypeDetail: string | null } {
  switch (startType) {
    case 0:
      return { startType: 'boot', startTypeDetail: null };
    case 1:
      return { startType: 'system', startTypeDetail: null };
    case 2:
      return { startType: isDelayedAutoStart ? 'automaticDelayed' : 'automatic', startTypeDetail: null };
    case 3:
      return { startType: 'manual', startTypeDetail: null };
    case 4:
      return { startType: 'disabled', startTypeDetail: null };
    default:
      return { startType: 'other', startTypeDetail: `start type ${startType}` };
  }
}

/**
 * The group Task Manager shows: the svchost group a shared service runs in (`-k netsvcs` in
 * `…\svchost.exe -k netsvcs -p`), else the load-order group, else null.
 */
export function serviceGroup(binaryPath: string, loadOrderGroup: string): string | null {
  const command = splitCommandLine(binaryPath);
  if (command && path.win32.basename(command.file).toLowerCase() === 'svchost.exe' && command.parameters) {
    const words = command.parameters.split(/\s+/).map((word) => word.replace(/^"(.*)"$/, '$1'));
    const flag = words.findIndex((word) => word.toLowerCase() === '-k' || word.toLowerCase() === '/k');
    const group = flag >= 0 ? words[flag + 1] : undefined;
    if (group) return group;
  }
  return loadOrderGroup.trim() === '' ? null : loadOrderGroup.trim();
}

/** The reason a row's start type is `other` when its configuration could not be read. */
export const UNREADABLE_CONFIG = 'not readable without administrator rights';

/** The row of one service; `config` null where Windows would not let its configuration be read. */
export function serviceFacts(entry: ServiceEntry, config: ServiceConfigFacts | null): ServiceFacts {
  const start = config ? serviceStartType(config.startType, config.isDelayedAutoStart) : { startType: 'other' as const, startTypeDetail: UNREADABLE_CONFIG };
  return {
    name: entry.name,
    displayName: entry.displayName.trim() === '' ? entry.name : entry.displayName,
    description: config?.description ?? null,
    state: serviceState(entry.state),
    subState: null,
    startType: start.startType,
    startTypeDetail: start.startTypeDetail,
    pid: entry.pid === 0 ? null : entry.pid,
    group: config ? serviceGroup(config.binaryPath, config.loadOrderGroup) : null,
    canStop: (entry.controlsAccepted & SERVICE_ACCEPT_STOP) !== 0,
  };
}
