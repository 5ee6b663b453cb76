/**
 * The systemd adapter through a real dbus-daemon and a systemd stand-in (test-support/fake-system-bus.ts
 * lists its units), since these machines run no systemd: the client's SASL, serials and pipelining
 * against the reference bus, systemd's signatures, and the commands' results.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServicesPlatform } from '../services-platform.ts';
import { startFakeSystemBus, type FakeSystemBus } from '../../test-support/fake-system-bus.ts';
import { createSystemdServices } from './systemd-services.ts';

const EXTRA_UNITS = 200;
let bus: FakeSystemBus;
const opened: ServicesPlatform[] = [];
const services = (options: Parameters<typeof createSystemdServices>[0] = {}) => {
  const platform = createSystemdServices({ address: bus.address, ...options });
  opened.push(platform);
  return platform;
};
const row = async (platform: ServicesPlatform, name: string) => (await platform.list()).services.find((service) => service.name === name);

beforeAll(async () => {
  bus = await startFakeSystemBus({ extraUnits: EXTRA_UNITS });
});
afterEach(() => {
  for (const platform of opened.splice(0)) platform.close();
});
afterAll(async () => {
  await bus?.stop();
});

describe('systemd services over D-Bus', () => {
  it('lists the services that exist, loaded or only a unit file, with their state, start type, main process and slice', async () => {
    const listing = await services().list();
    expect(listing.unavailableReason).toBeNull();
    const names = listing.services.map((service) => service.name);
    expect(names).toHaveLength(8 + EXTRA_UNITS);
    expect(names).not.toContain('-.mount');
    expect(names).not.toContain('getty@.service'); // a template: its unit file only
    expect(names).not.toContain('foo.socket');
    expect(names).not.toContain('multi-user.target');
    expect(names).not.toContain('plymouth-quit.service'); // load state not-found: only a name something refers to

    const ssh = listing.services.find((service) => service.name === 'ssh.service');
    expect(ssh).toEqual({
      name: 'ssh.service',
      displayName: 'OpenBSD Secure Shell server',
      description: null,
      state: 'running',
      subState: 'running',
      startType: 'enabled',
      startTypeDetail: null,
      pid: expect.any(Number),
      group: 'system.slice',
      canStop: true,
    });
    // MainPID is a real process: the stand-in itself.
    expect(readFileSync(`/proc/${ssh?.pid}/cmdline`, 'utf8')).toContain('fake-system-bus-mock.py');

    expect(listing.services.find((service) => service.name === 'stuck.service')).toMatchObject({ startType: 'other', startTypeDetail: 'indirect', group: 'stuck.slice' });
    expect(listing.services.find((service) => service.name === 'rsync.service')).toMatchObject({ state: 'stopped', subState: 'dead', startType: 'disabled', pid: null, canStop: false });
    // Not loaded by systemd: listed from its unit file alone.
    expect(listing.services.find((service) => service.name === 'unused.service')).toEqual({
      name: 'unused.service',
      displayName: 'unused.service',
      description: null,
      state: 'stopped',
      subState: 'dead',
      startType: 'disabled',
      startTypeDetail: null,
      pid: null,
      group: null,
      canStop: false,
    });
    expect(listing.services.find((service) => service.name === 'broken.service')).toMatchObject({ state: 'failed', subState: 'failed', startType: 'masked', pid: null, canStop: false });
  });

  it('stops, starts and restarts a service, each answered once systemd has finished', async () => {
    const platform = services();
    expect(await platform.stop('ssh.service', false)).toEqual({ ok: true });
    expect(await row(platform, 'ssh.service')).toMatchObject({ state: 'stopped', subState: 'dead', pid: null, canStop: false });

    expect(await platform.start('ssh.service')).toEqual({ ok: true });
    expect(await row(platform, 'ssh.service')).toMatchObject({ state: 'running', subState: 'running', pid: expect.any(Number) });

    expect(await platform.restart('ssh.service', false)).toEqual({ ok: true });
    expect(await row(platform, 'ssh.service')).toMatchObject({ state: 'running', subState: 'running' });

    expect(await platform.start('rsync.service')).toEqual({ ok: true });
    expect(await row(platform, 'rsync.service')).toMatchObject({ state: 'running' });
  });

  it('names the running services that need it and does nothing until the stop is confirmed', async () => {
    const platform = services();
    const asked = await platform.stop('postgresql.service', false);
    expect(asked).toMatchObject({ ok: false, code: 'NEEDS_CONFIRMATION' });
    expect(asked.ok === false && asked.message).toContain('app-backend.service');
    expect(await row(platform, 'postgresql.service')).toMatchObject({ state: 'running' });
    expect(await platform.restart('postgresql.service', false)).toMatchObject({ ok: false, code: 'NEEDS_CONFIRMATION' });

    expect(await platform.stop('postgresql.service', true)).toEqual({ ok: true });
    expect(await row(platform, 'postgresql.service')).toMatchObject({ state: 'stopped' });
    expect(await row(platform, 'app-backend.service')).toMatchObject({ state: 'stopped' });
  });

  it('reports polkit refusing, with its reason, and leaves the service running', async () => {
    const platform = services();
    const refused = await platform.stop('bluetooth.service', false);
    expect(refused).toMatchObject({ ok: false, code: 'ACCESS_DENIED' });
    expect(refused.ok === false && refused.message).toContain('Interactive authentication required.');
    expect(await platform.restart('bluetooth.service', true)).toMatchObject({ ok: false, code: 'ACCESS_DENIED' });
    expect(await row(platform, 'bluetooth.service')).toMatchObject({ state: 'running' });
  });

  it('reports a stop that does not finish in time and kills nothing', async () => {
    const platform = services({ jobTimeoutMs: 600, pollIntervalMs: 50 });
    const result = await platform.stop('stuck.service', false);
    expect(result).toMatchObject({ ok: false, code: 'TIMED_OUT' });
    expect(result.ok === false && result.message).toBe('stuck.service did not stop within 600 ms: it is still stopping and was not killed');
    expect(await row(platform, 'stuck.service')).toMatchObject({ state: 'stopping', pid: expect.any(Number) });
  });

  it('says why a service did not start', async () => {
    const result = await services().start('broken.service');
    expect(result).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(result.ok === false && result.message).toContain('broken.service did not start: systemd says it is failed (failed)');
  });

  it.each(['nope.service', 'multi-user.target', '../ssh.service'])('answers NOT_FOUND for %s, which is no loaded service', async (name) => {
    expect(await services().stop(name, true)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('where systemd is not running', () => {
  it('says so when the bus has no org.freedesktop.systemd1', async () => {
    const empty = await startFakeSystemBus({ withSystemd: false, withLogind: false });
    try {
      const platform = createSystemdServices({ address: empty.address });
      expect(await platform.list()).toEqual({ services: [], unavailableReason: 'systemd is not running on this machine' });
      expect(await platform.stop('ssh.service', true)).toEqual({ ok: false, code: 'UNSUPPORTED', message: 'systemd is not running on this machine' });
      platform.close();
    } finally {
      await empty.stop();
    }
  });

  it('says so when there is no system bus at all', async () => {
    const platform = createSystemdServices({ address: 'unix:path=/nonexistent/system_bus_socket' });
    expect(await platform.list()).toEqual({ services: [], unavailableReason: 'systemd is not running on this machine' });
    platform.close();
  });
});
