/**
 * The stream server's push path over a real WebSocket on loopback, in this process: broadcasts reach
 * every authenticated page (and no socket that has not authenticated), and a page that connects
 * after an inventory exists gets it right after its first snapshot. (The host as a child process,
 * queries included, is host.integration.test.ts; it has no inventory source to drive yet.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Broadcast } from '../../src-shared/query.ts';
import type { ServerMessage } from '../../src-shared/stream.ts';
import { snapshot } from '../../src-shared/testing/fixtures.ts';
import { inventoryFixture } from '../../src-shared/testing/inventory-fixture.ts';
import type { CommandHandlers } from '../control/command-handlers.ts';
import { BroadcastHub } from '../core/broadcast-hub.ts';
import type { InventorySource } from '../core/inventory-source.ts';
import { answerQuery } from '../core/query-service.ts';
import { RecentSeriesRing } from '../core/recent-series-ring.ts';
import { waitUntil } from '../test-support/child-processes.ts';
import { AuthThrottle } from './auth-throttle.ts';
import { HostTokens } from './host-tokens.ts';
import { StreamServer } from './stream-server.ts';

const TOKEN = 'stream-broadcast-test-token-0123';

/** An inventory source the test drives. */
function drivenSource() {
  let current: ReturnType<InventorySource['current']> = null;
  const listeners = new Set<Parameters<InventorySource['onChange']>[0]>();
  const source: InventorySource = {
    current: () => current,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    source,
    finishRead: (bootId: string) => {
      current = inventoryFixture({ bootId });
      for (const listener of listeners) listener(current);
    },
  };
}

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function startStream(options: { isSourceBroken?: boolean } = {}) {
  const { source, finishRead } = drivenSource();
  const ring = new RecentSeriesRing();
  const hub = new BroadcastHub({ inventory: source });
  const latest = snapshot({ seq: 3 });
  const stream = new StreamServer({
    tokens: new HostTokens({ view: TOKEN, control: null }),
    isControlAllowed: false,
    handlers: {} as CommandHandlers, // no command is sent in these tests
    latest: () => latest,
    status: () => ({ state: 'up', restarts: 0, message: null, sinceMs: 0 }),
    answerQuery: (input) => (options.isSourceBroken ? Promise.reject(new Error('source broke')) : answerQuery(input, { ring, inventory: source })),
    retainedBroadcasts: () => hub.retained(),
    throttle: new AuthThrottle({ maxFailures: 10, windowMs: 60_000, maxAddresses: 100, now: () => Date.now() }),
  });
  hub.subscribe((broadcast) => stream.publishBroadcast(broadcast));
  const server = http.createServer();
  server.on('upgrade', (req, socket, head) => stream.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    hub.close();
    await stream.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/stream`;
  /** A socket that keeps what it receives; authenticated unless told otherwise. */
  const page = async (isAuthenticated = true) => {
    const ws = new WebSocket(url);
    const received: ServerMessage[] = [];
    ws.on('message', (data) => received.push(JSON.parse(String(data)) as ServerMessage));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    if (isAuthenticated) {
      ws.send(JSON.stringify({ type: 'auth', token: TOKEN }));
      await waitUntil(() => received.length > 0, 5_000, 'the status after auth');
    }
    return { ws, received, broadcasts: (): Broadcast[] => received.flatMap((m) => (m.type === 'broadcast' ? [m.broadcast] : [])) };
  };
  return { finishRead, page, stream };
}

describe('StreamServer broadcasts', () => {
  it('sends each inventory to every authenticated page, none to a socket that has not authenticated', async () => {
    const { finishRead, page, stream } = await startStream();
    const a = await page();
    const b = await page();
    const anonymous = await page(false);
    await waitUntil(() => stream.clientCount === 2, 5_000, 'two pages');
    finishRead('first');
    await waitUntil(() => a.broadcasts().length === 1 && b.broadcasts().length === 1, 5_000, 'the broadcast on both pages');
    expect(a.broadcasts()).toEqual([{ type: 'inventory', inventory: inventoryFixture({ bootId: 'first' }) }]);
    expect(b.broadcasts()).toEqual(a.broadcasts());
    // The query answers the same facts.
    a.ws.send(JSON.stringify({ type: 'query', id: 1, query: { kind: 'inventory' } }));
    await waitUntil(() => a.received.some((m) => m.type === 'answer'), 5_000, 'the answer');
    expect(a.received.find((m) => m.type === 'answer')).toEqual({ type: 'answer', id: 1, answer: { ok: true, kind: 'inventory', value: inventoryFixture({ bootId: 'first' }) } });
    expect(anonymous.received).toEqual([]);
    for (const p of [a, b, anonymous]) p.ws.close();
  });

  it('gives a page that connects later the latest inventory right after its first snapshot, and nothing before one exists', async () => {
    const { finishRead, page } = await startStream();
    const early = await page();
    await waitUntil(() => early.received.length >= 2, 5_000, 'status and snapshot');
    expect(early.received.map((m) => m.type)).toEqual(['status', 'snapshot']);
    finishRead('first');
    finishRead('second');
    const late = await page();
    await waitUntil(() => late.received.length >= 3, 5_000, 'status, snapshot and the inventory');
    expect(late.received.map((m) => m.type)).toEqual(['status', 'snapshot', 'broadcast']);
    expect(late.broadcasts()).toEqual([{ type: 'inventory', inventory: inventoryFixture({ bootId: 'second' }) }]);
    early.ws.close();
    late.ws.close();
  });

  it('answers INTERNAL, with the id, when answering a query fails (a bug), and the socket stays open', async () => {
    const { page } = await startStream({ isSourceBroken: true });
    const p = await page();
    p.ws.send(JSON.stringify({ type: 'query', id: 4, query: { kind: 'inventory' } }));
    await waitUntil(() => p.received.some((m) => m.type === 'answer'), 5_000, 'the answer');
    expect(p.received.find((m) => m.type === 'answer')).toMatchObject({ type: 'answer', id: 4, answer: { ok: false, code: 'INTERNAL' } });
    expect(p.ws.readyState).toBe(WebSocket.OPEN);
    p.ws.close();
  });
});
