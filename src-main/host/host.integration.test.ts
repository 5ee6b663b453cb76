/**
 * The headless host as a user runs it (`serve.ts` as a child process), over loopback: every route
 * and error code, the WebSocket stream, the command line's refusals, TLS, and a collector that
 * dies mid-run. Only processes this file started are signalled.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { snapshotSchema, type Snapshot } from '../../src-shared/snapshot.ts';
import { applyDelta, type ServerMessage } from '../../src-shared/stream.ts';
import { endAllOwned, spawnOwned, waitUntil } from '../test-support/child-processes.ts';
import { childrenOf, stateLetter } from '../test-support/proc-truth.ts';
import { rawRequest, runServeToExit, startServe, type ServeProcess } from '../test-support/serve-process.ts';

const TOKEN = 'integration-test-token-0123456789';
const auth = { Authorization: `Bearer ${TOKEN}` };
/** The control token of the hosts started with --allow-control (TOKEN only views there). */
const CONTROL_TOKEN = 'integration-control-token-0123456';
const controlAuth = { Authorization: `Bearer ${CONTROL_TOKEN}` };
let host: ServeProcess;

beforeAll(async () => {
  host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '250']);
});
afterAll(endAllOwned);

const get = (route: string, headers: Record<string, string> = auth) => fetch(`${host.url}${route}`, { headers });
const post = (route: string, body: string, headers: Record<string, string> = auth, base = host.url) =>
  fetch(`${base}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

async function expectError(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { ok: boolean; code: string; message: string };
  expect(body).toMatchObject({ ok: false, code });
  expect(body.message.length).toBeGreaterThan(5);
}

describe('command line', () => {
  it('prints exactly two lines on stdout, the address and the link with the token, and never logs the token', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.stdout()).toBe(`listening ${host.url}\nopen ${host.url}/#token=${TOKEN}\n`);
    expect(host.stderr()).not.toContain(TOKEN);
    // --token without --allow-control: a token that can only read is not worth a warning.
    expect(host.stderr()).not.toMatch(/^serve: warning/m);
  });

  it.each([
    [['--token', 'short'], /token must be at least 16 characters/],
    [['--token', 'has spaces in it, 1234567'], /token must be/],
    [['--host', '0.0.0.0'], /--tls-cert and --tls-key/],
    [['--port', '70000'], /--port must be/],
    [['--interval-ms', '100'], /--interval-ms must be between 250 and 10000/],
    [['--frobnicate'], /unknown argument/],
    [['--history-command-lines', 'everyone'], /--history-command-lines must be own \(this user's processes\), all .* or none, got "everyone"/],
  ])('refuses %j with exit 2 and a reason', async (args, message) => {
    const result = await runServeToExit(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('refuses a token from TASKMGR_TOKEN in the wrong form without echoing it', async () => {
    const result = await runServeToExit(['--port', '0'], { TASKMGR_TOKEN: 'bad token value!!' });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('bad token value');
  });

  it('takes the token from TASKMGR_TOKEN, and generates one of ≥ 128 bits when none is given', async () => {
    const fromEnv = await startServe(['--port', '0'], { TASKMGR_TOKEN: 'from-the-environment-12345' });
    expect(fromEnv.openLine).toBe(`open ${fromEnv.url}/#token=from-the-environment-12345`);
    await fromEnv.end();
    const generated = await startServe(['--port', '0']);
    const token = generated.openLine.split('#token=')[1] ?? '';
    expect(token).toMatch(/^[A-Za-z0-9._~-]{22,}$/);
    expect(generated.stderr()).not.toContain(token);
    await generated.end();
  });

  it('exits 1 with a clear message when the port is in use', async () => {
    const port = Number(new URL(host.url).port);
    const result = await runServeToExit(['--port', String(port), '--token', TOKEN]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
  });

  it('closes cleanly on SIGTERM and on SIGINT, collector included, with exit 0', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const served = await startServe(['--port', '0', '--token', TOKEN]);
      const hostPid = served.child.pid ?? 0;
      const collectorPid = childrenOf(hostPid)[0] ?? 0;
      expect(collectorPid).toBeGreaterThan(0);
      const exited = new Promise<number | null>((resolve) => served.child.once('exit', (code) => resolve(code)));
      served.child.kill(signal);
      expect(await exited).toBe(0);
      await waitUntil(() => stateLetter(collectorPid) === null, 5_000, 'the collector to exit');
    }
  });

  it('serves https when given a certificate', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-tls-'));
    try {
      const key = path.join(dir, 'key.pem');
      const cert = path.join(dir, 'cert.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
      const served = await startServe(['--port', '0', '--token', TOKEN, '--tls-cert', cert, '--tls-key', key]);
      expect(served.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const port = Number(new URL(served.url).port);
      // A plain-HTTP request to the TLS port gets no HTTP answer.
      const isPlainRefused = await fetch(`http://127.0.0.1:${port}/health`).then(
        () => false,
        () => true,
      );
      expect(isPlainRefused).toBe(true);
      const health = await new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
        https
          .get(`${served.url}/health`, { ca: fs.readFileSync(cert) }, (res) => {
            let body = '';
            res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode, body }));
          })
          .on('error', reject);
      });
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });
      await served.end();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('HTTP API', () => {
  it('serves the production build of the page (even to a host started by a test runner, NODE_ENV=test), without zod', async () => {
    expect(process.env['NODE_ENV']).toBe('test'); // vitest's: what the host inherits here
    const html = await (await get('/', {})).text();
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1] ?? '';
    expect(script).not.toBe('');
    const code = await (await get(new URL(script, `${host.url}/`).pathname, {})).text();
    // React's development build carries its warnings; the production build does not.
    expect(code.length).toBeGreaterThan(10_000);
    expect(code).not.toContain('Each child in a list should have a unique');
    // Nor a schema library, in the entry or what it imports at once: main parses every input, and
    // the script the first rows need stays small.
    const entryPath = new URL(script, `${host.url}/`).pathname;
    const statics = [...code.matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)].map((m) => new URL(m[1] ?? '', `${host.url}${entryPath}`).pathname);
    for (const part of [entryPath, ...statics]) {
      const text = part === entryPath ? code : await (await get(part, {})).text();
      expect(text, part).not.toContain('$ZodType');
    }
  });

  it('GET /health needs no token', async () => {
    const response = await get('/health', {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('401 UNAUTHORIZED without a token, with a wrong one, or with another scheme, on every API route', async () => {
    // Each route from a loopback address of its own: 19 failures from one address would be
    // throttled (429, host-security.integration.test.ts) and lock the other tests out.
    const routes = ['/api/stats', '/api/processes', '/api/apps', '/api/process/1/info', '/metrics', '/api/nope'];
    for (const [i, route] of routes.entries()) {
      const from = (headers: Record<string, string>) => rawRequest(`${host.url}${route}`, { headers, localAddress: `127.0.1.${i + 1}` });
      await expectError(await from({}), 401, 'UNAUTHORIZED');
      await expectError(await from({ Authorization: `Bearer ${TOKEN}x` }), 401, 'UNAUTHORIZED');
      await expectError(await from({ Authorization: `Basic ${TOKEN}` }), 401, 'UNAUTHORIZED');
    }
    await expectError(await post('/api/process/1/kill', '{"startTimeMs":1}', {}), 401, 'UNAUTHORIZED');
  });

  it('GET /api/stats is the snapshot without processes and apps', async () => {
    const body = (await (await get('/api/stats')).json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('processes');
    expect(body).not.toHaveProperty('apps');
    expect(snapshotSchema.omit({ processes: true, apps: true }).safeParse(body).success).toBe(true);
  });

  it('GET /api/processes and /api/apps', async () => {
    const processes = (await (await get('/api/processes')).json()) as Pick<Snapshot, 'seq' | 'takenAtMs' | 'processes'>;
    expect(processes.processes.some((p) => p.pid === host.child.pid)).toBe(true);
    expect(typeof processes.seq).toBe('number');
    const apps = (await (await get('/api/apps')).json()) as Pick<Snapshot, 'seq' | 'apps'>;
    expect(apps.apps.length).toBeGreaterThan(0);
  });

  it('GET /api/process/:pid/info: the row, its parents up to pid 1 and its children', async () => {
    const hostPid = host.child.pid ?? 0;
    const response = await get(`/api/process/${hostPid}/info`);
    expect(response.status).toBe(200);
    const info = (await response.json()) as { pid: number; parents: { pid: number }[]; children: { pid: number; name: string }[] };
    expect(info.pid).toBe(hostPid);
    expect(info.parents[0]?.pid).toBe(process.pid);
    expect(info.parents.at(-1)?.pid).toBe(1);
    expect(info.children.map((c) => c.pid)).toEqual(childrenOf(hostPid));
    await expectError(await get('/api/process/4294967295/info'), 404, 'NOT_FOUND');
  });

  it('404 NOT_FOUND for an unknown route, 405 for a wrong method', async () => {
    await expectError(await get('/api/nope'), 404, 'NOT_FOUND');
    await expectError(await get('/no-such-file.js'), 404, 'NOT_FOUND');
    await expectError(await post('/api/stats', '{}'), 405, 'METHOD_NOT_ALLOWED');
    await expectError(await get('/api/process/1/kill'), 405, 'METHOD_NOT_ALLOWED');
  });

  it.each([
    ['abc', '{"startTimeMs":1}'],
    ['0', '{"startTimeMs":1}'],
    ['-1', '{"startTimeMs":1}'],
    ['1.5', '{"startTimeMs":1}'],
    ['4294967296', '{"startTimeMs":1}'],
    ['9007199254740992', '{"startTimeMs":1}'],
    ['1', '{}'],
    ['1', '{"startTimeMs":1.5}'],
    ['1', '{"startTimeMs":"1"}'],
    ['1', 'not json'],
    ['1', '[1]'],
  ])('400 INVALID_ARGUMENT for pid %s with body %s', async (pid, body) => {
    await expectError(await post(`/api/process/${pid}/kill`, body), 400, 'INVALID_ARGUMENT');
  });

  it('400 INVALID_ARGUMENT for an unknown priority and for a body over 64 KiB', async () => {
    await expectError(await post('/api/process/1/priority', '{"startTimeMs":1,"priority":"turbo"}'), 400, 'INVALID_ARGUMENT');
    const big = JSON.stringify({ startTimeMs: 1, padding: 'x'.repeat(70 * 1024) });
    await expectError(await post('/api/process/1/kill', big), 400, 'INVALID_ARGUMENT');
  });

  it('403 CONTROL_DISABLED for a valid command when started without --allow-control', async () => {
    for (const action of ['kill', 'suspend', 'resume']) {
      await expectError(await post(`/api/process/1/${action}`, '{"startTimeMs":1,"tree":true}'), 403, 'CONTROL_DISABLED');
    }
    await expectError(await post('/api/process/1/priority', '{"startTimeMs":1,"priority":"high"}'), 403, 'CONTROL_DISABLED');
  });

  it('GET /metrics is Prometheus text in base units', async () => {
    const response = await get('/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const line of text.trimEnd().split('\n')) {
      expect(line).toMatch(/^(# (HELP|TYPE) taskmgr_\w+ .+|taskmgr_\w+(\{[^}]*\})? -?[\d.e+-]+)$/);
    }
    const total = Number(/^taskmgr_memory_total_bytes (\d+)$/m.exec(text)?.[1]);
    const memTotalKb = Number(/^MemTotal:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1]);
    expect(total).toBe(memTotalKb * 1024);
    const ratio = Number(/^taskmgr_cpu_utilization_ratio ([\d.e-]+)$/m.exec(text)?.[1]);
    expect(ratio).toBeGreaterThanOrEqual(0);
    expect(ratio).toBeLessThanOrEqual(1);
    // Processes by executable: the default top 10 by CPU and 10 by memory, plus other; never by pid.
    const executables = text.split('\n').filter((l) => l.startsWith('taskmgr_executable_processes{'));
    expect(executables.length).toBeGreaterThan(1);
    expect(executables.length).toBeLessThanOrEqual(21);
    expect(text).not.toMatch(/\bpid="/);
  });

  it('serves the renderer publicly with a strict CSP, and nothing outside it', async () => {
    const page = await get('/', {});
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    for (const escape of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/.vite/manifest.json']) {
      const response = await fetch(`${host.url}${escape}`);
      expect(response.status).toBe(404);
    }
  });
});

describe('WebSocket /api/stream', () => {
  const streamUrl = () => `${host.url.replace(/^http/, 'ws')}/api/stream`;

  function open(): Promise<WebSocket> {
    const ws = new WebSocket(streamUrl());
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  }
  const closeCode = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

  it('closes with 4401 for a wrong token, for a first message that is not auth, and after 5 s without one', async () => {
    const wrong = await open();
    wrong.send(JSON.stringify({ type: 'auth', token: 'wrong-token-0000000000' }));
    expect(await closeCode(wrong)).toBe(4401);
    const notAuth = await open();
    notAuth.send(JSON.stringify({ type: 'command', id: 1, name: 'kill', args: {} }));
    expect(await closeCode(notAuth)).toBe(4401);
    const silent = await open();
    const started = Date.now();
    expect(await closeCode(silent)).toBe(4401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
  });

  it('sends status and a snapshot, then deltas that rebuild each next snapshot', async () => {
    const ws = await open();
    const messages: ServerMessage[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
    ws.send(JSON.stringify({ type: 'auth', token: TOKEN }));
    await waitUntil(() => messages.filter((m) => m.type === 'delta').length >= 3, 10_000, 'three deltas');
    ws.close();
    expect(messages[0]?.type).toBe('status');
    expect(messages[1]?.type).toBe('snapshot');
    let state: Snapshot | null = null;
    for (const message of messages) {
      if (message.type === 'snapshot') state = message.snapshot;
      if (message.type === 'delta') {
        expect(state).not.toBeNull();
        if (!state) break;
        state = applyDelta(state, message.delta);
        expect(state?.seq).toBe(message.delta.seq);
        expect(snapshotSchema.safeParse(state).success).toBe(true);
      }
    }
    // Deltas are a small fraction of a snapshot: most rows don't change every tick.
    const snapshotBytes = JSON.stringify(messages[1]).length;
    const deltaBytes = messages.filter((m) => m.type === 'delta').map((m) => JSON.stringify(m).length);
    expect(Math.min(...deltaBytes)).toBeLessThan(snapshotBytes / 2);
  });

  /** A page: authenticated, with its own state rebuilt from what it receives (deltas checked to apply). */
  async function page(cadence?: unknown) {
    const ws = await open();
    const received: ServerMessage[] = [];
    let state: Snapshot | null = null;
    let badDeltas = 0;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      received.push(message);
      if (message.type === 'snapshot') state = message.snapshot;
      if (message.type === 'delta') {
        const next: Snapshot | null = state ? applyDelta(state, message.delta) : null;
        if (next === null) badDeltas += 1;
        else state = next;
      }
    });
    ws.send(JSON.stringify({ type: 'auth', token: TOKEN }));
    if (cadence !== undefined) ws.send(JSON.stringify({ type: 'view', cadence }));
    const ticks = () => received.filter((m) => m.type === 'delta' || m.type === 'snapshot').length;
    return { ws, ticks, seq: (): number | null => (state as Snapshot | null)?.seq ?? null, badDeltas: () => badDeltas };
  }

  it('sends each page at its own update speed: pausing or slowing one never changes another', async () => {
    const everyTick = await page();
    const slow = await page({ isPaused: false, intervalMs: 1000 });
    const paused = await page({ isPaused: true, intervalMs: 1000 });
    await waitUntil(() => everyTick.ticks() >= 16, 20_000, 'sixteen ticks on the fast page');
    const pausedAt = paused.seq();
    // The paused page got its first snapshot (sent with auth) and nothing since; the 1 s page on a
    // 250 ms host every fourth tick or so; the page that never chose, every tick.
    expect(paused.ticks()).toBe(1);
    expect(slow.ticks()).toBeGreaterThanOrEqual(2);
    expect(slow.ticks()).toBeLessThan(everyTick.ticks() / 2);
    // A slow page's deltas skip ticks yet each applies to what it has.
    expect(slow.badDeltas()).toBe(0);
    expect(everyTick.badDeltas()).toBe(0);

    // Back from pause: the latest at once (a delta from what it has, or the whole snapshot).
    paused.ws.send(JSON.stringify({ type: 'view', cadence: { isPaused: false, intervalMs: 250 } }));
    await waitUntil(() => paused.ticks() >= 2, 5_000, 'the resumed page to receive');
    expect(paused.seq()).toBeGreaterThan(pausedAt ?? 0);
    expect(paused.badDeltas()).toBe(0);
    for (const p of [everyTick, slow, paused]) p.ws.close();
  });

  it.each([
    [{ isPaused: false, intervalMs: 100 }],
    [{ isPaused: 'no', intervalMs: 1000 }],
    [{ isPaused: false, intervalMs: 1000, extra: true }],
    ['fast'],
  ])('closes the socket with 4400 for the view %j, and the other pages go on', async (cadence) => {
    const other = await page();
    const bad = await page(cadence);
    expect(await closeCode(bad.ws)).toBe(4400);
    const before = other.ticks();
    await waitUntil(() => other.ticks() > before, 5_000, 'the other page to keep receiving');
    other.ws.close();
  });

  it('answers commands with the same validation and CONTROL_DISABLED rule as HTTP', async () => {
    const ws = await open();
    const results = new Map<number, { ok: boolean; code?: string }>();
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'result') results.set(message.id, message.result as { ok: boolean; code?: string });
    });
    ws.send(JSON.stringify({ type: 'auth', token: TOKEN }));
    ws.send(JSON.stringify({ type: 'command', id: 1, name: 'kill', args: { pid: -1, startTimeMs: 1 } }));
    ws.send(JSON.stringify({ type: 'command', id: 2, name: 'kill', args: { pid: 1, startTimeMs: 1 } }));
    ws.send(JSON.stringify({ type: 'command', id: 3, name: 'formatDisk', args: {} }));
    // The Windows tools are commands like the others: refused too (Run new task starts programs).
    ws.send(JSON.stringify({ type: 'command', id: 4, name: 'runNewTask', args: { commandLine: 'notepad' } }));
    ws.send(JSON.stringify({ type: 'command', id: 5, name: 'restartExplorer', args: {} }));
    await waitUntil(() => results.size === 5, 5_000, 'five results');
    ws.close();
    expect(results.get(1)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(results.get(2)).toMatchObject({ ok: false, code: 'CONTROL_DISABLED' });
    expect(results.get(3)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(results.get(4)).toMatchObject({ ok: false, code: 'CONTROL_DISABLED' });
    expect(results.get(5)).toMatchObject({ ok: false, code: 'CONTROL_DISABLED' });
  });

  /** An authenticated socket that keeps every message, with a way to ask a query and wait for its answer. */
  async function querier() {
    const ws = await open();
    const received: ServerMessage[] = [];
    ws.on('message', (data) => received.push(JSON.parse(String(data)) as ServerMessage));
    ws.send(JSON.stringify({ type: 'auth', token: TOKEN }));
    const ask = async (id: number, query: unknown) => {
      ws.send(JSON.stringify({ type: 'query', id, query }));
      await waitUntil(() => received.some((m) => m.type === 'answer' && m.id === id), 5_000, `the answer to query ${id}`);
      const answer = received.find((m): m is Extract<ServerMessage, { type: 'answer' }> => m.type === 'answer' && m.id === id);
      if (!answer) throw new Error('no answer');
      return answer.answer;
    };
    const seqs = () => received.flatMap((m) => (m.type === 'snapshot' ? [m.snapshot.seq] : m.type === 'delta' ? [m.delta.seq] : []));
    return { ws, received, ask, seqs };
  }

  it('answers recentSeries without --allow-control: the points of the ticks so far, oldest first', async () => {
    const page = await querier();
    await waitUntil(() => page.seqs().length >= 4, 10_000, 'four ticks');
    const firstSeen = page.seqs()[0] ?? 0;
    const lastSeen = page.seqs().at(-1) ?? 0;
    const answer = await page.ask(1, { kind: 'recentSeries' });
    page.ws.close();
    expect(answer).toMatchObject({ ok: true, kind: 'recentSeries', value: { spanMs: 300_000 } });
    if (!answer.ok || answer.kind !== 'recentSeries') return;
    const { points } = answer.value;
    // Everything this page was sent, and what came before it connected.
    const pointSeqs = points.map((p) => p.seq);
    expect(pointSeqs[0]).toBeLessThan(firstSeen);
    expect(pointSeqs).toContain(lastSeen);
    for (let i = 1; i < points.length; i++) {
      expect(points[i]?.takenAtMs).toBeGreaterThan(points[i - 1]?.takenAtMs ?? Infinity);
      expect(points[i]?.seq).toBeGreaterThan(points[i - 1]?.seq ?? Infinity);
    }
    expect(points[0]).not.toHaveProperty('processes');
    expect(points[0]?.cpu.perCorePercent.length).toBeGreaterThan(0);
  });

  it('answers a bad query INVALID_ARGUMENT with its id, and the socket keeps working', async () => {
    const page = await querier();
    expect(await page.ask(7, { kind: 'everything' })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(await page.ask(8, 'recentSeries')).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(await page.ask(9, { kind: 'inventory' })).toMatchObject({ ok: true, kind: 'inventory' });
    const before = page.seqs().length;
    await waitUntil(() => page.seqs().length > before, 5_000, 'the page to keep receiving');
    page.ws.close();
  });

  it('answers inventory with this machine’s facts once read (off the tick), and pushes them as a broadcast to a page', async () => {
    const page = await querier();
    // The read runs in its own process after the first snapshot went out (or comes from this boot's cache).
    await waitUntil(() => page.received.some((m) => m.type === 'broadcast' && m.broadcast.type === 'inventory'), 30_000, 'the inventory broadcast');
    const answer = await page.ask(20, { kind: 'inventory' });
    page.ws.close();
    if (!answer.ok || answer.kind !== 'inventory' || answer.value === null) throw new Error(`no inventory: ${JSON.stringify(answer)}`);
    const inventory = answer.value;
    expect(inventory.error).toBeNull();
    expect(inventory.cpu.logicalProcessors).toMatchObject({ value: os.cpus().length });
    expect(inventory.cpu.model.value).toEqual(expect.any(String));
    expect(inventory.machine.osName.value).toEqual(expect.any(String));
    expect(inventory.disks.length).toBeGreaterThan(0);
    expect(inventory.adapters.some((a) => a.ipv4.length > 0)).toBe(true);
    // The snapshot's first tick came before any of this: snapshots never wait for the read.
    expect(page.received.findIndex((m) => m.type === 'snapshot')).toBeLessThan(page.received.findIndex((m) => m.type === 'broadcast'));
  });

  it('closes with 4400 a query without a numeric id', async () => {
    const page = await querier();
    page.ws.send(JSON.stringify({ type: 'query', id: 'one', query: { kind: 'inventory' } }));
    expect(await closeCode(page.ws)).toBe(4400);
  });
});

describe('with --allow-control', () => {
  it('acts on a process this test started: suspend, resume, priority, end — each checked through /proc', async () => {
    const served = await startServe(['--port', '0', '--token', TOKEN, '--allow-control', '--control-token', CONTROL_TOKEN, '--interval-ms', '250']);
    // The control token on the command line: warned about, without either token.
    expect(served.stderr()).toMatch(/warning: --control-token puts the control token in the process list.*--control-token-file/);
    expect(served.stderr()).not.toContain(TOKEN);
    expect(served.stderr()).not.toContain(CONTROL_TOKEN);
    expect(served.stdout()).toBe(`listening ${served.url}\nopen ${served.url}/#token=${TOKEN}\ncontrol ${served.url}/#token=${CONTROL_TOKEN}\n`);
    const target = spawnOwned('sleep', ['600']);
    const pid = target.pid ?? 0;
    let startTimeMs = 0;
    for (let i = 0; i < 100 && startTimeMs === 0; i++) {
      const info = await fetch(`${served.url}/api/process/${pid}/info`, { headers: auth });
      if (info.status === 200) startTimeMs = ((await info.json()) as { startTimeMs: number }).startTimeMs;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const act = (action: string, body: object) => post(`/api/process/${pid}/${action}`, JSON.stringify(body), controlAuth, served.url);

    expect(await (await act('suspend', { startTimeMs })).json()).toEqual({ ok: true });
    await waitUntil(() => stateLetter(pid) === 'T', 5_000, 'state T');
    expect(await (await act('resume', { startTimeMs })).json()).toEqual({ ok: true });
    await waitUntil(() => stateLetter(pid) === 'S', 5_000, 'state S');
    expect(await (await act('priority', { startTimeMs, priority: 'belowNormal' })).json()).toEqual({ ok: true });
    expect(Number(fs.readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]?.split(' ')[16])).toBe(10);

    await expectError(await act('kill', { startTimeMs: startTimeMs - 1000 }), 409, 'STALE_PID');
    expect(stateLetter(pid)).toBe('S');
    const hostPid = served.child.pid ?? 0;
    const hostInfo = (await (await fetch(`${served.url}/api/process/${hostPid}/info`, { headers: auth })).json()) as { startTimeMs: number };
    await expectError(await post(`/api/process/${hostPid}/kill`, JSON.stringify({ startTimeMs: hostInfo.startTimeMs }), controlAuth, served.url), 403, 'PROTECTED');
    await expectError(await post('/api/process/4000000/kill', '{"startTimeMs":1}', controlAuth, served.url), 404, 'NOT_FOUND');
    await expectError(await post('/api/process/0/kill', '{"startTimeMs":1}', controlAuth, served.url), 400, 'INVALID_ARGUMENT');

    // Desktop-only commands are refused over the network even with --allow-control and the control
    // token: a token must never turn into starting programs or writing files on this machine.
    const ws = new WebSocket(`${served.url.replace(/^http/, 'ws')}/api/stream`);
    const desktopResults = new Map<number, { ok: boolean; code?: string }>();
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'result') desktopResults.set(message.id, message.result as { ok: boolean; code?: string });
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'auth', token: CONTROL_TOKEN }));
    ws.send(JSON.stringify({ type: 'command', id: 1, name: 'runNewTask', args: { commandLine: 'touch /tmp/should-not-exist' } }));
    ws.send(JSON.stringify({ type: 'command', id: 2, name: 'restartExplorer', args: {} }));
    ws.send(JSON.stringify({ type: 'command', id: 3, name: 'createDumpFile', args: { pid, startTimeMs, path: 'C:\\dumps\\x.dmp' } }));
    await waitUntil(() => desktopResults.size === 3, 5_000, 'three results');
    ws.close();
    for (const id of [1, 2, 3]) expect(desktopResults.get(id)).toMatchObject({ ok: false, code: 'UNSUPPORTED' });
    expect(stateLetter(pid)).toBe('S');

    const exited = new Promise((resolve) => target.once('exit', resolve));
    expect(await (await act('kill', { startTimeMs })).json()).toEqual({ ok: true });
    await exited;
    expect(stateLetter(pid)).toBeNull();

    // A tree this test started: "tree": true ends the parent and its child, leaves first. The
    // parent is a Node process that outlives its child (a shell's `wait` would return when the
    // child is ended and let the parent exit on its own before its own signal arrives).
    const parent = spawnOwned(process.execPath, ['-e', "require('node:child_process').spawn('sleep', ['600'], { stdio: 'ignore' }); setInterval(() => {}, 1000);"]);
    const parentPid = parent.pid ?? 0;
    await waitUntil(() => childrenOf(parentPid).length === 1, 5_000, 'the child');
    const childPid = childrenOf(parentPid)[0] ?? 0;
    let parentStart = 0;
    for (let i = 0; i < 100; i++) {
      const response = await fetch(`${served.url}/api/process/${parentPid}/info`, { headers: auth });
      const info = response.status === 200 ? ((await response.json()) as { startTimeMs: number; children: { pid: number }[] }) : null;
      if (info && info.children.some((c) => c.pid === childPid)) {
        parentStart = info.startTimeMs;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const treeResult = (await (await post(`/api/process/${parentPid}/kill`, JSON.stringify({ startTimeMs: parentStart, tree: true }), controlAuth, served.url)).json()) as {
      ok: boolean;
      done: { pid: number }[];
    };
    expect(treeResult.ok).toBe(true);
    expect(treeResult.done.map((d) => d.pid)).toEqual([childPid, parentPid]);
    await waitUntil(() => stateLetter(childPid) === null && (stateLetter(parentPid) === null || stateLetter(parentPid) === 'Z'), 5_000, 'the tree to end');
    await served.end();
  });
});

describe('npm run serve', () => {
  it('runs the bundles in dist/ (no type stripping in either process) with the lean heap, host and collector alike', async () => {
    const served = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '250'], {}, 'bundle');
    const hostPid = served.child.pid ?? 0;
    const collectorPid = childrenOf(hostPid)[0] ?? 0;
    const cmdline = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    expect(cmdline(hostPid)).toContain('--max-semi-space-size=1');
    expect(cmdline(collectorPid)).toContain('--max-semi-space-size=1');
    expect(cmdline(collectorPid).at(-1)).toMatch(/dist\/collector\/collector-process\.js$/);
    expect(cmdline(hostPid).some((arg) => arg.endsWith('scripts/serve.js'))).toBe(true);
    // Node loads its type stripper only for TypeScript: neither bundle imports any.
    for (const bundle of ['dist/host/serve.js', 'dist/collector/collector-process.js']) {
      expect(fs.readFileSync(bundle, 'utf8')).not.toMatch(/(?:from|import\()\s*["'][^"']+\.ts["']/);
    }
    expect(served.openLine).toBe(`open ${served.url}/#token=${TOKEN}`);
    const stats = await fetch(`${served.url}/api/stats`, { headers: auth });
    expect(stats.status).toBe(200);
    await served.end();
  });
});

describe('collector supervision', () => {
  it('answers 503 COLLECTOR_DOWN while the collector is down, and data again once it is back', async () => {
    const served = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '250']);
    const hostPid = served.child.pid ?? 0;
    const collectorPid = childrenOf(hostPid)[0] ?? 0;
    expect(collectorPid).toBeGreaterThan(0);
    process.kill(collectorPid, 'SIGKILL'); // a child of the host this test started
    const statusOfStats = async () => (await fetch(`${served.url}/api/stats`, { headers: auth })).status;
    const pollFor = async (wanted: number) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const status = await statusOfStats();
        if (status === wanted) return;
        expect([200, 503]).toContain(status);
        if (Date.now() > deadline) throw new Error(`no ${wanted} within 20 s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await pollFor(503);
    await expectError(await fetch(`${served.url}/api/processes`, { headers: auth }), 503, 'COLLECTOR_DOWN');
    await pollFor(200);
    expect(childrenOf(hostPid)).not.toContain(collectorPid);
    expect(served.stderr()).toMatch(/collector: down/);
    await served.end();
  });
});

it('the port it reports is the one it listens on', async () => {
  const port = Number(new URL(host.url).port);
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve();
    });
    socket.on('error', reject);
  });
});
