/**
 * Services and Users through the real host (`serve.ts` as a child) on a private system bus with
 * systemd and logind stand-ins (test-support/fake-system-bus.ts: its units and sessions are listed
 * there), as a script meets them: each service linked to its process's row in /api/processes, a
 * stop that asks first where a running service depends on it, polkit's refusal in plain words, and
 * the logind sessions attached to their users' rows. The daemon and the mock are ended by the
 * helper that started them.
 */
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessRow } from '../../src-shared/snapshot.ts';
import type { ServicesView } from '../../src-shared/services.ts';
import type { UsersView } from '../../src-shared/users.ts';
import { endAllOwned } from '../test-support/child-processes.ts';
import { startFakeSystemBus, type FakeSystemBus } from '../test-support/fake-system-bus.ts';
import { startServe, type ServeProcess } from '../test-support/serve-process.ts';

const TOKEN = 'system-pages-bus-test-token-01234';
const auth = { Authorization: `Bearer ${TOKEN}` };

let bus: FakeSystemBus;
let host: ServeProcess;

const get = async <T>(route: string): Promise<T> => (await (await fetch(`${host.url}${route}`, { headers: auth })).json()) as T;
const post = async (route: string, body?: unknown) => {
  const response = await fetch(`${host.url}${route}`, { method: 'POST', headers: auth, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as { ok: boolean; code?: string; message?: string } };
};
const serviceNamed = async (name: string) => (await get<ServicesView>('/api/services')).services.find((service) => service.name === name);

beforeAll(async () => {
  bus = await startFakeSystemBus();
  host = await startServe(['--port', '0', '--token', TOKEN, '--allow-control'], { DBUS_SYSTEM_BUS_ADDRESS: bus.address });
}, 60_000);

afterAll(async () => {
  await host?.end();
  await bus?.stop();
  await endAllOwned();
});

describe('GET /api/services on a bus with systemd', () => {
  it('lists the units of type service, each running one linked to its process row (pid and start time)', async () => {
    const view = await get<ServicesView>('/api/services');
    expect(view.unavailableReason).toBeNull();
    expect(view.services.map((service) => service.name)).toEqual(expect.arrayContaining(['ssh.service', 'postgresql.service', 'rsync.service']));
    expect(view.services.map((service) => service.name)).not.toContain('multi-user.target');
    const ssh = view.services.find((service) => service.name === 'ssh.service');
    expect(ssh).toMatchObject({ state: 'running', startType: 'enabled', group: 'system.slice', canStop: true });
    // ssh.service's MainPID is the mock's own process: a real row of the snapshot.
    const { processes } = await get<{ processes: ProcessRow[] }>('/api/processes');
    const row = processes.find((process) => process.pid === ssh?.pid);
    expect(row).toBeDefined();
    expect(ssh?.startTimeMs).toBe(row?.startTimeMs);
    expect(view.services.find((service) => service.name === 'rsync.service')).toMatchObject({ state: 'stopped', pid: null, startTimeMs: null });
  });
});

describe('POST /api/services/:name/stop|restart on a bus with systemd', () => {
  it('asks first where a running service depends on it (409 naming it), then stops it once confirmed', async () => {
    const first = await post('/api/services/postgresql.service/stop');
    expect(first).toMatchObject({ status: 409, body: { ok: false, code: 'NEEDS_CONFIRMATION', message: expect.stringContaining('app-backend.service') } });
    expect(await serviceNamed('postgresql.service')).toMatchObject({ state: 'running' });
    expect(await post('/api/services/postgresql.service/stop', { isDependentsConfirmed: true })).toEqual({ status: 200, body: { ok: true } });
    expect(await serviceNamed('postgresql.service')).toMatchObject({ state: 'stopped' });
  });

  it('a restart polkit would have to ask for: 403 ACCESS_DENIED with the reason', async () => {
    const refused = await post('/api/services/bluetooth.service/restart', { isDependentsConfirmed: true });
    expect(refused).toMatchObject({ status: 403, body: { ok: false, code: 'ACCESS_DENIED', message: expect.stringMatching(/authentication/i) } });
  });

  it('an unknown service: 404 NOT_FOUND', async () => {
    expect(await post('/api/services/no-such-unit.service/restart', { isDependentsConfirmed: true })).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });
});

describe('GET /api/users on a bus with logind', () => {
  it('lists every session and attaches each to its user’s row, a signed-in user without visible processes included', async () => {
    const view = await get<UsersView>('/api/users');
    expect(view.sessionsUnavailableReason).toBeNull();
    expect(view.sessions.map((session) => session.id).sort()).toEqual(['2', '5', 'c3']);
    const me = os.userInfo().username;
    const rowOf = (user: string) => view.users.find((row) => row.user === user);
    // This test runs as the user of the mock's sessions where it can: root's ssh session "c3".
    if (me === 'root') expect(rowOf('root')?.sessions.map((session) => session.id)).toEqual(['c3']);
    expect(rowOf('alice')).toMatchObject({ sessions: [expect.objectContaining({ id: '2', state: 'active' })] });
    expect(rowOf('bob')?.sessions.map((session) => session.id)).toEqual(['5']);
  });
});
