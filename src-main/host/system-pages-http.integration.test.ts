/**
 * The Startup apps, Services and Users routes over real HTTP on loopback, in this process:
 * `createHttpApi` with the core's `answerQuery`, command handlers and `createSystemPages` over fake
 * adapters that record what reached them. What the real adapters do is their own tests' business;
 * here: path and body to the command, the policy (a view-only token reads, only control acts,
 * nothing that runs code goes over the network), and the refusals' statuses in the documented order.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure, type CommandResult } from '../../src-shared/commands.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { createCommandHandlers } from '../control/command-handlers.ts';
import { NO_INVENTORY } from '../core/inventory-source.ts';
import { answerQuery } from '../core/query-service.ts';
import { RecentSeriesRing } from '../core/recent-series-ring.ts';
import { createSystemPages } from '../core/system-pages.ts';
import type { ServicesPlatform } from '../services/services-platform.ts';
import type { StartupPlatform } from '../startup/startup-platform.ts';
import type { SessionsPlatform } from '../users/sessions-platform.ts';
import { AuthThrottle } from './auth-throttle.ts';
import { HostTokens } from './host-tokens.ts';
import { createHttpApi } from './http-api.ts';

import { serviceFactsFixture, startupFactsFixture } from '../test-support/system-page-fixtures.ts';
const TOKEN = 'system-pages-http-test-token-0123';
const NOTES = startupFactsFixture();
const SSH = serviceFactsFixture();

/** Every call that reached an adapter. */
let calls: string[] = [];

const startup: StartupPlatform = {
  list: async () => ({ entries: [NOTES], notes: [], unavailableReason: null }),
  setEnabled: async (id, enabled) => {
    if (id !== NOTES.id) return failure('NOT_FOUND', `no startup entry ${id}`);
    calls.push(`setEnabled ${id} ${enabled}`);
    return { ok: true };
  },
  openLocation: async (id) => (calls.push(`openLocation ${id}`), { ok: true }),
  openProperties: async (id) => (calls.push(`openProperties ${id}`), { ok: true }),
};
const services: ServicesPlatform = {
  list: async () => ({ services: [SSH], unavailableReason: null }),
  start: async (name) => (calls.push(`start ${name}`), { ok: true }),
  // As the adapters do: running dependents ask first.
  stop: async (name, isDependentsConfirmed) => serviceAction('stop', name, isDependentsConfirmed),
  restart: async (name, isDependentsConfirmed) => serviceAction('restart', name, isDependentsConfirmed),
  close: () => {},
};
function serviceAction(action: string, name: string, isDependentsConfirmed: boolean): CommandResult {
  if (name !== SSH.name) return failure('NOT_FOUND', `no service named ${name}`);
  if (!isDependentsConfirmed) return failure('NEEDS_CONFIRMATION', 'these running services stop with it: sshd-keygen.service');
  calls.push(`${action} ${name}`);
  return { ok: true };
}
const sessions: SessionsPlatform = { list: async () => ({ sessions: [], unavailableReason: 'systemd-logind is not running on this machine' }), close: () => {} };

interface Served {
  url: string;
  close(): Promise<void>;
}

let latest: Snapshot | null = null;

async function serveApi(isControlAllowed: boolean): Promise<Served> {
  const ring = new RecentSeriesRing();
  const pages = createSystemPages({ latest: () => latest, startup, services, sessions });
  const handlers = createCommandHandlers({ collector: { configure: () => undefined }, latest: () => latest, ownPids: () => new Set([process.pid]), bootTimeMs: () => null, platform: 'linux', ...pages.platforms });
  const api = createHttpApi({
    // With --allow-control, TOKEN is the control token here (what acts); the view token is another.
    tokens: new HostTokens(isControlAllowed ? { view: `view-${TOKEN}`, control: TOKEN } : { view: TOKEN, control: null }),
    version: 'test',
    isControlAllowed,
    latest: () => latest,
    handlers,
    staticRoot: '/nonexistent',
    checkRequest: () => null,
    throttle: new AuthThrottle({ maxFailures: 1000, windowMs: 60_000, maxAddresses: 10, now: () => Date.now() }),
    answerQuery: (input) => answerQuery(input, { ring, inventory: NO_INVENTORY, ...pages.views }),
  });
  const server = http.createServer(api);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let viewOnly: Served;
let control: Served;
beforeAll(async () => {
  [viewOnly, control] = await Promise.all([serveApi(false), serveApi(true)]);
});
afterAll(() => Promise.all([viewOnly.close(), control.close()]));
beforeEach(() => {
  calls = [];
  latest = snapshot({ processes: [processRow({ pid: 812, user: 'root', startTimeMs: 4_000, memoryBytes: 1_000 })] });
});

const send = (served: Served, method: string, route: string, body?: string, token = TOKEN) =>
  fetch(`${served.url}${route}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body }) });

async function expectError(response: Response, status: number, code: string, message?: RegExp): Promise<void> {
  const body = (await response.json()) as { ok: boolean; code: string; message: string };
  expect({ status: response.status, code: body.code }).toEqual({ status, code });
  if (message) expect(body.message).toMatch(message);
}

describe('GET /api/startup, /api/services, /api/users (a view-only token reads)', () => {
  it('/api/startup: the entries, each with its impact', async () => {
    const response = await send(viewOnly, 'GET', '/api/startup');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ entries: [{ ...NOTES, impact: { state: 'notMeasured', reason: expect.any(String) } }], notes: [], unavailableReason: null });
  });

  it('/api/services: each service linked to its process in the latest snapshot', async () => {
    const response = await send(viewOnly, 'GET', '/api/services');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ services: [{ ...SSH, startTimeMs: 4_000 }], unavailableReason: null });
  });

  it('/api/services answers while the collector is down (the start times unknown); /api/users is 503 COLLECTOR_DOWN', async () => {
    latest = null;
    expect(await (await send(viewOnly, 'GET', '/api/services')).json()).toEqual({ services: [{ ...SSH, startTimeMs: null }], unavailableReason: null });
    await expectError(await send(viewOnly, 'GET', '/api/users'), 503, 'COLLECTOR_DOWN');
  });

  it('/api/users: the users’ sums and why there are no sessions', async () => {
    const response = await send(viewOnly, 'GET', '/api/users');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      takenAtMs: latest?.takenAtMs,
      users: [{ user: 'root', processCount: 1, memoryBytes: 1_000, members: [{ pid: 812, startTimeMs: 4_000 }], sessions: [] }],
      sessions: [],
      sessionsUnavailableReason: 'systemd-logind is not running on this machine',
    });
  });

  it.each(['/api/startup', '/api/services', '/api/users'])('%s: 401 without the token, 405 for POST', async (route) => {
    await expectError(await send(viewOnly, 'GET', route, undefined, 'wrong-token-wrong-token-wrong'), 401, 'UNAUTHORIZED');
    const response = await send(control, 'POST', route, '{}');
    expect(response.headers.get('allow')).toBe('GET');
    await expectError(response, 405, 'METHOD_NOT_ALLOWED');
  });
});

describe('POST /api/startup/:id/disable and /api/services/:name/stop|restart', () => {
  it.each([
    ['/api/startup/autostartUser%3Anotes.desktop/disable', undefined],
    ['/api/services/ssh.service/stop', '{"isDependentsConfirmed":true}'],
    ['/api/services/ssh.service/restart', '{"isDependentsConfirmed":true}'],
  ])('a view-only token: %s → 403 CONTROL_DISABLED, nothing done', async (route, body) => {
    await expectError(await send(viewOnly, 'POST', route, body), 403, 'CONTROL_DISABLED', /--allow-control/);
    expect(calls).toEqual([]);
  });

  it('a control token disables an entry (no body needed; the id URL-encoded)', async () => {
    const response = await send(control, 'POST', '/api/startup/autostartUser%3Anotes.desktop/disable');
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { ok: true } });
    expect(calls).toEqual(['setEnabled autostartUser:notes.desktop false']);
  });

  it('stop asks first where services depend on it (409 NEEDS_CONFIRMATION naming them), then stops when confirmed', async () => {
    await expectError(await send(control, 'POST', '/api/services/ssh.service/stop'), 409, 'NEEDS_CONFIRMATION', /sshd-keygen\.service/);
    expect(calls).toEqual([]);
    const response = await send(control, 'POST', '/api/services/ssh.service/restart', '{"isDependentsConfirmed":true}');
    expect(response.status).toBe(200);
    expect(calls).toEqual(['restart ssh.service']);
  });

  it.each([
    ['/api/startup/autostartUser%3Anotes.desktop/enable', /desktop app only/],
    ['/api/services/ssh.service/start', /desktop app only/],
  ])('what would run code is desktop-only: %s → 501 UNSUPPORTED over a control token, 403 over a view-only one', async (route, message) => {
    await expectError(await send(control, 'POST', route), 501, 'UNSUPPORTED', message);
    await expectError(await send(viewOnly, 'POST', route), 403, 'CONTROL_DISABLED');
    expect(calls).toEqual([]);
  });

  it.each([
    ['an unknown entry → 404', 'POST', '/api/startup/autostartUser%3Agone.desktop/disable', undefined, 404, 'NOT_FOUND'],
    ['an unknown service → 404', 'POST', '/api/services/gone.service/stop', '{"isDependentsConfirmed":true}', 404, 'NOT_FOUND'],
    ['an unknown action → 404', 'POST', '/api/services/ssh.service/kill', undefined, 404, 'NOT_FOUND'],
    ['GET on an action → 405', 'GET', '/api/services/ssh.service/stop', undefined, 405, 'METHOD_NOT_ALLOWED'],
  ])('%s', async (_name, method, route, body, status, code) => {
    await expectError(await send(control, method, route, body), status, code);
    expect(calls).toEqual([]);
  });

  it.each([
    ['an empty id', '/api/startup//disable', undefined, /id/],
    ['a name with a slash (encoded)', '/api/services/..%2Fetc/stop', undefined, /name.*slashes/],
    ['isDependentsConfirmed not a boolean', '/api/services/ssh.service/stop', '{"isDependentsConfirmed":"yes"}', /isDependentsConfirmed/],
    ['a field the command does not take', '/api/services/ssh.service/stop', '{"force":true}', /force/],
    ['a body that is not JSON', '/api/services/ssh.service/stop', 'stop it', /not JSON/],
    ['a body that is not an object', '/api/startup/autostartUser%3Anotes.desktop/disable', '[]', /JSON object/],
  ])('400 INVALID_ARGUMENT naming what is wrong, before the policy: %s', async (_name, route, body, message) => {
    await expectError(await send(viewOnly, 'POST', route, body), 400, 'INVALID_ARGUMENT', message);
    expect(calls).toEqual([]);
  });
});
