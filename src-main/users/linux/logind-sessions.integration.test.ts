/**
 * The logind adapter through a real dbus-daemon and a systemd-logind stand-in
 * (test-support/fake-system-bus.ts lists its sessions), since these machines run no systemd.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSystemBus, type FakeSystemBus } from '../../test-support/fake-system-bus.ts';
import { createLogindSessions } from './logind-sessions.ts';

let bus: FakeSystemBus;
beforeAll(async () => {
  bus = await startFakeSystemBus({ withSystemd: false });
});
afterAll(async () => {
  await bus?.stop();
});

describe('logind sessions over D-Bus', () => {
  it('lists every session with its user, state, remote host, terminal or seat, and login time', async () => {
    const platform = createLogindSessions({ address: bus.address });
    expect(await platform.list()).toEqual({
      unavailableReason: null,
      sessions: [
        { id: '2', user: 'alice', state: 'active', clientName: null, station: 'tty2', loginAtMs: Date.parse('2023-11-14T22:13:20Z') },
        { id: 'c3', user: 'root', state: 'online', clientName: '192.0.2.7', station: 'pts/0', loginAtMs: Date.parse('2023-11-14T22:23:20Z') },
        { id: '5', user: 'bob', state: 'closing', clientName: null, station: null, loginAtMs: null },
      ],
    });
    platform.close();
  });

  it('says logind is not running where the bus has no org.freedesktop.login1', async () => {
    const empty = await startFakeSystemBus({ withSystemd: false, withLogind: false });
    try {
      const platform = createLogindSessions({ address: empty.address });
      expect(await platform.list()).toEqual({ sessions: [], unavailableReason: 'systemd-logind is not running on this machine' });
      platform.close();
    } finally {
      await empty.stop();
    }
  });

  it('says so where there is no system bus at all', async () => {
    const platform = createLogindSessions({ address: 'unix:path=/nonexistent/system_bus_socket' });
    expect(await platform.list()).toEqual({ sessions: [], unavailableReason: 'systemd-logind is not running on this machine' });
    platform.close();
  });
});
