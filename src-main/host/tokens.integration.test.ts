/**
 * The two tokens through a real `serve` (README "Tokens"): started with --allow-control, a view
 * token and a control token, each from a file. The view token tries every command of
 * `commandSchemas` over REST (where routed) and over the WebSocket: 403 each time, nothing done.
 * The control token sets the priority of a process this test started (checked in /proc). A wrong
 * token is 401; either token scrapes /metrics. Then the view token's file is rotated: the old
 * token is refused at once, the new one works, and the stream opened with the old one is closed
 * saying the token changed. Only processes this file started are signalled.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { commandSchemas, type CommandName, type CommandResult } from '../../src-shared/commands.ts';
import { WS_TOKEN_CHANGED_REASON, type ServerMessage } from '../../src-shared/stream.ts';
import { actingCommands, restRequestOf, RULE_WITH_ACTION, type ActingCommands } from '../test-support/acting-commands.ts';
import { endAllOwned, spawnOwned, waitUntil } from '../test-support/child-processes.ts';
import { runServeToExit, startServe, type ServeProcess } from '../test-support/serve-process.ts';
import { CONTROL_REFUSALS } from './remote-commands.ts';

const VIEW_TOKEN = 'tokens-test-view-token-0123456789';
const CONTROL_TOKEN = 'tokens-test-control-token-012345';
const NEW_VIEW_TOKEN = 'tokens-test-rotated-view-token-01';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-tokens-'));
const viewFile = path.join(dir, 'view-token');
const controlFile = path.join(dir, 'control-token');
const names = Object.keys(commandSchemas) as CommandName[];

let host: ServeProcess;
let targetPid = 0;
let commands: ActingCommands;

const bearer = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });
const request = (route: string, token: string, init: { method?: string; body?: string | null } = {}) =>
  fetch(`${host.url}${route}`, { method: init.method ?? 'GET', headers: bearer(token), ...(init.body ? { body: init.body } : {}) });

/** A stream authenticated with `token`: its results by command id, and how it was closed. */
async function stream(token: string) {
  const ws = new WebSocket(`${host.url.replace(/^http/, 'ws')}/api/stream`);
  const results = new Map<number, CommandResult>();
  let isAuthenticated = false;
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    if (message.type === 'status') isAuthenticated = true;
    if (message.type === 'result') results.set(message.id, message.result);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'auth', token }));
  await waitUntil(() => isAuthenticated, 5_000, 'the stream to accept the token');
  return { ws, results, closed };
}

beforeAll(async () => {
  fs.writeFileSync(viewFile, `${VIEW_TOKEN}\n`, { mode: 0o600 });
  fs.writeFileSync(controlFile, `${CONTROL_TOKEN}\n`, { mode: 0o600 });
  host = await startServe(['--port', '0', '--interval-ms', '250', '--allow-control', '--token-file', viewFile, '--control-token-file', controlFile]);
  const target = spawnOwned('sleep', ['600']);
  targetPid = target.pid ?? 0;
  let startTimeMs = 0;
  for (let i = 0; i < 100 && startTimeMs === 0; i++) {
    const info = await request(`/api/process/${targetPid}/info`, VIEW_TOKEN);
    if (info.status === 200) startTimeMs = ((await info.json()) as { startTimeMs: number }).startTimeMs;
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  commands = actingCommands({ pid: targetPid, startTimeMs });
  // A rule with an action, so that deleting it is a command that needs control.
  const { id, ...fields } = RULE_WITH_ACTION;
  expect((await request(`/api/rules/${id}`, CONTROL_TOKEN, { method: 'PUT', body: JSON.stringify(fields) })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await endAllOwned();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the view token on a host with --allow-control and a control token', () => {
  it('prints the view link and the control link, and logs neither token', () => {
    expect(host.stdout()).toBe(`listening ${host.url}\nopen ${host.url}/#token=${VIEW_TOKEN}\ncontrol ${host.url}/#token=${CONTROL_TOKEN}\n`);
    expect(host.stderr()).not.toContain(VIEW_TOKEN);
    expect(host.stderr()).not.toContain(CONTROL_TOKEN);
  });

  it.each(names.filter((name) => restRequestOf(name, actingCommands({ pid: 1, startTimeMs: 1 })) !== null))('REST %s → 403 CONTROL_DISABLED in plain words', async (name) => {
    const rest = restRequestOf(name, commands);
    if (rest === null) throw new Error(`${name} has no route`);
    const response = await request(rest.path, VIEW_TOKEN, rest);
    expect(response.status).toBe(403);
    const expected = name === 'putRule' || name === 'deleteRule' ? CONTROL_REFUSALS.viewToken.rule : CONTROL_REFUSALS.viewToken.command;
    expect(await response.json()).toEqual({ ok: false, code: 'CONTROL_DISABLED', message: expected });
  });

  it('every command over the WebSocket → CONTROL_DISABLED, and the target was not touched', async () => {
    const page = await stream(VIEW_TOKEN);
    names.forEach((name, id) => page.ws.send(JSON.stringify({ type: 'command', id, name, args: commands[name] })));
    await waitUntil(() => page.results.size === names.length, 10_000, 'every result');
    for (const [id, name] of names.entries()) expect({ name, result: page.results.get(id) }).toMatchObject({ name, result: { ok: false, code: 'CONTROL_DISABLED' } });
    page.ws.close();
    const stat = fs.readFileSync(`/proc/${targetPid}/stat`, 'latin1').split(') ')[1]?.split(' ') ?? [];
    expect(stat[0]).toBe('S'); // not suspended, not ended
    expect(Number(stat[16])).toBe(0); // nice 0: its priority untouched
  });

  it('the control token does what the view token was refused: the target runs at idle priority', async () => {
    const rest = restRequestOf('setPriority', commands);
    if (rest === null) throw new Error('setPriority has no route');
    const response = await request(rest.path, CONTROL_TOKEN, rest);
    expect(await response.json()).toEqual({ ok: true });
    expect(Number(fs.readFileSync(`/proc/${targetPid}/stat`, 'latin1').split(') ')[1]?.split(' ')[16])).toBe(19);
  });

  it('a wrong token is 401; either token scrapes /metrics', async () => {
    expect((await request('/api/stats', 'a-wrong-token-0123456789abcdef')).status).toBe(401);
    for (const token of [VIEW_TOKEN, CONTROL_TOKEN]) {
      const metrics = await request('/metrics', token);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(/^taskmgr_memory_total_bytes \d+$/m);
    }
  });
});

describe('rotation without a restart', () => {
  it('a new view token in the file: the old one is 401 at once, the new one 200, and the old stream is closed saying the token changed', async () => {
    const oldPage = await stream(VIEW_TOKEN);
    const controlPage = await stream(CONTROL_TOKEN);
    // As `install -m 600` or a secrets manager does: a new file renamed over the old one.
    fs.writeFileSync(`${viewFile}.new`, `${NEW_VIEW_TOKEN}\n`, { mode: 0o600 });
    fs.renameSync(`${viewFile}.new`, viewFile);
    expect(await oldPage.closed).toEqual({ code: 4401, reason: WS_TOKEN_CHANGED_REASON });
    expect((await request('/api/stats', VIEW_TOKEN)).status).toBe(401);
    expect((await request('/api/stats', NEW_VIEW_TOKEN)).status).toBe(200);
    // The control token's stream is not the view token's business: it stays open.
    expect(controlPage.ws.readyState).toBe(WebSocket.OPEN);
    controlPage.ws.close();
    expect(host.stderr()).toMatch(/the view token changed: the old one is refused from now on/);
  });

  it('a file that stops holding a token keeps the last good one, and says why once', async () => {
    fs.writeFileSync(viewFile, 'not a token\n');
    await waitUntil(() => /--token-file .* must hold only the token.*keeping the last good token/.test(host.stderr()), 10_000, 'the host to say why');
    expect((await request('/api/stats', NEW_VIEW_TOKEN)).status).toBe(200);
    expect(host.stderr()).not.toContain('not a token');
  });
});

describe('refused at start', () => {
  it.each<[string, string[], Record<string, string>, RegExp]>([
    ['a control token without --allow-control', ['--control-token-file', controlFile], {}, /--control-token-file without --allow-control would do nothing/],
    ['TASKMGR_CONTROL_TOKEN without --allow-control', [], { TASKMGR_CONTROL_TOKEN: CONTROL_TOKEN }, /TASKMGR_CONTROL_TOKEN without --allow-control would do nothing/],
    ['a control token file that holds the view token', ['--allow-control', '--token', CONTROL_TOKEN, '--control-token-file', controlFile], {}, /the control token is the same as the view token/],
  ])('%s: exit 2, saying why, no token echoed', async (_name, args, env, why) => {
    const result = await runServeToExit(['--port', '0', ...args], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(why);
    expect(result.stderr).not.toContain(CONTROL_TOKEN);
    expect(result.stdout).toBe('');
  });
});
