/**
 * systemd's answers, read into the Services page's terms (pure; the adapter is
 * systemd-services.ts). ListUnits' `a(ssssssouso)` and the properties of the
 * org.freedesktop.systemd1.Unit and .Service interfaces (org.freedesktop.systemd1(5)) are parsed by
 * schemas; a property a systemd lacks is simply unknown. The mapping (services.ts has the contract):
 * ActiveState → state; SubState as is; UnitFileState → start type; MainPID (0: none) → pid; Slice → group.
 * ListUnitFiles' `a(ss)` adds the services systemd has not loaded, as stopped rows.
 */
import { z } from 'zod';
import { failure, type Failure } from '../../../src-shared/results.ts';
import type { ServiceStartType, ServiceState } from '../../../src-shared/services.ts';
import { isServiceMissing } from '../../dbus/dbus-errors.ts';
import type { DBusValue } from '../../dbus/codec.ts';
import type { ServiceFacts } from '../services-platform.ts';

/** One row of ListUnits. */
export interface ListedUnit {
  name: string;
  description: string;
  loadState: string;
  activeState: string;
  subState: string;
  path: string;
}

const listUnitsSchema = z.tuple([
  z.array(z.tuple([z.string(), z.string(), z.string(), z.string(), z.string(), z.string(), z.string(), z.number(), z.string(), z.string()])),
]);

/** ListUnits' body (signature a(ssssssouso)), or null when it is not that. */
export function parseListUnits(body: DBusValue[]): ListedUnit[] | null {
  const parsed = listUnitsSchema.safeParse(body);
  if (!parsed.success) return null;
  return parsed.data[0].map(([name, description, loadState, activeState, subState, , path]) => ({ name, description, loadState, activeState, subState, path }));
}

/** The properties read from org.freedesktop.systemd1.Unit; each may be missing (older systemd) or of another type (ignored). */
const unitPropertiesSchema = z.object({
  Description: z.string().optional().catch(undefined),
  LoadState: z.string().optional().catch(undefined),
  ActiveState: z.string().optional().catch(undefined),
  SubState: z.string().optional().catch(undefined),
  UnitFileState: z.string().optional().catch(undefined),
  CanStop: z.boolean().optional().catch(undefined),
  RequiredBy: z.array(z.string()).optional().catch(undefined),
  BoundBy: z.array(z.string()).optional().catch(undefined),
  /** (job id, job path); id 0 and path "/" when no job is queued. */
  Job: z.tuple([z.number(), z.string()]).optional().catch(undefined),
});
export type UnitProperties = z.infer<typeof unitPropertiesSchema>;

const servicePropertiesSchema = z.object({
  MainPID: z.number().optional().catch(undefined),
  Slice: z.string().optional().catch(undefined),
});
export type ServiceProperties = z.infer<typeof servicePropertiesSchema>;

const jobSchema = z.tuple([z.number(), z.string()]);
/** The unit's `Job` property: the path of the job queued for it, '/' when none; null when it is not a (uo). */
export function parseJobPath(value: DBusValue): string | null {
  const parsed = jobSchema.safeParse(value);
  return parsed.success ? parsed.data[1] : null;
}

export const parseUnitProperties = (properties: Record<string, DBusValue>): UnitProperties => unitPropertiesSchema.parse(properties);
export const parseServiceProperties = (properties: Record<string, DBusValue>): ServiceProperties => servicePropertiesSchema.parse(properties);

/** Unit names systemd accepts, of type service (unit_name_is_valid: [A-Za-z0-9:_.\\@-], at most 255 bytes). */
const SERVICE_UNIT_NAME = /^[A-Za-z0-9:_.\\@-]+\.service$/;
export const isServiceUnitName = (name: string): boolean => name.length <= 255 && SERVICE_UNIT_NAME.test(name);

/** What the page lists: units of type service that exist (a "not-found" unit is only a name something refers to). */
export const isListedService = (unit: ListedUnit): boolean => isServiceUnitName(unit.name) && unit.loadState !== 'not-found';

const ACTIVE_STATES: Record<string, ServiceState> = {
  active: 'running',
  reloading: 'running',
  inactive: 'stopped',
  activating: 'starting',
  deactivating: 'stopping',
  failed: 'failed',
};

export const serviceState = (activeState: string): ServiceState => ACTIVE_STATES[activeState] ?? 'unknown';

/** Running now for the purpose of "stopping this stops those": active, starting or reloading. */
export const isRunning = (activeState: string): boolean => activeState === 'active' || activeState === 'activating' || activeState === 'reloading';

const START_TYPES: Record<string, ServiceStartType> = { enabled: 'enabled', disabled: 'disabled', static: 'static', masked: 'masked' };

/** UnitFileState → start type; anything else ("indirect", "generated", "enabled-runtime", …) is `other` with the raw value ('' → none). */
export function startTypeOf(unitFileState: string | undefined): { startType: ServiceStartType; startTypeDetail: string | null } {
  const known = unitFileState === undefined ? undefined : START_TYPES[unitFileState];
  if (known !== undefined) return { startType: known, startTypeDetail: null };
  return { startType: 'other', startTypeDetail: unitFileState === undefined || unitFileState === '' ? null : unitFileState };
}

/** A row from ListUnits plus the unit's properties (null where GetAll failed: the unit went away, or systemd said no). */
export function toServiceFacts(unit: ListedUnit, unitProperties: UnitProperties | null, serviceProperties: ServiceProperties | null): ServiceFacts {
  const activeState = unitProperties?.ActiveState ?? unit.activeState;
  const state = serviceState(activeState);
  const description = unitProperties?.Description ?? unit.description;
  const mainPid = serviceProperties?.MainPID;
  const slice = serviceProperties?.Slice;
  return {
    name: unit.name,
    displayName: description === '' ? unit.name : description,
    description: null,
    state,
    subState: unitProperties?.SubState ?? unit.subState,
    ...startTypeOf(unitProperties?.UnitFileState),
    pid: mainPid === undefined || mainPid === 0 ? null : mainPid,
    group: slice === undefined || slice === '' ? null : slice,
    // CanStop is whether systemd lets a user stop it at all (RefuseManualStop=); "now" also needs it to be running.
    canStop: unitProperties?.CanStop === true && (state === 'running' || state === 'starting'),
  };
}

/** One row of ListUnitFiles (signature a(ss)): the file's path and its state (`enabled`, `disabled`, `static`, `masked`, …). */
export interface UnitFile {
  path: string;
  state: string;
}

const listUnitFilesSchema = z.tuple([z.array(z.tuple([z.string(), z.string()]))]);

/** ListUnitFiles' body (signature a(ss)), or null when it is not that. */
export function parseListUnitFiles(body: DBusValue[]): UnitFile[] | null {
  const parsed = listUnitFilesSchema.safeParse(body);
  if (!parsed.success) return null;
  return parsed.data[0].map(([path, state]) => ({ path, state }));
}

/**
 * The services that have a unit file but were not in ListUnits (systemd has not loaded them: a
 * disabled service nothing refers to), as stopped rows. The unit's name is the file's base name;
 * templates (`getty@.service`) are not services one can run, and an `alias` file is another name of
 * a unit that has its own row. Nothing more is read about them: asking (LoadUnit) would load each.
 */
export function unloadedServiceFacts(files: readonly UnitFile[], listedNames: ReadonlySet<string>): ServiceFacts[] {
  const rows = new Map<string, ServiceFacts>();
  for (const file of files) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    if (!isServiceUnitName(name) || name.endsWith('@.service') || file.state === 'alias') continue;
    if (listedNames.has(name) || rows.has(name)) continue;
    rows.set(name, {
      name,
      displayName: name,
      description: null,
      state: 'stopped',
      subState: 'dead',
      ...startTypeOf(file.state),
      pid: null,
      group: null,
      canStop: false,
    });
  }
  return [...rows.values()];
}

/** The units stopped along with this one (Requires= and BindsTo= on it) that are running now. */
export function runningDependents(unitProperties: UnitProperties, activeStates: ReadonlyMap<string, string>): string[] {
  const dependents = [...(unitProperties.RequiredBy ?? []), ...(unitProperties.BoundBy ?? [])];
  return [...new Set(dependents)].filter((name) => isRunning(activeStates.get(name) ?? 'inactive')).sort();
}

export type ServiceAction = 'start' | 'stop' | 'restart';
const VERB: Record<ServiceAction, string> = { start: 'start', stop: 'stop', restart: 'restart' };

/** Errors systemd (or polkit, through it) answers, as the command's result. */
const ACCESS_DENIED_ERRORS = new Set([
  'org.freedesktop.DBus.Error.AccessDenied',
  'org.freedesktop.DBus.Error.InteractiveAuthorizationRequired',
  'org.freedesktop.PolicyKit1.Error.NotAuthorized',
  'org.freedesktop.PolicyKit1.Error.Cancelled',
]);

export const SYSTEMD_NOT_RUNNING = 'systemd is not running on this machine';

export function failureOfDBusError(action: ServiceAction, name: string, errorName: string, message: string): Failure {
  const reason = message === '' ? errorName : message;
  if (ACCESS_DENIED_ERRORS.has(errorName)) return failure('ACCESS_DENIED', `Not allowed to ${VERB[action]} ${name}: ${reason} (systemd asked polkit, which refused; an administrator or root may)`);
  if (errorName === 'org.freedesktop.systemd1.NoSuchUnit' || errorName === 'org.freedesktop.DBus.Error.UnknownObject') return failure('NOT_FOUND', `No service named ${name} is loaded`);
  if (isServiceMissing(errorName)) return failure('UNSUPPORTED', SYSTEMD_NOT_RUNNING);
  if (errorName === 'org.freedesktop.DBus.Error.NoReply') return failure('TIMED_OUT', `systemd did not answer the request to ${VERB[action]} ${name} (${reason})`);
  return failure('INTERNAL', `Could not ${VERB[action]} ${name}: systemd said "${reason}"`);
}

export function needsConfirmation(action: ServiceAction, name: string, dependents: string[]): Failure {
  const doing = action === 'restart' ? 'Restarting' : 'Stopping';
  return failure('NEEDS_CONFIRMATION', `${doing} ${name} also stops the running services that need it: ${dependents.join(', ')}. Confirm to ${VERB[action]} it anyway.`);
}

/** How a finished job left the unit: done, or why not in plain words. */
export function jobOutcome(action: ServiceAction, name: string, activeState: string, subState: string): Failure | null {
  if (action === 'stop') {
    if (activeState === 'inactive' || activeState === 'failed') return null;
    return failure('INTERNAL', `${name} did not stop: systemd says it is ${activeState} (${subState})`);
  }
  if (activeState === 'active' || activeState === 'reloading') return null;
  return failure('INTERNAL', `${name} did not start: systemd says it is ${activeState} (${subState}); its log says why (journalctl -u ${name})`);
}

export function timedOut(action: ServiceAction, name: string, timeoutMs: number): Failure {
  const within = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
  const left = action === 'stop' ? 'it is still stopping and was not killed' : 'systemd is still working on it';
  return failure('TIMED_OUT', `${name} did not ${VERB[action]} within ${within}: ${left}`);
}
