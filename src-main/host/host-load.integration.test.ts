/**
 * The host under load on loopback (bounded in count and time): 50 WebSocket subscribers and 150
 * REST clients at 2 requests/s each for 10 s, with no error, and the host's resident memory
 * afterwards within +20 MB of before.
 */
import http from 'node:http';
import { afterAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { endAllOwned, sleepMs } from '../test-support/child-processes.ts';
import { statusKb } from '../test-support/proc-truth.ts';
import { startServe } from '../test-support/serve-process.ts';

const TOKEN = 'load-test-token-0123456789abcdef';
afterAll(endAllOwned);

const SUBSCRIBERS = 50;
const REST_CLIENTS = 150;
const REQUESTS_PER_SEC = 2;
const DURATION_MS = 10_000;

it('serves 50 subscribers and 150 REST clients at 2 req/s for 10 s without an error or a memory leak', async () => {
  const host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '1000']);
  const pid = host.child.pid ?? 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: REST_CLIENTS });
  const routes = ['/api/stats', '/api/processes', '/api/apps', '/metrics'];
  const request = (route: string) =>
    new Promise<number>((resolve, reject) => {
      http
        .get(`${host.url}${route}`, { agent, headers: { Authorization: `Bearer ${TOKEN}` } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
        .on('error', reject);
    });

  // Warm up (JIT, first snapshots, a full cycle of every route) before the baseline.
  for (const route of routes) expect(await request(route)).toBe(200);
  await sleepMs(2_000);
  const rssBefore = statusKb(pid, 'VmRSS') ?? 0;

  const errors: string[] = [];
  const sockets: WebSocket[] = [];
  const messagesPerSocket: number[] = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const ws = new WebSocket(`${host.url.replace(/^http/, 'ws')}/api/stream`);
    messagesPerSocket.push(0);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token: TOKEN })));
    ws.on('message', () => (messagesPerSocket[i] = (messagesPerSocket[i] ?? 0) + 1));
    ws.on('error', (error) => errors.push(`ws: ${error.message}`));
    ws.on('close', (code) => {
      if (code !== 1000 && code !== 1005) errors.push(`ws closed with ${code}`);
    });
    sockets.push(ws);
  }

  let sent = 0;
  let ok = 0;
  const deadline = Date.now() + DURATION_MS;
  const clients = Array.from({ length: REST_CLIENTS }, async (_, client) => {
    // Spread the clients over the first interval so the load is steady, not in bursts.
    await sleepMs((client * 1000) / REQUESTS_PER_SEC / REST_CLIENTS);
    for (let n = 0; Date.now() < deadline; n++) {
      const startedAt = Date.now();
      sent += 1;
      try {
        const status = await request(routes[(client + n) % routes.length] ?? '/api/stats');
        if (status === 200) ok += 1;
        else errors.push(`HTTP ${status}`);
      } catch (error) {
        errors.push(`request: ${String(error)}`);
      }
      await sleepMs(Math.max(0, 1000 / REQUESTS_PER_SEC - (Date.now() - startedAt)));
    }
  });
  await Promise.all(clients);
  for (const ws of sockets) ws.close(1000);
  agent.destroy();
  await sleepMs(3_000); // let the host drop its sockets and buffers
  const rssAfter = statusKb(pid, 'VmRSS') ?? Infinity;

  expect(errors).toEqual([]);
  expect(sent).toBeGreaterThanOrEqual(REST_CLIENTS * REQUESTS_PER_SEC * (DURATION_MS / 1000) * 0.8);
  expect(ok).toBe(sent);
  // Every subscriber got its status, a snapshot and about one message per second after that.
  for (const count of messagesPerSocket) expect(count).toBeGreaterThanOrEqual(8);
  expect(rssAfter - rssBefore).toBeLessThanOrEqual(20 * 1024 * 1024);
  await host.end();
}, 60_000);
