/**
 * The headless host's defences (issue #20, items 7–9), as a user or an attacker meets them, with
 * `serve.ts` as a child process over loopback: the Host header (DNS rebinding) and the Origin
 * header (other sites' pages) on HTTP and on the WebSocket upgrade, failed tokens throttled per
 * address, `--token-file`, and remote commands that can't end the host itself. Only processes this
 * file started are signalled; the throttled addresses are loopback addresses of their own
 * (127.0.2.x), so the other tests keep 127.0.0.1.
 */
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../src-shared/stream.ts';
import { endAllOwned, waitUntil } from '../test-support/child-processes.ts';
import { stateLetter } from '../test-support/proc-truth.ts';
import { rawRequest, runServeToExit, startServe, type ServeProcess } from '../test-support/serve-process.ts';

const TOKEN = 'security-test-token-0123456789';
const auth = { Authorization: `Bearer ${TOKEN}` };
let host: ServeProcess;
let port: number;
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-security-'));

beforeAll(async () => {
  host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '250']);
  port = Number(new URL(host.url).port);
});
afterAll(async () => {
  await endAllOwned();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

async function expectError(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { ok: boolean; code: string; message: string };
  expect(body).toMatchObject({ ok: false, code });
  expect(body.message.length).toBeGreaterThan(5);
}

const streamUrl = (base: string) => `${base.replace(/^http/, 'ws')}/api/stream`;

/** What became of a WebSocket upgrade: opened, or refused with an HTTP status and its body. */
function upgrade(ws: WebSocket): Promise<{ isOpen: true } | { isOpen: false; status: number; body: string; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ isOpen: true }));
    ws.once('unexpected-response', (_req: unknown, res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ isOpen: false, status: res.statusCode ?? 0, body, retryAfter: res.headers['retry-after'] }));
    });
    ws.once('error', reject);
  });
}

const closeCode = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

describe('the Host header (DNS rebinding)', () => {
  it('421 MISDIRECTED_REQUEST for a name that is not this host, on every kind of route, the token right or not', async () => {
    for (const route of ['/health', '/', '/api/stats', '/metrics']) {
      await expectError(await rawRequest(`${host.url}${route}`, { headers: { Host: `evil.example:${port}`, ...auth } }), 421, 'MISDIRECTED_REQUEST');
    }
    await expectError(await rawRequest(`${host.url}/api/stats`, { headers: { Host: `127.0.0.1:${port + 1}`, ...auth } }), 421, 'MISDIRECTED_REQUEST');
  });

  it('answers 127.0.0.1, localhost and [::1] with its port', async () => {
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) {
      const response = await rawRequest(`${host.url}/api/stats`, { headers: { Host: `${name}:${port}`, ...auth } });
      expect(response.status).toBe(200);
    }
  });

  it('refuses the WebSocket upgrade for another name with 421', async () => {
    const refused = await upgrade(new WebSocket(streamUrl(host.url), { headers: { Host: `evil.example:${port}` } }));
    expect(refused).toMatchObject({ isOpen: false, status: 421 });
    if (!refused.isOpen) expect(JSON.parse(refused.body)).toMatchObject({ ok: false, code: 'MISDIRECTED_REQUEST' });
  });
});

describe('the Origin header (other sites’ pages)', () => {
  it('403 ORIGIN_NOT_ALLOWED for another site’s page, even with the right token', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, 'http://127.0.0.1:3000', 'null']) {
      await expectError(await rawRequest(`${host.url}/api/stats`, { headers: { Origin: origin, ...auth } }), 403, 'ORIGIN_NOT_ALLOWED');
    }
    await expectError(await rawRequest(`${host.url}/health`, { headers: { Origin: 'http://evil.example' } }), 403, 'ORIGIN_NOT_ALLOWED');
  });

  it('answers its own page, and requests without an Origin (curl, Prometheus)', async () => {
    expect((await rawRequest(`${host.url}/api/stats`, { headers: { Origin: host.url, ...auth } })).status).toBe(200);
    expect((await rawRequest(`${host.url}/metrics`, { headers: auth })).status).toBe(200);
  });

  it('refuses the WebSocket upgrade from another site’s page with 403, and streams to its own page', async () => {
    const refused = await upgrade(new WebSocket(streamUrl(host.url), { origin: 'http://evil.example' }));
    expect(refused).toMatchObject({ isOpen: false, status: 403 });
    if (!refused.isOpen) expect(JSON.parse(refused.body)).toMatchObject({ ok: false, code: 'ORIGIN_NOT_ALLOWED' });

    const own = new WebSocket(streamUrl(host.url), { origin: host.url });
    const messages: ServerMessage[] = [];
    own.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
    expect(await upgrade(own)).toEqual({ isOpen: true });
    own.send(JSON.stringify({ type: 'auth', token: TOKEN }));
    await waitUntil(() => messages.some((m) => m.type === 'snapshot'), 10_000, 'a snapshot');
    own.close();
  });
});

describe('failed tokens, throttled per address', () => {
  it('after 10 wrong tokens the 11th and even the right one get 429 with Retry-After; other addresses are served', async () => {
    const attacker = '127.0.2.1';
    const from = (token: string) => rawRequest(`${host.url}/api/stats`, { headers: { Authorization: `Bearer ${token}` }, localAddress: attacker });
    for (let i = 0; i < 10; i++) await expectError(await from(`wrong-token-${i}-0123456789`), 401, 'UNAUTHORIZED');
    const eleventh = await from('wrong-token-10-0123456789');
    expect(eleventh.headers.get('retry-after')).toMatch(/^\d+$/);
    const retryAfterS = Number(eleventh.headers.get('retry-after'));
    expect(retryAfterS).toBeGreaterThanOrEqual(1);
    expect(retryAfterS).toBeLessThanOrEqual(60);
    await expectError(eleventh, 429, 'TOO_MANY_ATTEMPTS');
    await expectError(await from(TOKEN), 429, 'TOO_MANY_ATTEMPTS');

    // The stream from that address is refused before the upgrade.
    const refused = await upgrade(new WebSocket(streamUrl(host.url), { localAddress: attacker }));
    expect(refused).toMatchObject({ isOpen: false, status: 429 });
    if (!refused.isOpen) expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);

    // Everyone else is served as before.
    expect((await rawRequest(`${host.url}/api/stats`, { headers: auth, localAddress: '127.0.2.99' })).status).toBe(200);
    expect((await rawRequest(`${host.url}/api/stats`, { headers: auth })).status).toBe(200);
  });

  it('wrong tokens on the stream count too, and a socket opened before the limit is closed with 4429 without its token compared', async () => {
    const attacker = '127.0.2.2';
    const early = new WebSocket(streamUrl(host.url), { localAddress: attacker });
    expect(await upgrade(early)).toEqual({ isOpen: true });
    for (let i = 0; i < 10; i++) {
      const ws = new WebSocket(streamUrl(host.url), { localAddress: attacker });
      expect(await upgrade(ws)).toEqual({ isOpen: true });
      ws.send(JSON.stringify({ type: 'auth', token: `wrong-token-${i}-0123456789` }));
      expect(await closeCode(ws)).toBe(4401);
    }
    // The 11th attempt, the right token, on the socket opened before: refused as throttled.
    early.send(JSON.stringify({ type: 'auth', token: TOKEN }));
    expect(await closeCode(early)).toBe(4429);
    expect(await upgrade(new WebSocket(streamUrl(host.url), { localAddress: attacker }))).toMatchObject({ isOpen: false, status: 429 });
    await expectError(await rawRequest(`${host.url}/api/stats`, { headers: auth, localAddress: attacker }), 429, 'TOO_MANY_ATTEMPTS');
  });
});

describe('--token-file', () => {
  const writeTokenFile = (name: string, text: string) => {
    const file = path.join(tempDir, name);
    fs.writeFileSync(file, text, { mode: 0o600 });
    return file;
  };

  it.each<[string, () => string, RegExp]>([
    ['a file that does not exist', () => path.join(tempDir, 'no-such-file'), /--token-file .*no-such-file does not exist/],
    ['a folder', () => tempDir, /is a folder/],
    ['a token that is too short', () => writeTokenFile('short', 'short-secret\n'), /must hold only the token: at least 16 characters/],
    ['two lines', () => writeTokenFile('two-lines', `${TOKEN}\nsecond-line-secret-value\n`), /must hold only the token/],
  ])('exits 2 for %s, with a reason and without printing what the file holds', async (_name, file, reason) => {
    const result = await runServeToExit(['--port', '0', '--token-file', file()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(reason);
    for (const secret of ['short-secret', TOKEN, 'second-line-secret']) expect(result.stderr).not.toContain(secret);
    expect(result.stdout).toBe('');
  });

  it('exits 2 when given with --token', async () => {
    const result = await runServeToExit(['--port', '0', '--token', TOKEN, '--token-file', writeTokenFile('both', TOKEN)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--token and --token-file/);
  });

  it('warns when other users can read the file, never printing the token', async () => {
    const file = writeTokenFile('readable', `${TOKEN}\n`);
    fs.chmodSync(file, 0o644);
    const served = await startServe(['--port', '0', '--token-file', file]);
    expect(served.openLine).toBe(`open ${served.url}/#token=${TOKEN}`);
    expect(served.stderr()).toMatch(/can be read by other users \(mode 644\); chmod 600 it/);
    expect(served.stderr()).not.toContain(TOKEN);
    await served.end();
  });
});

describe('remote commands can’t end the host itself', () => {
  it('a kill of its own pid with isSelfConfirmed: true over HTTP and the stream answers PROTECTED, and the host keeps running', async () => {
    // The control token from a file (trailing newline dropped): no command-line warning. TOKEN is
    // the control token here; the view token is generated.
    const tokenFile = path.join(tempDir, 'control-token');
    fs.writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
    const served = await startServe(['--port', '0', '--control-token-file', tokenFile, '--allow-control', '--interval-ms', '250']);
    expect(served.controlLine).toBe(`control ${served.url}/#token=${TOKEN}`);
    expect(served.openLine).not.toContain(TOKEN);
    expect(served.stderr()).not.toMatch(/^serve: warning/m);
    expect(served.stderr()).not.toContain(TOKEN);

    const hostPid = served.child.pid ?? 0;
    const info = (await (await fetch(`${served.url}/api/process/${hostPid}/info`, { headers: auth })).json()) as { startTimeMs: number };
    const kill = { startTimeMs: info.startTimeMs, force: true, isSelfConfirmed: true };
    const overHttp = await fetch(`${served.url}/api/process/${hostPid}/kill`, { method: 'POST', headers: auth, body: JSON.stringify(kill) });
    await expectError(overHttp, 403, 'PROTECTED');

    const ws = new WebSocket(streamUrl(served.url));
    const results = new Map<number, { ok: boolean; code?: string }>();
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'result') results.set(message.id, message.result as { ok: boolean; code?: string });
    });
    expect(await upgrade(ws)).toEqual({ isOpen: true });
    ws.send(JSON.stringify({ type: 'auth', token: TOKEN }));
    ws.send(JSON.stringify({ type: 'command', id: 1, name: 'kill', args: { pid: hostPid, ...kill } }));
    await waitUntil(() => results.size === 1, 5_000, 'the result');
    expect(results.get(1)).toMatchObject({ ok: false, code: 'PROTECTED' });
    ws.close();

    expect(stateLetter(hostPid)).not.toBeNull();
    expect(served.child.exitCode).toBeNull();
    expect((await fetch(`${served.url}/health`)).status).toBe(200);
    await served.end();
  });
});
