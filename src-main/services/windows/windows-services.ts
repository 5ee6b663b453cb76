/**
 * Windows services through the Service Control Manager (koffi, advapi32): every Win32 service with
 * its configuration, and start / stop / restart (service-control.ts). The bindings load on first
 * use; where they can't (no koffi), the page says why and the commands answer UNSUPPORTED.
 * docs/definitions.md § Services on Windows says what each column means.
 */
import { SERVICE_STOP_TIMEOUT_MS } from '../../../src-shared/services.ts';
import { failure, type CommandResult } from '../../../src-shared/results.ts';
import type { ServiceFacts, ServicesListing, ServicesPlatform } from '../services-platform.ts';
import { SC_MANAGER_CONNECT, SERVICE_ACCESS, type ScHandle, type ScmApi } from './scm-api.ts';
import { loadScmApi } from './scm-bindings.ts';
import { WIN32_ERROR } from '../../control/win32/win32-errors.ts';
import { restartService, startService, stopService, type ServiceClock, type ServiceControlDeps } from './service-control.ts';
import { serviceFacts, type ServiceConfigFacts } from './service-facts.ts';

export interface WindowsServicesOptions {
  /** The SCM calls; by default koffi's bindings, loaded on first use (tests pass a fake). */
  api?: () => ScmApi;
  clock?: ServiceClock;
  /** How long a start or stop may take; the contract's SERVICE_STOP_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** dwStartType SERVICE_AUTO_START. */
const SERVICE_AUTO_START = 2;

const realClock: ServiceClock = {
  nowMs: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What the page shows of one service's configuration; null where Windows does not let it be read. */
function readConfig(api: ScmApi, manager: ScHandle, name: string): ServiceConfigFacts | null {
  const service = api.openService(manager, name, SERVICE_ACCESS.QUERY_CONFIG);
  if (!service.ok) return null;
  try {
    const config = api.config(service.value);
    if (!config.ok) return null;
    const description = api.description(service.value);
    // Asked only of automatic services, the only ones it applies to. Wine 8 answers
    // ERROR_INVALID_LEVEL: not delayed.
    const delayed = config.value.startType === SERVICE_AUTO_START ? api.isDelayedAutoStart(service.value) : null;
    return {
      startType: config.value.startType,
      isDelayedAutoStart: delayed !== null && delayed.ok && delayed.value,
      binaryPath: config.value.binaryPath,
      loadOrderGroup: config.value.loadOrderGroup,
      description: description.ok ? description.value : null,
    };
  } finally {
    api.closeHandle(service.value);
  }
}

/** Why the SCM would not list its services, in words. */
function listingProblem(error: number): string {
  return error === WIN32_ERROR.ACCESS_DENIED
    ? 'Windows does not let this account list the services (the Service Control Manager refused it)'
    : `the Service Control Manager did not list the services (Windows error ${error})`;
}

/** Services read between two turns of the event loop: the calls are synchronous, and main must stay responsive. */
const SERVICES_PER_TURN = 32;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every Win32 service, in the SCM's order (by name), each with what may be read of its
 * configuration (a few hundred services on Windows, four calls each: the event loop gets a turn
 * every SERVICES_PER_TURN services).
 */
export async function listWindowsServices(api: ScmApi): Promise<ServicesListing> {
  const listed = api.listServices();
  if (!listed.ok) return { services: [], unavailableReason: listingProblem(listed.error) };
  const services: ServiceFacts[] = [];
  for (let start = 0; start < listed.value.length; start += SERVICES_PER_TURN) {
    if (start > 0) await nextTurn();
    // A manager handle per turn: none is held across a turn, whatever else happens meanwhile.
    const manager = api.openManager(SC_MANAGER_CONNECT);
    try {
      for (const entry of listed.value.slice(start, start + SERVICES_PER_TURN)) {
        services.push(serviceFacts(entry, manager.ok ? readConfig(api, manager.value, entry.name) : null));
      }
    } finally {
      if (manager.ok) api.closeHandle(manager.value);
    }
  }
  return { services, unavailableReason: null };
}

export function createWindowsServices(options: WindowsServicesOptions = {}): ServicesPlatform {
  const load = options.api ?? loadScmApi;
  let loaded: { api: ScmApi } | { problem: string } | undefined;
  const bindings = () => {
    if (!loaded) {
      try {
        loaded = { api: load() };
      } catch (error) {
        loaded = { problem: `the Service Control Manager could not be reached: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    return loaded;
  };
  const withControl =
    <A extends unknown[]>(act: (deps: ServiceControlDeps, ...args: A) => Promise<CommandResult>) =>
    async (...args: A): Promise<CommandResult> => {
      const b = bindings();
      if ('problem' in b) return failure('UNSUPPORTED', b.problem);
      return act({ api: b.api, clock: options.clock ?? realClock, timeoutMs: options.timeoutMs ?? SERVICE_STOP_TIMEOUT_MS }, ...args);
    };
  return {
    list: async () => {
      const b = bindings();
      return 'problem' in b ? { services: [], unavailableReason: b.problem } : listWindowsServices(b.api);
    },
    start: withControl(startService),
    stop: withControl(stopService),
    restart: withControl(restartService),
    close: () => {},
  };
}
