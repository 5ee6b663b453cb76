/**
 * The `services` query: the platform's services (services-platform.ts), read fresh on each query,
 * each linked to its process's row in the latest snapshot (pid + start time, the identity a
 * command or the Processes tab needs). Answers while the collector is down: the services are the
 * OS's, only their start times are then unknown (null).
 */
import type { ProcessRow, Snapshot } from '../../src-shared/snapshot.ts';
import type { ServiceRow, ServicesView } from '../../src-shared/services.ts';
import type { ViewSource } from '../core/query-service.ts';
import type { ServiceFacts, ServicesPlatform } from './services-platform.ts';

export interface ServicesServiceDeps {
  platform: ServicesPlatform;
  /** The latest snapshot, or null while the collector is down or starting. */
  latest(): Snapshot | null;
}

export function createServicesService(deps: ServicesServiceDeps): ViewSource<ServicesView> {
  return {
    view: async () => {
      const listing = await deps.platform.list();
      const services = linkServiceProcesses(listing.services, deps.latest()?.processes ?? []);
      return { ok: true, value: { services, unavailableReason: listing.unavailableReason } };
    },
  };
}

/**
 * Each service with `startTimeMs` from the process row of its pid: null when it runs in no process
 * (pid null), or its pid is not in `processes` (it started after the snapshot, or the collector is
 * down). Pure; the order of `services` is kept.
 */
export function linkServiceProcesses(services: readonly ServiceFacts[], processes: readonly ProcessRow[]): ServiceRow[] {
  const startTimeByPid = new Map<number, number>();
  for (const row of processes) startTimeByPid.set(row.pid, row.startTimeMs);
  return services.map((service) => ({ ...service, startTimeMs: service.pid === null ? null : (startTimeByPid.get(service.pid) ?? null) }));
}
