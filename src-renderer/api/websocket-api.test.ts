import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CollectorStatus } from '../../src-shared/collector-status.ts';
import { commandSchemas, type CommandName, type CommandResult } from '../../src-shared/commands.ts';
import { snapshotSchema, type ProcessRow, type Snapshot } from '../../src-shared/snapshot.ts';
import { cpuFigures, processRow, snapshot as snapshotFixture } from '../../src-shared/testing/fixtures.ts';
import { inventoryFixture } from '../../src-shared/testing/inventory-fixture.ts';
import type { AnyQueryResult, Broadcast } from '../../src-shared/query.ts';
import { computeDelta, systemPart, WS_CLOSE_UNAUTHORIZED, WS_TOKEN_CHANGED_REASON, type ConnectionState } from '../../src-shared/stream.ts';
import { createWebSocketApi, streamUrlFor, takeToken, type WebSocketApi } from './websocket-api.ts';
import { onAssembledSnapshot } from '../../src-shared/testing/assembled-snapshots.ts';
import { FakeStreamSocket as FakeSocket } from '../../src-shared/testing/fake-stream-socket.ts';

const URL = 'ws://127.0.0.1:8737/api/stream';
const TOKEN = 'abcdefghijklmnopqrstuvwxyz012345';
const NOW_MS = 1_700_000_000_000;

function row(pid: number, fields: Partial<ProcessRow> = {}): ProcessRow {
  return processRow({ pid, startTimeMs: NOW_MS - 60_000 + pid, cpuPercent: 0, ...fields });
}

function snapshot(seq: number, processes: ProcessRow[]): Snapshot {
  const value = snapshotFixture({
    seq,
    takenAtMs: NOW_MS + seq * 1000,
    cpu: cpuFigures({ totalPercent: seq, perCorePercent: [seq], uptimeSec: seq }),
    processes,
  });
  expect(snapshotSchema.safeParse(value).error).toBeUndefined();
  return value;
}

const UP: CollectorStatus = { state: 'up', restarts: 2, message: null, sinceMs: NOW_MS };

let sockets: FakeSocket[];
let api: WebSocketApi;

function lastSocket(): FakeSocket {
  const socket = sockets.at(-1);
  if (!socket) throw new Error('no socket was created');
  return socket;
}

function start(): FakeSocket {
  api = createWebSocketApi({
    url: URL,
    token: TOKEN,
    now: () => NOW_MS,
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
  });
  return lastSocket();
}

/** Connected and authenticated (auth sent), as after the page opened. */
function connected(): FakeSocket {
  const socket = start();
  socket.open();
  return socket;
}

function statuses(): CollectorStatus[] {
  const seen: CollectorStatus[] = [];
  api.onStatus((s) => seen.push(s));
  return seen;
}

function connections(): ConnectionState['state'][] {
  const seen: ConnectionState['state'][] = [];
  api.onConnection((c) => seen.push(c.state));
  return seen;
}

function snapshots(): Snapshot[] {
  const seen: Snapshot[] = [];
  onAssembledSnapshot(api, (s) => seen.push(s));
  return seen;
}

function byPid(s: Snapshot | undefined): Snapshot | undefined {
  return s && { ...s, processes: [...s.processes].sort((a, b) => a.pid - b.pid) };
}

const DOWN = { ok: false, code: 'COLLECTOR_DOWN' } as const;

beforeEach(() => {
  sockets = [];
  vi.useFakeTimers();
});

afterEach(() => {
  api.close();
  vi.useRealTimers();
});

describe('createWebSocketApi: connecting', () => {
  it('opens one socket to the URL and sends auth with the token first, on open', () => {
    const socket = start();
    expect(sockets).toHaveLength(1);
    expect(socket.url).toBe(URL);
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sent).toEqual([{ type: 'auth', token: TOKEN }]);
  });

  it('reports "starting" until the host says otherwise', () => {
    start();
    expect(statuses()).toEqual([{ state: 'starting', restarts: 0, message: null, sinceMs: NOW_MS }]);
  });

  it('is "connecting" until the host accepts the token (its first status), then "connected"', () => {
    const socket = start();
    const seen = connections();
    socket.open();
    expect(seen).toEqual(['connecting']);
    socket.receive({ type: 'status', status: UP });
    expect(seen).toEqual(['connecting', 'connected']);
  });
});

describe('createWebSocketApi: update speed', () => {
  const SLOW = { isPaused: false, intervalMs: 4000 };
  it('sends the page’s cadence right after auth, and again after every reconnect', () => {
    const socket = start();
    void api.setUpdateSpeed(SLOW);
    expect(socket.sent).toEqual([]); // not open yet: nothing is lost, it goes after auth
    socket.open();
    expect(socket.sent).toEqual([{ type: 'auth', token: TOKEN }, { type: 'view', cadence: SLOW }]);
    socket.drop(1006);
    vi.advanceTimersByTime(250);
    lastSocket().open();
    expect(lastSocket().sent).toEqual([{ type: 'auth', token: TOKEN }, { type: 'view', cadence: SLOW }]);
  });

  it('sends a change at once while connected, and answers ok (the choice is the page’s own)', async () => {
    const socket = connected();
    await expect(api.setUpdateSpeed({ isPaused: true, intervalMs: 1000 })).resolves.toEqual({ ok: true });
    expect(socket.sent.at(-1)).toEqual({ type: 'view', cadence: { isPaused: true, intervalMs: 1000 } });
  });

  it('sends nothing but auth when the page never chose (the host sends every snapshot)', () => {
    expect(connected().sent).toEqual([{ type: 'auth', token: TOKEN }]);
  });
});

describe('createWebSocketApi: messages from the host', () => {
  it('passes a snapshot, then a delta applied to it, to every snapshot listener', () => {
    const socket = connected();
    const first = snapshots();
    const second = snapshots();
    const s1 = snapshot(1, [row(1), row(2), row(3)]);
    const s2 = snapshot(2, [row(1), row(2, { cpuPercent: 50 }), row(4)]);
    socket.receive({ type: 'snapshot', snapshot: s1 });
    socket.receive({ type: 'delta', delta: computeDelta(s1, s2) });
    for (const seen of [first, second]) {
      expect(seen).toHaveLength(2);
      expect(seen[0]).toEqual(s1);
      expect(byPid(seen[1])).toEqual(byPid(s2));
    }
  });

  it('follows several deltas in a row', () => {
    const socket = connected();
    const seen = snapshots();
    const chain = [snapshot(1, [row(1)]), snapshot(2, [row(1), row(2)]), snapshot(3, [row(2, { threads: 4 })]), snapshot(4, [row(2, { threads: 4 }), row(5)])];
    socket.receive({ type: 'snapshot', snapshot: chain[0] ?? snapshot(1, []) });
    for (let i = 1; i < chain.length; i++) {
      const [prev, next] = [chain[i - 1], chain[i]];
      if (!prev || !next) throw new Error('chain');
      socket.receive({ type: 'delta', delta: computeDelta(prev, next) });
    }
    expect(seen.map((s) => s.seq)).toEqual([1, 2, 3, 4]);
    expect(byPid(seen.at(-1))).toEqual(byPid(chain.at(-1)));
  });

  it.each([
    ['before any snapshot', null],
    ['on the wrong base', 5],
  ])('ignores a delta it cannot apply (%s) and waits for a snapshot', (_name, baseSeq) => {
    const socket = connected();
    const seen = snapshots();
    const s1 = snapshot(1, [row(1)]);
    if (baseSeq !== null) socket.receive({ type: 'snapshot', snapshot: s1 });
    socket.receive({ type: 'delta', delta: { ...computeDelta(s1, snapshot(2, [row(1)])), baseSeq: baseSeq ?? 1 } });
    expect(seen.map((s) => s.seq)).toEqual(baseSeq === null ? [] : [1]);
    const s3 = snapshot(3, [row(3)]);
    socket.receive({ type: 'snapshot', snapshot: s3 });
    expect(seen.at(-1)).toEqual(s3);
  });

  it('passes a status message to every status listener', () => {
    const socket = connected();
    const seen = statuses();
    socket.receive({ type: 'status', status: UP });
    expect(seen.at(-1)).toEqual(UP);
  });

  it.each([
    ['not JSON', '{not json'],
    ['binary data', new ArrayBuffer(4)],
  ])('ignores a message that is %s, and keeps working', (_name, data) => {
    const socket = connected();
    const seen = snapshots();
    expect(() => socket.receiveRaw(data)).not.toThrow();
    socket.receive({ type: 'snapshot', snapshot: snapshot(1, []) });
    expect(seen).toHaveLength(1);
  });
});

describe('createWebSocketApi: commands', () => {
  it('sends a command with an id, name and args, and resolves with the result of that id', async () => {
    const socket = connected();
    const args = { pid: 1234, startTimeMs: NOW_MS - 5000, force: true };
    const answer = api.kill(args);
    expect(socket.sent.at(-1)).toEqual({ type: 'command', id: expect.any(Number), name: 'kill', args });
    const sent = socket.sent.at(-1);
    const id = sent?.type === 'command' ? sent.id : -1;
    socket.receive({ type: 'result', id, result: { ok: true } });
    await expect(answer).resolves.toEqual({ ok: true });
  });

  it('forwards every command of the contract under its own name, the Windows tools included', async () => {
    const socket = connected();
    const names = Object.keys(commandSchemas) as CommandName[];
    expect(names).toEqual(expect.arrayContaining(['openFileLocation', 'openProperties', 'createDumpFile', 'runNewTask', 'restartExplorer']));
    for (const name of names) {
      const args = { probe: name };
      const answer = (api[name] as (a: unknown) => Promise<CommandResult>)(args);
      const sent = socket.sent.at(-1);
      expect(sent).toEqual({ type: 'command', id: expect.any(Number), name, args });
      socket.receive({ type: 'result', id: sent?.type === 'command' ? sent.id : -1, result: { ok: false, code: 'UNSUPPORTED', message: name } });
      await expect(answer).resolves.toEqual({ ok: false, code: 'UNSUPPORTED', message: name });
    }
  });

  it('matches results to commands by id, whatever order they come back in', async () => {
    const socket = connected();
    const suspend = api.suspend({ pid: 10, startTimeMs: 1 });
    const priority = api.setPriority({ pid: 11, startTimeMs: 2, priority: 'high' });
    const settings = api.setCollectorSettings({ intervalMs: 500 });
    const commands = socket.sent.filter((m) => m.type === 'command');
    expect(commands.map((m) => (m.type === 'command' ? m.name : ''))).toEqual(['suspend', 'setPriority', 'setCollectorSettings']);
    const ids = commands.map((m) => (m.type === 'command' ? m.id : -1));
    expect(new Set(ids).size).toBe(3);
    const results: CommandResult[] = [
      { ok: false, code: 'PROTECTED', message: 'protected' },
      { ok: false, code: 'STALE_PID', message: 'gone' },
      { ok: true },
    ];
    // Answer the last first.
    for (const i of [2, 0, 1]) socket.receive({ type: 'result', id: ids[i] ?? -1, result: results[i] ?? { ok: true } });
    await expect(suspend).resolves.toEqual(results[0]);
    await expect(priority).resolves.toEqual(results[1]);
    await expect(settings).resolves.toEqual(results[2]);
  });

  it('ignores a result for an id it did not send', async () => {
    const socket = connected();
    const answer = api.resume({ pid: 10, startTimeMs: 1 });
    socket.receive({ type: 'result', id: 999, result: { ok: true } });
    socket.drop(1006);
    await expect(answer).resolves.toMatchObject(DOWN);
  });

  it('answers COLLECTOR_DOWN at once, sending nothing, before the socket is open', async () => {
    const socket = start();
    await expect(api.kill({ pid: 10, startTimeMs: 1 })).resolves.toMatchObject(DOWN);
    expect(socket.sent).toEqual([]);
  });

  it('answers COLLECTOR_DOWN at once while disconnected (waiting to reconnect)', async () => {
    connected().drop(1006);
    await expect(api.killTree({ pid: 10, startTimeMs: 1 })).resolves.toMatchObject(DOWN);
  });

  it('answers COLLECTOR_DOWN after close()', async () => {
    connected();
    api.close();
    await expect(api.killApp({ appId: 'a', members: [{ pid: 10, startTimeMs: 1 }] })).resolves.toMatchObject(DOWN);
  });
});

describe('createWebSocketApi: queries and broadcasts', () => {
  /** The id of the last query sent on `socket`. */
  const lastQueryId = (socket: FakeSocket) => {
    const sent = socket.sent.at(-1);
    if (sent?.type !== 'query') throw new Error(`the last message sent is ${sent?.type ?? 'nothing'}, not a query`);
    return sent.id;
  };

  it('sends a query with an id and resolves with the answer of that id', async () => {
    const socket = connected();
    const series = api.query({ kind: 'recentSeries' });
    expect(socket.sent.at(-1)).toEqual({ type: 'query', id: expect.any(Number), query: { kind: 'recentSeries' } });
    const seriesId = lastQueryId(socket);
    const facts = api.query({ kind: 'inventory' });
    const factsId = lastQueryId(socket);
    expect(factsId).not.toBe(seriesId);
    const point = systemPart(snapshot(1, []));
    const { volumes: _volumes, ...systemPoint } = point;
    const seriesAnswer: AnyQueryResult = { ok: true, kind: 'recentSeries', value: { spanMs: 300_000, points: [systemPoint] } };
    const factsAnswer: AnyQueryResult = { ok: true, kind: 'inventory', value: inventoryFixture() };
    // Answered in the other order: matched by id, not by turn.
    socket.receive({ type: 'answer', id: factsId, answer: factsAnswer });
    socket.receive({ type: 'answer', id: seriesId, answer: seriesAnswer });
    await expect(series).resolves.toEqual(seriesAnswer);
    await expect(facts).resolves.toEqual(factsAnswer);
  });

  it('never takes a command’s result for a query’s answer (one id counter for both)', async () => {
    const socket = connected();
    const kill = api.kill({ pid: 10, startTimeMs: 1 });
    const killSent = socket.sent.at(-1);
    const asked = api.query({ kind: 'inventory' });
    const queryId = lastQueryId(socket);
    expect(killSent?.type === 'command' && killSent.id).not.toBe(queryId);
    socket.receive({ type: 'answer', id: queryId, answer: { ok: true, kind: 'inventory', value: null } });
    await expect(asked).resolves.toEqual({ ok: true, kind: 'inventory', value: null });
    socket.drop(1006);
    await expect(kill).resolves.toMatchObject(DOWN);
  });

  it('answers COLLECTOR_DOWN at once when not connected, and for a pending query when the connection is lost', async () => {
    const socket = start();
    await expect(api.query({ kind: 'recentSeries' })).resolves.toMatchObject(DOWN);
    expect(socket.sent).toEqual([]);
    socket.open();
    const pending = api.query({ kind: 'recentSeries' });
    socket.drop(1006);
    await expect(pending).resolves.toMatchObject(DOWN);
  });

  it('passes broadcasts to every listener and gives a late one the latest inventory, across a reconnect', () => {
    const socket = connected();
    const early: Broadcast[] = [];
    api.onBroadcast((b) => early.push(b));
    const first: Broadcast = { type: 'inventory', inventory: inventoryFixture({ bootId: 'first' }) };
    const second: Broadcast = { type: 'inventory', inventory: inventoryFixture({ bootId: 'second' }) };
    socket.receive({ type: 'broadcast', broadcast: first });
    socket.drop(1006);
    vi.advanceTimersByTime(250);
    const again = lastSocket();
    again.open();
    again.receive({ type: 'broadcast', broadcast: second });
    expect(early).toEqual([first, second]);
    const late: Broadcast[] = [];
    const off = api.onBroadcast((b) => late.push(b));
    expect(late).toEqual([second]);
    off();
    again.receive({ type: 'broadcast', broadcast: first });
    expect(late).toEqual([second]);
  });
});

describe('createWebSocketApi: losing the connection', () => {
  it('on 4401 (token refused): the connection is refused, says why, and does not reconnect', () => {
    const socket = connected();
    let last: ConnectionState | null = null;
    api.onConnection((c) => (last = c));
    socket.drop(WS_CLOSE_UNAUTHORIZED);
    expect(last).toMatchObject({ state: 'refused', message: expect.stringMatching(/token/) });
    vi.advanceTimersByTime(10 * 60_000);
    expect(sockets).toHaveLength(1);
  });

  it('on 4401 because the token changed on the host (rotation): refused, saying so, and no reconnect with the old token', () => {
    const socket = connected();
    let last: ConnectionState | null = null;
    api.onConnection((c) => (last = c));
    socket.drop(WS_CLOSE_UNAUTHORIZED, WS_TOKEN_CHANGED_REASON);
    expect(last).toMatchObject({ state: 'refused', message: 'the token changed on the host: open the page with the new token' });
    vi.advanceTimersByTime(10 * 60_000);
    expect(sockets).toHaveLength(1);
  });

  it('on any other close: lost (the collector’s last status kept), pending commands answer COLLECTOR_DOWN, and it reconnects', async () => {
    const socket = connected();
    socket.receive({ type: 'status', status: UP });
    const seen = statuses();
    let link: ConnectionState | null = null;
    api.onConnection((c) => (link = c));
    const pending = [api.kill({ pid: 10, startTimeMs: 1 }), api.setAffinity({ pid: 10, startTimeMs: 1, cpus: [0] })];
    socket.drop(1006);
    await expect(Promise.all(pending)).resolves.toEqual([expect.objectContaining(DOWN), expect.objectContaining(DOWN)]);
    expect(link).toMatchObject({ state: 'lost', message: expect.stringMatching(/lost; reconnecting/) });
    expect(seen).toEqual([UP]); // the host is out of reach, not the collector down
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(250);
    expect(sockets).toHaveLength(2);
    const again = lastSocket();
    again.open();
    expect(again.sent).toEqual([{ type: 'auth', token: TOKEN }]);
    again.receive({ type: 'status', status: UP });
    expect(link).toMatchObject({ state: 'connected', message: null });
  });

  it('a host never reached is "cannot be reached", not "lost"', () => {
    start().drop(1006);
    let link: ConnectionState | null = null;
    api.onConnection((c) => (link = c));
    expect(link).toMatchObject({ state: 'lost', message: expect.stringMatching(/cannot be reached/) });
  });

  it('backs off (doubling up to 10 s) while the host stays away, and starts over once connected', () => {
    connected().drop(1006);
    const delays: number[] = [];
    for (let attempt = 0; attempt < 9; attempt++) {
      const before = sockets.length;
      let waitedMs = 0;
      while (sockets.length === before) {
        vi.advanceTimersByTime(50);
        waitedMs += 50;
        if (waitedMs > 60_000) throw new Error('no reconnect');
      }
      delays.push(waitedMs);
      lastSocket().drop(1006); // refused again
    }
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);

    vi.advanceTimersByTime(10_000);
    lastSocket().open();
    lastSocket().drop(1006);
    const before = sockets.length;
    vi.advanceTimersByTime(249);
    expect(sockets).toHaveLength(before);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(before + 1);
  });

  it('close(): closes the socket normally and never reconnects', () => {
    const socket = connected();
    const seen = statuses();
    const count = seen.length;
    api.close();
    expect(socket.closedWith?.code).toBe(1000);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(seen).toHaveLength(count);
  });

  it('close() while waiting to reconnect cancels the reconnect', () => {
    connected().drop(1006);
    api.close();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});

describe('createWebSocketApi: subscriptions', () => {
  it('calls a new snapshot listener at once with the latest snapshot (and not before there is one)', () => {
    const socket = connected();
    const early = snapshots();
    expect(early).toEqual([]);
    const s1 = snapshot(1, [row(1)]);
    socket.receive({ type: 'snapshot', snapshot: s1 });
    const late = snapshots();
    expect(late).toEqual([s1]);
  });

  it('calls a new status listener at once with the latest status', () => {
    const socket = connected();
    socket.receive({ type: 'status', status: UP });
    expect(statuses()).toEqual([UP]);
  });

  it('stops calling a listener once unsubscribed, and keeps calling the others', () => {
    const socket = connected();
    const gone: Snapshot[] = [];
    const goneStatus: CollectorStatus[] = [];
    const kept = snapshots();
    const unsubscribe = onAssembledSnapshot(api, (s) => gone.push(s));
    const unsubscribeStatus = api.onStatus((s) => goneStatus.push(s));
    socket.receive({ type: 'snapshot', snapshot: snapshot(1, []) });
    unsubscribe();
    unsubscribeStatus();
    socket.receive({ type: 'snapshot', snapshot: snapshot(2, []) });
    socket.receive({ type: 'status', status: UP });
    expect(gone.map((s) => s.seq)).toEqual([1]);
    expect(goneStatus).toHaveLength(1); // only the one at subscription
    expect(kept.map((s) => s.seq)).toEqual([1, 2]);
  });
});

describe('streamUrlFor', () => {
  it.each([
    [{ protocol: 'http:', host: '127.0.0.1:8737' }, 'ws://127.0.0.1:8737/api/stream'],
    [{ protocol: 'https:', host: 'box.example.org:8443' }, 'wss://box.example.org:8443/api/stream'],
    [{ protocol: 'http:', host: '[::1]:8080' }, 'ws://[::1]:8080/api/stream'],
  ])('%j → %s', (location, expected) => {
    expect(streamUrlFor(location)).toBe(expected);
  });
});

describe('takeToken', () => {
  class FakeStorage {
    readonly items = new Map<string, string>();
    getItem(key: string): string | null {
      return this.items.get(key) ?? null;
    }
    setItem(key: string, value: string): void {
      this.items.set(key, value);
    }
  }

  interface Case {
    name: string;
    hash: string;
    stored: string | null;
    token: string | null;
    isStripped: boolean;
  }

  it.each<Case>([
    { name: 'takes #token=… and strips the fragment', hash: `#token=${TOKEN}`, stored: null, token: TOKEN, isStripped: true },
    { name: 'prefers the fragment to an older stored token', hash: `#token=${TOKEN}`, stored: 'older-token-0000000', token: TOKEN, isStripped: true },
    { name: 'decodes a percent-encoded token', hash: '#token=abc%7Edefghijklmnop', stored: null, token: 'abc~defghijklmnop', isStripped: true },
    { name: 'finds the token among other fragment parameters', hash: `#tab=apps&token=${TOKEN}`, stored: null, token: TOKEN, isStripped: true },
    { name: 'falls back to storage without a fragment', hash: '', stored: TOKEN, token: TOKEN, isStripped: false },
    { name: 'falls back to storage with an empty #token=', hash: '#token=', stored: TOKEN, token: TOKEN, isStripped: false },
    { name: 'falls back to storage with another fragment', hash: '#tab=apps', stored: TOKEN, token: TOKEN, isStripped: false },
    { name: 'null when neither', hash: '', stored: null, token: null, isStripped: false },
    { name: 'null when neither (other fragment)', hash: '#tab=apps', stored: null, token: null, isStripped: false },
  ])('$name', ({ hash, stored, token, isStripped }) => {
    const location = { hash, pathname: '/app/', search: '?view=processes' };
    const replaceState = vi.fn();
    const history = { replaceState };
    const storage = new FakeStorage();
    if (stored !== null) storage.setItem('taskmgr-token', stored);

    const taken = takeToken(location as unknown as Location, history as unknown as History, storage as unknown as Storage);

    expect(taken).toBe(token);
    expect(storage.getItem('taskmgr-token')).toBe(token);
    if (isStripped) {
      expect(replaceState).toHaveBeenCalledTimes(1);
      expect(replaceState).toHaveBeenCalledWith(null, '', '/app/?view=processes');
    } else {
      expect(replaceState).not.toHaveBeenCalled();
    }
  });
});
