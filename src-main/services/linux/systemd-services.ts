/**
 * Services on Linux: systemd's units of type service through its D-Bus API on the system bus
 * (org.freedesktop.systemd1(5)). The list is ListUnits plus each service's Unit and Service
 * properties (GetAll, many in flight at once), and the service unit files ListUnitFiles names that
 * systemd has not loaded, as stopped (not loaded, so not asked about: that would load each); start, stop and restart are StartUnit, StopUnit
 * and RestartUnit in mode "replace", then the unit's `Job` property is polled until systemd has
 * finished that job (or SERVICE_STOP_TIMEOUT_MS passes: TIMED_OUT, nothing killed). systemd asks
 * polkit whether the caller may: a refusal is ACCESS_DENIED with polkit's reason. The mapping and
 * the messages are pure, in systemd-units.ts.
 */
import { SERVICE_STOP_TIMEOUT_MS } from '../../../src-shared/services.ts';
import { failure, type CommandResult, type Failure } from '../../../src-shared/results.ts';
import { systemBusAddress } from '../../dbus/address.ts';
import { CALLS_IN_FLIGHT, createBusClient, mapInFlight } from '../../dbus/bus-client.ts';
import { isServiceMissing } from '../../dbus/dbus-errors.ts';
import type { CallOutcome } from '../../dbus/connection.ts';
import type { ServicesPlatform, ServicesListing } from '../services-platform.ts';
import {
  SYSTEMD_NOT_RUNNING,
  failureOfDBusError,
  isListedService,
  isServiceUnitName,
  jobOutcome,
  needsConfirmation,
  parseJobPath,
  parseListUnitFiles,
  parseListUnits,
  parseServiceProperties,
  parseUnitProperties,
  runningDependents,
  timedOut,
  toServiceFacts,
  unloadedServiceFacts,
  type ListedUnit,
  type ServiceAction,
  type UnitProperties,
} from './systemd-units.ts';

const SYSTEMD = 'org.freedesktop.systemd1';
const MANAGER_PATH = '/org/freedesktop/systemd1';
const MANAGER = 'org.freedesktop.systemd1.Manager';
const UNIT = 'org.freedesktop.systemd1.Unit';
const SERVICE = 'org.freedesktop.systemd1.Service';

export interface SystemdServicesOptions {
  /** The bus's address; default DBUS_SYSTEM_BUS_ADDRESS, else the system bus's standard socket. */
  address?: string;
  /** How long a stop (or start) may take; default SERVICE_STOP_TIMEOUT_MS. Tests shorten it. */
  jobTimeoutMs?: number;
  /** How often the unit is asked whether its job is done; default 100 ms. */
  pollIntervalMs?: number;
}

export function createSystemdServices(options: SystemdServicesOptions = {}): ServicesPlatform {
  const bus = createBusClient(options.address ?? systemBusAddress());
  const jobTimeoutMs = options.jobTimeoutMs ?? SERVICE_STOP_TIMEOUT_MS;
  const pollIntervalMs = options.pollIntervalMs ?? 100;
  const manager = (member: string, signature = '', body: string[] = []) => bus.call({ destination: SYSTEMD, path: MANAGER_PATH, interface: MANAGER, member, signature, body });

  const listUnits = async (): Promise<{ ok: true; units: ListedUnit[] } | { ok: false; reason: string; errorName: string; message: string }> => {
    const reply = await manager('ListUnits');
    if (!reply.ok) return { ...reply, reason: isServiceMissing(reply.errorName) ? SYSTEMD_NOT_RUNNING : `systemd could not be read: ${reply.message || reply.errorName}` };
    const units = parseListUnits(reply.body);
    if (units === null) return { ok: false, reason: `systemd answered ListUnits with "${reply.signature}", not a list of units`, errorName: 'org.freedesktop.DBus.Error.InvalidSignature', message: reply.signature };
    return { ok: true, units };
  };

  const unitProperties = async (path: string): Promise<UnitProperties | CallOutcome & { ok: false }> => {
    const read = await bus.getAll(SYSTEMD, path, UNIT);
    return read.ok ? parseUnitProperties(read.properties) : read;
  };

  /** The unit's path, loading it when `isLoading` (a stopped service may be unloaded: StartUnit would load it too). */
  const unitPath = async (action: ServiceAction, name: string, isLoading: boolean): Promise<string | Failure> => {
    if (!isServiceUnitName(name)) return failure('NOT_FOUND', `No service is named ${name}`);
    const reply = await manager(isLoading ? 'LoadUnit' : 'GetUnit', 's', [name]);
    if (!reply.ok) return failureOfDBusError(action, name, reply.errorName, reply.message);
    const [path] = reply.body;
    return typeof path === 'string' ? path : failure('INTERNAL', `systemd did not say where ${name} is`);
  };

  /** Polls the unit's `Job` (one small property) until `jobPath` is no longer its job, then reads how it ended. */
  const waitForJob = async (action: ServiceAction, name: string, path: string, jobPath: string): Promise<CommandResult> => {
    const deadline = Date.now() + jobTimeoutMs;
    for (;;) {
      const job = await bus.get(SYSTEMD, path, UNIT, 'Job');
      if (!job.ok) return failureOfDBusError(action, name, job.errorName, job.message);
      if (parseJobPath(job.value) !== jobPath) break;
      if (Date.now() >= deadline) return timedOut(action, name, jobTimeoutMs);
      await new Promise((resolve) => setTimeout(resolve, Math.min(pollIntervalMs, Math.max(0, deadline - Date.now()))));
    }
    const properties = await unitProperties(path);
    if ('ok' in properties) return failureOfDBusError(action, name, properties.errorName, properties.message);
    return jobOutcome(action, name, properties.ActiveState ?? 'unknown', properties.SubState ?? 'unknown') ?? { ok: true };
  };

  const runJob = async (action: ServiceAction, name: string, path: string): Promise<CommandResult> => {
    const member = action === 'start' ? 'StartUnit' : action === 'stop' ? 'StopUnit' : 'RestartUnit';
    const reply = await manager(member, 'ss', [name, 'replace']);
    if (!reply.ok) return failureOfDBusError(action, name, reply.errorName, reply.message);
    const [jobPath] = reply.body;
    if (typeof jobPath !== 'string') return failure('INTERNAL', `systemd did not say which job will ${action} ${name}`);
    return waitForJob(action, name, path, jobPath);
  };

  /** Stop and restart: the running units that need this one stop with it, so they are named first unless confirmed. */
  const stopOrRestart = async (action: 'stop' | 'restart', name: string, isDependentsConfirmed: boolean): Promise<CommandResult> => {
    const path = await unitPath(action, name, false);
    if (typeof path !== 'string') return path;
    if (!isDependentsConfirmed) {
      const properties = await unitProperties(path);
      if ('ok' in properties) return failureOfDBusError(action, name, properties.errorName, properties.message);
      const listed = await listUnits();
      if (!listed.ok) return failureOfDBusError(action, name, listed.errorName, listed.message);
      const dependents = runningDependents(properties, new Map(listed.units.map((unit) => [unit.name, unit.activeState])));
      if (dependents.length > 0) return needsConfirmation(action, name, dependents);
    }
    return runJob(action, name, path);
  };

  return {
    async list(): Promise<ServicesListing> {
      const listed = await listUnits();
      if (!listed.ok) return { services: [], unavailableReason: listed.reason };
      const services = listed.units.filter(isListedService);
      // Two GetAll per unit, so half as many units as calls may be in flight.
      const facts = await mapInFlight(services, CALLS_IN_FLIGHT / 2, async (unit) => {
        const [unitRead, serviceRead] = await Promise.all([bus.getAll(SYSTEMD, unit.path, UNIT), bus.getAll(SYSTEMD, unit.path, SERVICE)]);
        return toServiceFacts(unit, unitRead.ok ? parseUnitProperties(unitRead.properties) : null, serviceRead.ok ? parseServiceProperties(serviceRead.properties) : null);
      });
      // A systemd that cannot list its files still lists what it has loaded: those rows are true.
      const files = await manager('ListUnitFiles');
      const unitFiles = files.ok ? parseListUnitFiles(files.body) : null;
      const unloaded = unitFiles === null ? [] : unloadedServiceFacts(unitFiles, new Set(services.map((unit) => unit.name)));
      return { services: [...facts, ...unloaded].sort((a, b) => a.name.localeCompare(b.name)), unavailableReason: null };
    },
    async start(name) {
      const path = await unitPath('start', name, true);
      return typeof path === 'string' ? runJob('start', name, path) : path;
    },
    stop: (name, isDependentsConfirmed) => stopOrRestart('stop', name, isDependentsConfirmed),
    restart: (name, isDependentsConfirmed) => stopOrRestart('restart', name, isDependentsConfirmed),
    close: () => bus.close(),
  };
}
