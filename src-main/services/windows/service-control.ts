/**
 * Start, stop and restart a Windows service through the Service Control Manager, and wait for the
 * outcome. A stop waits until the service reports SERVICE_STOPPED, at most `timeoutMs` (the
 * contract's SERVICE_STOP_TIMEOUT_MS): past that it is reported (TIMED_OUT), never killed. Running
 * dependents (EnumDependentServicesW) stop first, and only when the caller confirmed them; else
 * NEEDS_CONFIRMATION names them and nothing is done. The clock is injected, so the waits are tested
 * with a fake one.
 */
import { failure, type CommandResult, type Failure } from '../../../src-shared/results.ts';
import { SC_MANAGER_CONNECT, SERVICE_ACCESS, type ScHandle, type ScmApi } from './scm-api.ts';
import { failureFromScmError, SCM_ERROR, startFailureMessage } from './scm-errors.ts';
import type { DependentService, ServiceStatus } from './scm-structs.ts';
import { SERVICE_ACCEPT_STOP, SERVICE_STATE } from './service-facts.ts';

export interface ServiceClock {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}

export interface ServiceControlDeps {
  api: ScmApi;
  clock: ServiceClock;
  /** How long a start or a stop may take, per service. */
  timeoutMs: number;
}

const OK: CommandResult = { ok: true };

/**
 * How long to wait before asking again: a tenth of the wait hint the service gave (Microsoft's
 * advice), between 100 ms (a prompt answer for the page) and 1 s.
 */
export function pollDelayMs(waitHintMs: number): number {
  return Math.min(1000, Math.max(100, Math.floor(waitHintMs / 10)));
}

/** "30 s" for the messages. */
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

type Opened = { ok: true; manager: ScHandle; service: ScHandle } | Failure;

function openService(api: ScmApi, name: string, access: number, action: string): Opened {
  const manager = api.openManager(SC_MANAGER_CONNECT);
  if (!manager.ok) return failureFromScmError(manager.error, action, name);
  const service = api.openService(manager.value, name, access);
  if (!service.ok) {
    api.closeHandle(manager.value);
    return failureFromScmError(service.error, action, name);
  }
  return { ok: true, manager: manager.value, service: service.value };
}

function close(api: ScmApi, opened: { manager: ScHandle; service: ScHandle }): void {
  api.closeHandle(opened.service);
  api.closeHandle(opened.manager);
}

type Settled = { kind: 'settled'; status: ServiceStatus } | { kind: 'timeout' } | { kind: 'error'; error: number };

/** Asks the status until `isDone` holds or `timeoutMs` has passed. */
async function waitFor(deps: ServiceControlDeps, service: ScHandle, isDone: (status: ServiceStatus) => boolean): Promise<Settled> {
  const deadline = deps.clock.nowMs() + deps.timeoutMs;
  for (;;) {
    const status = deps.api.status(service);
    if (!status.ok) return { kind: 'error', error: status.error };
    if (isDone(status.value)) return { kind: 'settled', status: status.value };
    const leftMs = deadline - deps.clock.nowMs();
    if (leftMs <= 0) return { kind: 'timeout' };
    await deps.clock.sleep(Math.min(pollDelayMs(status.value.waitHintMs), leftMs));
  }
}

/** Stops an open service and waits until it has stopped. */
async function stopOpened(deps: ServiceControlDeps, service: ScHandle, name: string, action: string): Promise<CommandResult> {
  const before = deps.api.status(service);
  if (!before.ok) return failureFromScmError(before.error, action, name);
  if (before.value.state === SERVICE_STATE.STOPPED) return OK;
  if (before.value.state !== SERVICE_STATE.STOP_PENDING) {
    if ((before.value.controlsAccepted & SERVICE_ACCEPT_STOP) === 0) return failureFromScmError(SCM_ERROR.INVALID_SERVICE_CONTROL, action, name);
    const asked = deps.api.stop(service);
    // It stopped on its own between the two calls: what was asked is done.
    if (!asked.ok && asked.error !== SCM_ERROR.SERVICE_NOT_ACTIVE) return failureFromScmError(asked.error, action, name);
  }
  const settled = await waitFor(deps, service, (status) => status.state === SERVICE_STATE.STOPPED);
  if (settled.kind === 'error') return failureFromScmError(settled.error, action, name);
  if (settled.kind === 'timeout') return failure('TIMED_OUT', `${name} did not stop within ${seconds(deps.timeoutMs)}; it was not ended`);
  return OK;
}

/** Opens a dependent by name and stops it. */
async function stopDependent(deps: ServiceControlDeps, dependent: DependentService): Promise<CommandResult> {
  const action = `Stopping ${dependent.name}`;
  const opened = openService(deps.api, dependent.name, SERVICE_ACCESS.STOP | SERVICE_ACCESS.QUERY_STATUS, action);
  if (!opened.ok) return opened;
  try {
    return await stopOpened(deps, opened.service, dependent.name, action);
  } finally {
    close(deps.api, opened);
  }
}

/** The outcome of a stop, with the dependents it stopped (a restart starts them again). */
interface Stopped {
  result: CommandResult;
  stoppedDependents: DependentService[];
}

async function stopWithDependents(deps: ServiceControlDeps, name: string, isDependentsConfirmed: boolean, verb: 'stop' | 'restart'): Promise<Stopped> {
  const action = `${verb === 'stop' ? 'Stopping' : 'Restarting'} ${name}`;
  const opened = openService(deps.api, name, SERVICE_ACCESS.STOP | SERVICE_ACCESS.QUERY_STATUS | SERVICE_ACCESS.ENUMERATE_DEPENDENTS, action);
  if (!opened.ok) return { result: opened, stoppedDependents: [] };
  try {
    const status = deps.api.status(opened.service);
    if (!status.ok) return { result: failureFromScmError(status.error, action, name), stoppedDependents: [] };
    if (status.value.state === SERVICE_STATE.STOPPED) return { result: OK, stoppedDependents: [] };
    const dependents = deps.api.activeDependents(opened.service);
    if (!dependents.ok) return { result: failureFromScmError(dependents.error, action, name), stoppedDependents: [] };
    if (dependents.value.length > 0 && !isDependentsConfirmed) {
      const names = dependents.value.map((d) => d.displayName).join(', ');
      return { result: failure('NEEDS_CONFIRMATION', `${action} also ${verb}s: ${names}`), stoppedDependents: [] };
    }
    const stoppedDependents: DependentService[] = [];
    for (const dependent of dependents.value) {
      const stopped = await stopDependent(deps, dependent);
      if (!stopped.ok) return { result: failure(stopped.code, `${stopped.message}, so ${name} was left running`), stoppedDependents };
      stoppedDependents.push(dependent);
    }
    return { result: await stopOpened(deps, opened.service, name, action), stoppedDependents };
  } finally {
    close(deps.api, opened);
  }
}

export async function startService(deps: ServiceControlDeps, name: string): Promise<CommandResult> {
  const action = `Starting ${name}`;
  const opened = openService(deps.api, name, SERVICE_ACCESS.START | SERVICE_ACCESS.QUERY_STATUS, action);
  if (!opened.ok) return opened;
  try {
    const started = deps.api.start(opened.service);
    if (!started.ok && started.error !== SCM_ERROR.SERVICE_ALREADY_RUNNING) return failureFromScmError(started.error, action, name);
    const settled = await waitFor(deps, opened.service, (status) => status.state !== SERVICE_STATE.START_PENDING);
    if (settled.kind === 'error') return failureFromScmError(settled.error, action, name);
    if (settled.kind === 'timeout') return failure('TIMED_OUT', `${name} did not finish starting within ${seconds(deps.timeoutMs)}; it may still be starting`);
    const { state, win32ExitCode, serviceSpecificExitCode } = settled.status;
    if (state === SERVICE_STATE.STOPPED) return failure('INTERNAL', startFailureMessage(name, win32ExitCode, serviceSpecificExitCode));
    return OK;
  } finally {
    close(deps.api, opened);
  }
}

export async function stopService(deps: ServiceControlDeps, name: string, isDependentsConfirmed: boolean): Promise<CommandResult> {
  return (await stopWithDependents(deps, name, isDependentsConfirmed, 'stop')).result;
}

/**
 * Stops it (and, confirmed, its running dependents), then starts it and those dependents again,
 * as Services (services.msc) does.
 */
export async function restartService(deps: ServiceControlDeps, name: string, isDependentsConfirmed: boolean): Promise<CommandResult> {
  const stopped = await stopWithDependents(deps, name, isDependentsConfirmed, 'restart');
  if (!stopped.result.ok) return stopped.result;
  const started = await startService(deps, name);
  if (!started.ok) return started;
  // The last one stopped is the first to start: the reverse of the stop order.
  for (const dependent of [...stopped.stoppedDependents].reverse()) {
    const again = await startService(deps, dependent.name);
    if (!again.ok) return failure(again.code, `${name} restarted, but ${again.message}`);
  }
  return OK;
}

