import { describe, expect, it } from 'vitest';
import { SERVICE_STOP_TIMEOUT_MS } from '../../../src-shared/services.ts';
import { SERVICE_ACCESS } from './scm-api.ts';
import { FakeClock, FakeScmApi, fakeService, type FakeService } from './fake-scm-api.ts';
import { pollDelayMs } from './service-control.ts';
import { UNREADABLE_CONFIG } from './service-facts.ts';
import { createWindowsServices } from './windows-services.ts';

const STOPPED = 1;
const STOP_PENDING = 3;
const RUNNING = 4;

function machine(services: FakeService[]) {
  const api = new FakeScmApi(services);
  const clock = new FakeClock();
  const platform = createWindowsServices({ api: () => api, clock });
  return { api, clock, platform };
}

/** Print Spooler with Fax depending on it (Fax stops first), as on a Windows with the Fax service. */
const spoolerWithFax = () => [
  fakeService({ name: 'Spooler', displayName: 'Print Spooler', pid: 3212, dependents: ['Fax', 'PrintNotify'] }),
  fakeService({ name: 'Fax', displayName: 'Fax', pid: 4100 }),
  // A dependent that is stopped does not stop with it, and is not named.
  fakeService({ name: 'PrintNotify', displayName: 'Printer Extensions and Notifications', state: STOPPED, pid: 0 }),
];

describe('createWindowsServices: list', () => {
  it('lists every service with its configuration: start type, delayed start, description, svchost group, pid', async () => {
    const { api, platform } = machine([
      fakeService({ name: 'BITS', displayName: 'Background Intelligent Transfer Service', startType: 2, isDelayedAutoStart: true, description: 'Transfers files in the background', pid: 1840 }),
      fakeService({ name: 'WSearch', displayName: 'Windows Search', state: STOPPED, pid: 0, startType: 4, binaryPath: 'C:\\Windows\\system32\\SearchIndexer.exe /Embedding' }),
    ]);
    const listing = await platform.list();
    expect(listing.unavailableReason).toBeNull();
    expect(listing.services).toEqual([
      {
        name: 'BITS',
        displayName: 'Background Intelligent Transfer Service',
        description: 'Transfers files in the background',
        state: 'running',
        subState: null,
        startType: 'automaticDelayed',
        startTypeDetail: null,
        pid: 1840,
        group: 'netsvcs',
        canStop: true,
      },
      {
        name: 'WSearch',
        displayName: 'Windows Search',
        description: null,
        state: 'stopped',
        subState: null,
        startType: 'disabled',
        startTypeDetail: null,
        pid: null,
        group: null,
        canStop: false,
      },
    ]);
    expect(api.openHandles.size).toBe(0);
  });

  it('lists a few hundred services, a turn of the event loop at a time, every one with its configuration and no handle left open', async () => {
    const many = Array.from({ length: 300 }, (_, i) => fakeService({ name: `Svc${String(i).padStart(3, '0')}`, startType: 2, description: `Service ${i}` }));
    const { api, platform } = machine(many);
    const listing = await platform.list();
    expect(listing.services.map((s) => s.name)).toEqual(many.map((s) => s.name));
    expect(listing.services.every((s, i) => s.startType === 'automatic' && s.description === `Service ${i}`)).toBe(true);
    expect(api.openHandles.size).toBe(0);
  });

  it('where the delayed flag can not be read (Wine 8 refuses the level), an automatic service is automatic', async () => {
    const { platform } = machine([fakeService({ name: 'Eventlog', startType: 2, isDelayedAutoStart: null })]);
    expect((await platform.list()).services[0]?.startType).toBe('automatic');
  });

  it('a service whose configuration this account may not read is still listed, its start type other (not readable)', async () => {
    const { platform } = machine([fakeService({ name: 'WinDefend', deniedAccess: SERVICE_ACCESS.QUERY_CONFIG })]);
    expect((await platform.list()).services[0]).toMatchObject({ name: 'WinDefend', state: 'running', startType: 'other', startTypeDetail: UNREADABLE_CONFIG, group: null });
  });

  it('says why nothing is listed when the Service Control Manager refuses', async () => {
    const { api, platform } = machine([fakeService({ name: 'Spooler' })]);
    api.managerError = 5;
    expect(await platform.list()).toEqual({ services: [], unavailableReason: expect.stringContaining('does not let this account list the services') });
  });

  it('where the bindings can not load, the page says why and every command answers UNSUPPORTED', async () => {
    const platform = createWindowsServices({
      api: () => {
        throw new Error('koffi is missing');
      },
    });
    expect(await platform.list()).toEqual({ services: [], unavailableReason: expect.stringContaining('koffi is missing') });
    expect(await platform.stop('Spooler', false)).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
  });
});

describe('createWindowsServices: start', () => {
  it('starts a stopped service and answers once it runs', async () => {
    const { api, platform } = machine([fakeService({ name: 'Spooler', state: STOPPED, pid: 0, startPolls: 3, nextPid: 5120 })]);
    expect(await platform.start('spooler')).toEqual({ ok: true });
    expect(api.services.get('spooler')).toMatchObject({ state: RUNNING, pid: 5120 });
    expect(api.openHandles.size).toBe(0);
  });

  it('a service that is already running is fine', async () => {
    const { platform } = machine([fakeService({ name: 'Spooler' })]);
    expect(await platform.start('Spooler')).toEqual({ ok: true });
  });

  it('a service that stops as it starts is reported with its exit code', async () => {
    const { platform } = machine([fakeService({ name: 'Spooler', state: STOPPED, pid: 0, startFailure: { win32ExitCode: 1066, serviceSpecificExitCode: 42 } })]);
    expect(await platform.start('Spooler')).toEqual({ ok: false, code: 'INTERNAL', message: 'Spooler stopped as it started, with its own error code 42' });
  });

  it('a disabled service is refused with what to do', async () => {
    const { platform } = machine([fakeService({ name: 'Spooler', state: STOPPED, pid: 0, startType: 4 })]);
    expect(await platform.start('Spooler')).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: expect.stringContaining('disabled') });
  });

  it('a start not finished within the time allowed is TIMED_OUT', async () => {
    const { clock, platform } = machine([fakeService({ name: 'Spooler', state: STOPPED, pid: 0, startPolls: 1_000_000 })]);
    expect(await platform.start('Spooler')).toEqual({ ok: false, code: 'TIMED_OUT', message: 'Spooler did not finish starting within 30 s; it may still be starting' });
    expect(clock.now).toBe(SERVICE_STOP_TIMEOUT_MS);
  });

  it('without administrator rights: ACCESS_DENIED, saying to run as administrator', async () => {
    const { platform } = machine([fakeService({ name: 'Spooler', state: STOPPED, pid: 0, deniedAccess: SERVICE_ACCESS.START })]);
    expect(await platform.start('Spooler')).toEqual({
      ok: false,
      code: 'ACCESS_DENIED',
      message: 'Starting Spooler: Windows lets only administrators start and stop services — run Task Manager as administrator',
    });
  });

  it('an unknown name is NOT_FOUND', async () => {
    const { api, platform } = machine([fakeService({ name: 'Spooler' })]);
    expect(await platform.start('NoSuchService')).toEqual({ ok: false, code: 'NOT_FOUND', message: 'Starting NoSuchService: no service named “NoSuchService” is installed' });
    expect(api.openHandles.size).toBe(0);
  });
});

describe('createWindowsServices: stop', () => {
  it('stops a running service and answers once it has stopped', async () => {
    const { api, platform } = machine([fakeService({ name: 'Spooler', stopPolls: 4 })]);
    expect(await platform.stop('Spooler', false)).toEqual({ ok: true });
    expect(api.services.get('spooler')).toMatchObject({ state: STOPPED, pid: 0 });
    expect(api.actions).toEqual(['stop Spooler']);
    expect(api.openHandles.size).toBe(0);
  });

  it('a service already stopped is fine, and nothing is asked of it', async () => {
    const { api, platform } = machine([fakeService({ name: 'Spooler', state: STOPPED, pid: 0 })]);
    expect(await platform.stop('Spooler', false)).toEqual({ ok: true });
    expect(api.actions).toEqual([]);
  });

  it('a service that does not stop within 30 s is reported TIMED_OUT and left as it is, never ended', async () => {
    const { api, clock, platform } = machine([fakeService({ name: 'Spooler', stopPolls: null })]);
    expect(await platform.stop('Spooler', false)).toEqual({ ok: false, code: 'TIMED_OUT', message: 'Spooler did not stop within 30 s; it was not ended' });
    // Waited the whole 30 s (polling at most every second), then gave up without any other action.
    expect(clock.now).toBe(SERVICE_STOP_TIMEOUT_MS);
    expect(Math.max(...clock.sleptMs)).toBeLessThanOrEqual(1000);
    expect(api.actions).toEqual(['stop Spooler']);
    expect(api.services.get('spooler')).toMatchObject({ state: STOP_PENDING, pid: 1000 });
    expect(api.openHandles.size).toBe(0);
  });

  it('with running dependents and no confirmation: NEEDS_CONFIRMATION naming them, and nothing is stopped', async () => {
    const { api, platform } = machine(spoolerWithFax());
    expect(await platform.stop('Spooler', false)).toEqual({ ok: false, code: 'NEEDS_CONFIRMATION', message: 'Stopping Spooler also stops: Fax' });
    expect(api.actions).toEqual([]);
    expect(api.services.get('spooler')?.state).toBe(RUNNING);
  });

  it('confirmed: stops the running dependents first, then the service', async () => {
    const { api, platform } = machine(spoolerWithFax());
    expect(await platform.stop('Spooler', true)).toEqual({ ok: true });
    expect(api.actions).toEqual(['stop Fax', 'stop Spooler']);
    expect(api.services.get('fax')?.state).toBe(STOPPED);
    expect(api.services.get('spooler')?.state).toBe(STOPPED);
    expect(api.openHandles.size).toBe(0);
  });

  it('a dependent that does not stop in time is reported, and the service is left running', async () => {
    const services = spoolerWithFax();
    const fax = services.find((s) => s.name === 'Fax');
    if (fax) fax.stopPolls = null;
    const { api, platform } = machine(services);
    expect(await platform.stop('Spooler', true)).toEqual({ ok: false, code: 'TIMED_OUT', message: 'Fax did not stop within 30 s; it was not ended, so Spooler was left running' });
    expect(api.actions).toEqual(['stop Fax']);
    expect(api.services.get('spooler')?.state).toBe(RUNNING);
  });

  it('a service that does not accept a stop is refused before anything is asked', async () => {
    const { api, platform } = machine([fakeService({ name: 'RpcSs', acceptsStop: false })]);
    expect(await platform.stop('RpcSs', false)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: expect.stringContaining('does not accept being stopped') });
    expect(api.actions).toEqual([]);
  });

  it('without administrator rights: ACCESS_DENIED before any confirmation is asked', async () => {
    const services = spoolerWithFax();
    const spooler = services.find((s) => s.name === 'Spooler');
    if (spooler) spooler.deniedAccess = SERVICE_ACCESS.STOP;
    const { platform } = machine(services);
    expect(await platform.stop('Spooler', false)).toMatchObject({ ok: false, code: 'ACCESS_DENIED', message: expect.stringContaining('run Task Manager as administrator') });
  });

  it('when the Service Control Manager itself refuses: ACCESS_DENIED', async () => {
    const { api, platform } = machine([fakeService({ name: 'Spooler' })]);
    api.managerError = 5;
    expect(await platform.stop('Spooler', false)).toMatchObject({ ok: false, code: 'ACCESS_DENIED' });
  });

  it('an unknown name is NOT_FOUND', async () => {
    const { platform } = machine([fakeService({ name: 'Spooler' })]);
    expect(await platform.stop('Nope', true)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('createWindowsServices: restart', () => {
  it('stops, then starts it again with a new process', async () => {
    const { api, platform } = machine([fakeService({ name: 'Spooler', pid: 3212, nextPid: 6000 })]);
    expect(await platform.restart('Spooler', false)).toEqual({ ok: true });
    expect(api.actions).toEqual(['stop Spooler', 'start Spooler']);
    expect(api.services.get('spooler')).toMatchObject({ state: RUNNING, pid: 6000 });
  });

  it('with running dependents and no confirmation: NEEDS_CONFIRMATION, saying they restart too', async () => {
    const { api, platform } = machine(spoolerWithFax());
    expect(await platform.restart('Spooler', false)).toEqual({ ok: false, code: 'NEEDS_CONFIRMATION', message: 'Restarting Spooler also restarts: Fax' });
    expect(api.actions).toEqual([]);
  });

  it('confirmed: stops the dependents, then the service, then starts the service and the dependents again', async () => {
    const { api, platform } = machine(spoolerWithFax());
    expect(await platform.restart('Spooler', true)).toEqual({ ok: true });
    expect(api.actions).toEqual(['stop Fax', 'stop Spooler', 'start Spooler', 'start Fax']);
    // The dependent that was stopped before stays stopped.
    expect(api.services.get('printnotify')?.state).toBe(STOPPED);
    expect(api.services.get('fax')?.state).toBe(RUNNING);
  });

  it('a stop that times out starts nothing', async () => {
    const { api, platform } = machine([fakeService({ name: 'Spooler', stopPolls: null })]);
    expect(await platform.restart('Spooler', false)).toMatchObject({ ok: false, code: 'TIMED_OUT' });
    expect(api.actions).toEqual(['stop Spooler']);
  });
});

describe('pollDelayMs', () => {
  it.each([
    [0, 100],
    [500, 100],
    [2000, 200],
    [10_000, 1000],
    [600_000, 1000],
  ])('a wait hint of %i ms asks again after %i ms', (hint, expected) => {
    expect(pollDelayMs(hint)).toBe(expected);
  });
});
