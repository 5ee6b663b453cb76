/**
 * Test support: a simulated Service Control Manager behind `ScmApi`. Services start and stop over
 * a number of status queries (`pendingPolls`), or never (`null`: a service that hangs in
 * STOP_PENDING); rights can be refused per service or for the manager; dependents are named and
 * counted as active while they are not stopped. `actions` records every start and stop asked, and
 * `openHandles` shows a handle left open. A fake clock (`FakeClock`) advances only when slept on.
 */
import type { ServiceEntry } from '../../collector/platform/win32/service-list.ts';
import type { Win32Result } from '../../control/win32/win32-api.ts';
import { SERVICE_ACCESS, type ScHandle, type ScmApi } from './scm-api.ts';
import type { DependentService, ServiceConfig, ServiceStatus } from './scm-structs.ts';
import type { ServiceClock } from './service-control.ts';

const ERROR_ACCESS_DENIED = 5;
const ERROR_INVALID_HANDLE = 6;
const ERROR_INVALID_LEVEL = 124;
const ERROR_DEPENDENT_SERVICES_RUNNING = 1051;
const ERROR_INVALID_SERVICE_CONTROL = 1052;
const ERROR_SERVICE_ALREADY_RUNNING = 1056;
const ERROR_SERVICE_DISABLED = 1058;
const ERROR_SERVICE_DOES_NOT_EXIST = 1060;
const ERROR_SERVICE_NOT_ACTIVE = 1062;
const STOPPED = 1;
const START_PENDING = 2;
const STOP_PENDING = 3;
const RUNNING = 4;
const ACCEPT_STOP = 0x1;

export interface FakeService {
  name: string;
  displayName: string;
  state: number;
  pid: number;
  serviceType: number;
  /** While running (a stopped service accepts nothing). */
  acceptsStop: boolean;
  startType: number;
  /** Null: QueryServiceConfig2W refuses the level, as Wine 8 does. */
  isDelayedAutoStart: boolean | null;
  binaryPath: string;
  loadOrderGroup: string;
  description: string | null;
  /** The services that depend on this one, in the order to stop them. */
  dependents: string[];
  /** Status queries a stop takes; null: it never stops. */
  stopPolls: number | null;
  /** Status queries a start takes. */
  startPolls: number;
  /** Set: the service stops as it starts, with these exit codes. */
  startFailure: { win32ExitCode: number; serviceSpecificExitCode: number } | null;
  /** OpenServiceW rights refused (ACCESS_DENIED when any is asked). */
  deniedAccess: number;
  /** The pid its next start gets. */
  nextPid: number;
}

export function fakeService(overrides: Partial<FakeService> & { name: string }): FakeService {
  return {
    displayName: overrides.name,
    state: RUNNING,
    pid: 1000,
    serviceType: 0x20,
    acceptsStop: true,
    startType: 3,
    isDelayedAutoStart: false,
    binaryPath: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p',
    loadOrderGroup: '',
    description: null,
    dependents: [],
    stopPolls: 1,
    startPolls: 1,
    startFailure: null,
    deniedAccess: 0,
    nextPid: 2000,
    ...overrides,
  };
}

type Opened = { kind: 'manager' } | { kind: 'service'; name: string; access: number };

export class FakeScmApi implements ScmApi {
  readonly services: Map<string, FakeService>;
  /** `start X` / `stop X`, in the order asked. */
  readonly actions: string[] = [];
  readonly openHandles = new Set<ScHandle>();
  /** Set: OpenSCManagerW (and the listing) fail with it. */
  managerError: number | null = null;
  private readonly opened = new WeakMap<ScHandle, Opened>();
  private readonly pendingPolls = new Map<string, number | null>();

  constructor(services: readonly FakeService[]) {
    // The SCM's names are case-insensitive.
    this.services = new Map(services.map((s) => [s.name.toLowerCase(), s]));
  }

  listServices(): Win32Result<ServiceEntry[]> {
    if (this.managerError !== null) return { ok: false, error: this.managerError };
    return {
      ok: true,
      value: [...this.services.values()].map((s) => ({
        name: s.name,
        displayName: s.displayName,
        pid: s.pid,
        state: s.state,
        serviceType: s.serviceType,
        controlsAccepted: this.controlsAccepted(s),
      })),
    };
  }

  openManager(): Win32Result<ScHandle> {
    if (this.managerError !== null) return { ok: false, error: this.managerError };
    return { ok: true, value: this.open({ kind: 'manager' }) };
  }

  openService(manager: ScHandle, name: string, access: number): Win32Result<ScHandle> {
    if (this.opened.get(manager)?.kind !== 'manager') return { ok: false, error: ERROR_INVALID_HANDLE };
    const service = this.services.get(name.toLowerCase());
    if (!service) return { ok: false, error: ERROR_SERVICE_DOES_NOT_EXIST };
    if ((service.deniedAccess & access) !== 0) return { ok: false, error: ERROR_ACCESS_DENIED };
    return { ok: true, value: this.open({ kind: 'service', name: service.name, access }) };
  }

  closeHandle(handle: ScHandle): void {
    if (!this.openHandles.delete(handle)) throw new Error('closed a handle that is not open');
  }

  config(handle: ScHandle): Win32Result<ServiceConfig> {
    return this.with(handle, SERVICE_ACCESS.QUERY_CONFIG, (s) => ({ serviceType: s.serviceType, startType: s.startType, binaryPath: s.binaryPath, loadOrderGroup: s.loadOrderGroup }));
  }

  description(handle: ScHandle): Win32Result<string | null> {
    return this.with(handle, SERVICE_ACCESS.QUERY_CONFIG, (s) => s.description);
  }

  isDelayedAutoStart(handle: ScHandle): Win32Result<boolean> {
    const service = this.serviceOf(handle, SERVICE_ACCESS.QUERY_CONFIG);
    if (!service.ok) return service;
    return service.value.isDelayedAutoStart === null ? { ok: false, error: ERROR_INVALID_LEVEL } : { ok: true, value: service.value.isDelayedAutoStart };
  }

  status(handle: ScHandle): Win32Result<ServiceStatus> {
    return this.with(handle, SERVICE_ACCESS.QUERY_STATUS, (s) => {
      this.advance(s);
      return {
        serviceType: s.serviceType,
        state: s.state,
        controlsAccepted: this.controlsAccepted(s),
        win32ExitCode: s.state === STOPPED ? (s.startFailure?.win32ExitCode ?? 0) : 0,
        serviceSpecificExitCode: s.state === STOPPED ? (s.startFailure?.serviceSpecificExitCode ?? 0) : 0,
        checkPoint: 0,
        waitHintMs: 2000,
        pid: s.pid,
      };
    });
  }

  start(handle: ScHandle): Win32Result<void> {
    const opened = this.serviceOf(handle, SERVICE_ACCESS.START);
    if (!opened.ok) return opened;
    const service = opened.value;
    this.actions.push(`start ${service.name}`);
    if (service.startType === 4) return { ok: false, error: ERROR_SERVICE_DISABLED };
    if (service.state !== STOPPED) return { ok: false, error: ERROR_SERVICE_ALREADY_RUNNING };
    service.state = START_PENDING;
    service.pid = service.nextPid;
    this.pendingPolls.set(service.name, service.startPolls);
    return { ok: true, value: undefined };
  }

  stop(handle: ScHandle): Win32Result<void> {
    const opened = this.serviceOf(handle, SERVICE_ACCESS.STOP);
    if (!opened.ok) return opened;
    const service = opened.value;
    this.actions.push(`stop ${service.name}`);
    if (service.state === STOPPED) return { ok: false, error: ERROR_SERVICE_NOT_ACTIVE };
    if (!service.acceptsStop) return { ok: false, error: ERROR_INVALID_SERVICE_CONTROL };
    if (this.activeDependentsOf(service).length > 0) return { ok: false, error: ERROR_DEPENDENT_SERVICES_RUNNING };
    service.state = STOP_PENDING;
    this.pendingPolls.set(service.name, service.stopPolls);
    return { ok: true, value: undefined };
  }

  activeDependents(handle: ScHandle): Win32Result<DependentService[]> {
    return this.with(handle, SERVICE_ACCESS.ENUMERATE_DEPENDENTS, (s) => this.activeDependentsOf(s));
  }

  private activeDependentsOf(service: FakeService): DependentService[] {
    return service.dependents
      .map((name) => this.services.get(name.toLowerCase()))
      .filter((d): d is FakeService => d !== undefined && d.state !== STOPPED)
      .map((d) => ({ name: d.name, displayName: d.displayName, state: d.state }));
  }

  private controlsAccepted(service: FakeService): number {
    return service.state === RUNNING && service.acceptsStop ? ACCEPT_STOP : 0;
  }

  /** One status query's worth of progress on a pending start or stop. */
  private advance(service: FakeService): void {
    if (service.state !== START_PENDING && service.state !== STOP_PENDING) return;
    const left = this.pendingPolls.get(service.name);
    if (left === null || left === undefined) return; // never finishes
    if (left > 0) {
      this.pendingPolls.set(service.name, left - 1);
      return;
    }
    const isStarting = service.state === START_PENDING;
    service.state = isStarting && !service.startFailure ? RUNNING : STOPPED;
    if (service.state === STOPPED) service.pid = 0;
  }

  private open(what: Opened): ScHandle {
    const handle: ScHandle = { kind: 'sc-handle' };
    this.opened.set(handle, what);
    this.openHandles.add(handle);
    return handle;
  }

  /** The service a handle is open on, when it was opened with `right` (ACCESS_DENIED otherwise, as Windows answers). */
  private serviceOf(handle: ScHandle, right: number): Win32Result<FakeService> {
    const opened = this.opened.get(handle);
    const service = opened?.kind === 'service' && this.openHandles.has(handle) ? this.services.get(opened.name.toLowerCase()) : undefined;
    if (!service || opened?.kind !== 'service') return { ok: false, error: ERROR_INVALID_HANDLE };
    if ((opened.access & right) === 0) return { ok: false, error: ERROR_ACCESS_DENIED };
    return { ok: true, value: service };
  }

  private with<T>(handle: ScHandle, right: number, read: (service: FakeService) => T): Win32Result<T> {
    const service = this.serviceOf(handle, right);
    return service.ok ? { ok: true, value: read(service.value) } : service;
  }
}

/** A clock that moves only when slept on; `sleptMs` lists each sleep. */
export class FakeClock implements ServiceClock {
  now = 0;
  readonly sleptMs: number[] = [];
  nowMs(): number {
    return this.now;
  }
  sleep(ms: number): Promise<void> {
    this.sleptMs.push(ms);
    this.now += ms;
    return Promise.resolve();
  }
}
