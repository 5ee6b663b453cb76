/**
 * Startup apps, Services and Users through the real host (`serve.ts` as a child, this machine's
 * adapters, its real collector), as a script meets them: an autostart file in a temporary
 * XDG_CONFIG_HOME / XDG_CONFIG_DIRS is listed; the services answer why none are listed (the system
 * bus named here does not exist, so a machine with systemd answers the same); the row of the user
 * running this test holds the sums of that user's processes in /api/processes of the same tick.
 * The host runs with --allow-control: disabling the test's own autostart entry writes an override in
 * the temporary XDG_CONFIG_HOME, and what would run code (enable, start) is still refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ProcessRow } from '../../src-shared/snapshot.ts';
import type { ServicesView } from '../../src-shared/services.ts';
import type { StartupView } from '../../src-shared/startup.ts';
import type { ServerMessage } from '../../src-shared/stream.ts';
import type { UsersView } from '../../src-shared/users.ts';
import { SYSTEMD_NOT_RUNNING } from '../services/linux/systemd-units.ts';
import { endAllOwned, waitUntil } from '../test-support/child-processes.ts';
import { LOGIND_NOT_RUNNING } from '../users/linux/logind-session-properties.ts';
import { startServe, type ServeProcess } from '../test-support/serve-process.ts';

const TOKEN = 'system-pages-host-test-token-0123';
const auth = { Authorization: `Bearer ${TOKEN}` };
const DESKTOP_FILE = `taskmgr-test-${process.pid}.desktop`;

let dir: string;
let configHome: string;
let systemDir: string;
let host: ServeProcess;

const get = async <T>(route: string): Promise<{ status: number; body: T }> => {
  const response = await fetch(`${host.url}${route}`, { headers: auth });
  return { status: response.status, body: (await response.json()) as T };
};
const post = async (route: string, body?: unknown) => {
  const response = await fetch(`${host.url}${route}`, { method: 'POST', headers: auth, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as { ok: boolean; code?: string; message?: string } };
};

/** As the Processes tab would add a column: the known values, or null when none is known. */
const sumOfKnown = (values: (number | null)[]): number | null => (values.every((value) => value === null) ? null : values.reduce<number>((sum, value) => sum + (value ?? 0), 0));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskmgr-system-pages-'));
  configHome = path.join(dir, 'config');
  systemDir = path.join(dir, 'xdg');
  fs.mkdirSync(path.join(configHome, 'autostart'), { recursive: true });
  fs.mkdirSync(path.join(systemDir, 'autostart'), { recursive: true });
  fs.writeFileSync(path.join(systemDir, 'autostart', DESKTOP_FILE), ['[Desktop Entry]', 'Type=Application', 'Name=Task Manager test entry', 'Exec=/bin/true --from-test', ''].join('\n'));
  host = await startServe(['--port', '0', '--token', TOKEN, '--allow-control'], {
    XDG_CONFIG_HOME: configHome,
    XDG_CONFIG_DIRS: systemDir,
    // A bus that does not exist: no systemd and no logind, the same on every machine.
    DBUS_SYSTEM_BUS_ADDRESS: `unix:path=${path.join(dir, 'no-bus')}`,
  });
});

afterAll(async () => {
  await endAllOwned();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('/api/startup', () => {
  const id = `autostartSystem:${DESKTOP_FILE}`;
  const entryOf = async () => (await get<StartupView>('/api/startup')).body.entries.find((entry) => entry.id === id);

  it('lists the autostart file of XDG_CONFIG_DIRS, its impact not measured (this host records no history)', async () => {
    const { status, body } = await get<StartupView>('/api/startup');
    expect(status).toBe(200);
    expect(body.unavailableReason).toBeNull();
    expect(body.entries.find((entry) => entry.id === id)).toMatchObject({
      name: 'Task Manager test entry',
      command: '/bin/true --from-test',
      location: 'autostartSystem',
      locationPath: path.join(systemDir, 'autostart', DESKTOP_FILE),
      status: 'enabled',
      impact: { state: 'notMeasured' },
    });
  });

  it('disable (control) writes the user override and leaves the system file; enable is desktop-only', async () => {
    const systemFile = path.join(systemDir, 'autostart', DESKTOP_FILE);
    const before = fs.readFileSync(systemFile, 'utf8');
    expect(await post(`/api/startup/${encodeURIComponent(id)}/disable`)).toEqual({ status: 200, body: { ok: true } });
    expect(fs.readFileSync(path.join(configHome, 'autostart', DESKTOP_FILE), 'utf8')).toMatch(/^Hidden=true$/m);
    expect(fs.readFileSync(systemFile, 'utf8')).toBe(before);
    expect(await entryOf()).toMatchObject({ status: 'disabled' });
    expect(await post(`/api/startup/${encodeURIComponent(id)}/enable`)).toMatchObject({ status: 501, body: { code: 'UNSUPPORTED' } });
    expect(await entryOf()).toMatchObject({ status: 'disabled' });
  });

  it('an id the adapter does not know: 404 NOT_FOUND', async () => {
    expect(await post(`/api/startup/${encodeURIComponent('autostartUser:nothing-here.desktop')}/disable`)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });
});

describe('GET /api/services', () => {
  it('says why no service is listed where the system bus has no systemd', async () => {
    const { status, body } = await get<ServicesView>('/api/services');
    expect(status).toBe(200);
    expect(body).toEqual({ services: [], unavailableReason: SYSTEMD_NOT_RUNNING });
  });

  it('a stop reaches the adapter, which says why it can’t (no systemd here); a start is desktop-only', async () => {
    expect(await post('/api/services/ssh.service/stop', { isDependentsConfirmed: true })).toEqual({ status: 501, body: { ok: false, code: 'UNSUPPORTED', message: SYSTEMD_NOT_RUNNING } });
    expect(await post('/api/services/ssh.service/start')).toMatchObject({ status: 501, body: { code: 'UNSUPPORTED' } });
  });
});

describe('GET /api/users', () => {
  it('has a row for the user running this test, with the sums of its processes in /api/processes of the same tick', async () => {
    const user = os.userInfo().username;
    // Both read the latest snapshot: asked together they almost always see the same tick; ask again if not.
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const [users, processes] = await Promise.all([get<UsersView>('/api/users'), get<{ takenAtMs: number; processes: ProcessRow[] }>('/api/processes')]);
      expect(users.status).toBe(200);
      if (users.body.takenAtMs !== processes.body.takenAtMs) continue;
      const own = processes.body.processes.filter((row) => row.user === user);
      const row = users.body.users.find((candidate) => candidate.user === user);
      expect(own.map((process) => process.pid)).toContain(host.child.pid);
      expect(row).toBeDefined();
      expect(row?.processCount).toBe(own.length);
      expect(row?.members.map((member) => member.pid).sort((a, b) => a - b)).toEqual(own.map((process) => process.pid).sort((a, b) => a - b));
      expect(row?.memoryBytes).toBe(sumOfKnown(own.map((process) => process.memoryBytes)));
      // The first tick has no CPU figure for anyone (null); later ones add up to the rows'.
      const cpuPercent = sumOfKnown(own.map((process) => process.cpuPercent));
      if (cpuPercent === null) expect(row?.cpuPercent).toBeNull();
      else expect(row?.cpuPercent).toBeCloseTo(cpuPercent, 6);
      // Every process is in exactly one row.
      expect(users.body.users.reduce((sum, candidate) => sum + candidate.processCount, 0)).toBe(processes.body.processes.length);
      expect(users.body.sessionsUnavailableReason).toBe(LOGIND_NOT_RUNNING);
      return;
    }
    throw new Error('/api/users and /api/processes never answered from the same tick in 20 tries');
  });
});

describe('the stream (/api/stream), as the page uses it', () => {
  it('refuses what would run code even with --allow-control, and answers the three queries', async () => {
    const ws = new WebSocket(`${host.url.replace(/^http/, 'ws')}/api/stream`);
    const replies = new Map<number, unknown>();
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'result') replies.set(message.id, message.result);
      if (message.type === 'answer') replies.set(message.id, message.answer);
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'auth', token: TOKEN }));
    const desktopOnly: [string, unknown][] = [
      ['enableStartup', { id: `autostartSystem:${DESKTOP_FILE}` }],
      ['openStartupLocation', { id: `autostartSystem:${DESKTOP_FILE}` }],
      ['openStartupProperties', { id: `autostartSystem:${DESKTOP_FILE}` }],
      ['startService', { name: 'ssh.service' }],
    ];
    desktopOnly.forEach(([name, args], i) => ws.send(JSON.stringify({ type: 'command', id: i + 1, name, args })));
    (['startup', 'services', 'users'] as const).forEach((kind, i) => ws.send(JSON.stringify({ type: 'query', id: 100 + i, query: { kind } })));
    await waitUntil(() => replies.size === desktopOnly.length + 3, 10_000, 'every reply');
    ws.close();
    for (let id = 1; id <= desktopOnly.length; id += 1) expect(replies.get(id)).toMatchObject({ ok: false, code: 'UNSUPPORTED', message: expect.stringContaining('desktop app only') });
    expect([100, 101, 102].map((id) => replies.get(id))).toEqual([
      expect.objectContaining({ ok: true, kind: 'startup' }),
      expect.objectContaining({ ok: true, kind: 'services' }),
      expect.objectContaining({ ok: true, kind: 'users' }),
    ]);
  });
});
