/**
 * The seam between the Services page and the OS. Windows (windows/windows-services.ts: the
 * Service Control Manager through koffi) and Linux (linux/systemd-services.ts: systemd's D-Bus
 * API) implement it; services-service.ts links each row to its process and answers the `services`
 * query and the commands. An unknown name answers NOT_FOUND.
 */
import type { CommandResult } from '../../src-shared/results.ts';
import type { ServiceRow } from '../../src-shared/services.ts';
import { createWindowsServices } from './windows/windows-services.ts';
import { createSystemdServices } from './linux/systemd-services.ts';

/** A service as the OS reports it: everything but the start time of its process, which the snapshot supplies. */
export type ServiceFacts = Omit<ServiceRow, 'startTimeMs'>;

export interface ServicesListing {
  services: ServiceFacts[];
  unavailableReason: string | null;
}

export interface ServicesPlatform {
  list(): Promise<ServicesListing>;
  /** ACCESS_DENIED with the OS's reason (not elevated; polkit refused). */
  start(name: string): Promise<CommandResult>;
  /**
   * Stops it and waits until it has stopped. Running dependents without `isDependentsConfirmed`:
   * NEEDS_CONFIRMATION naming them, nothing done. Not stopped within SERVICE_STOP_TIMEOUT_MS:
   * TIMED_OUT (never killed).
   */
  stop(name: string, isDependentsConfirmed: boolean): Promise<CommandResult>;
  /** Stop as above, then start. */
  restart(name: string, isDependentsConfirmed: boolean): Promise<CommandResult>;
  /** Lets go of what it holds (a bus connection). */
  close(): void;
}

export function createServicesPlatform(platform: NodeJS.Platform = process.platform): ServicesPlatform {
  if (platform === 'win32') return createWindowsServices();
  if (platform === 'linux') return createSystemdServices();
  return unsupportedServices(`services are read on Windows and Linux only, not on ${platform}`);
}

export function unsupportedServices(reason: string): ServicesPlatform {
  const refuse = async (): Promise<CommandResult> => ({ ok: false, code: 'UNSUPPORTED', message: reason });
  return { list: async () => ({ services: [], unavailableReason: reason }), start: refuse, stop: refuse, restart: refuse, close: () => {} };
}
