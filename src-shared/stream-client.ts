/**
 * A client of the headless host's stream (`/api/stream`, protocol in stream.ts), for both ends that
 * look at a host: the browser page (src-renderer/api/websocket-api.ts, over the browser's WebSocket)
 * and the desktop app's main process looking at another machine (src-main/app/remote/, over `ws`
 * with the certificate pinned). It authenticates on every open, reconnects with backoff, keeps the
 * latest snapshot and the retained broadcasts, and answers commands and queries; while disconnected
 * they answer COLLECTOR_DOWN instead of hanging. A close the host meant as a refusal (a wrong token,
 * or what `refusal` says is one) is final: no retry loop.
 */
import type { Unsubscribe } from './api.ts';
import { BroadcastFeed } from './broadcast-feed.ts';
import type { CollectorStatus } from './collector-status.ts';
import type { CommandName, CommandResult } from './commands.ts';
import type { AnyQueryResult, Broadcast, Query, QueryKind, QueryResult } from './query.ts';
import { failure } from './results.ts';
import { SnapshotFeed } from './snapshot-feed.ts';
import type { Snapshot } from './snapshot.ts';
import type { ClientMessage, ConnectionState, ServerMessage, SnapshotMessage, ViewCadence } from './stream.ts';

/** What a socket event carries that the client reads (the browser's and `ws`'s events both have these). */
export interface StreamSocketEvent {
  data?: unknown;
  code?: number;
  reason?: string;
}

/** The subset of a WebSocket the client uses: the browser's and the `ws` package's both fit. */
export interface StreamSocket {
  readonly readyState: number;
  readonly OPEN: number;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'message' | 'close', listener: (event: StreamSocketEvent) => void): void;
}

export interface StreamClientOptions {
  /** ws(s)://host:port/api/stream */
  url: string;
  token: string;
  createSocket(url: string): StreamSocket;
  now(): number;
  /** Runs `run` once after `delayMs` (the environment's timer: this module knows none); answers how to cancel it. */
  schedule(run: () => void, delayMs: number): () => void;
  /** Wait before the first reconnection, doubled after each failure up to `maxMs`. */
  reconnect: { firstMs: number; maxMs: number };
  /** A close that must not be retried, in plain words, or null (retry). */
  refusal(event: { code: number; reason: string }): string | null;
  /** Said while reconnecting: after a connection was lost, and while none could be made yet. */
  lostMessage: string;
  unreachableMessage: string;
}

export interface StreamClient {
  onSnapshotMessage(listener: (message: SnapshotMessage) => void): Unsubscribe;
  onStatus(listener: (status: CollectorStatus) => void): Unsubscribe;
  onConnection(listener: (connection: ConnectionState) => void): Unsubscribe;
  onBroadcast(listener: (broadcast: Broadcast) => void): Unsubscribe;
  /** What this client receives; sent now if connected, and after every later `auth`. */
  setUpdateSpeed(cadence: ViewCadence): void;
  command(name: CommandName, args: unknown): Promise<CommandResult>;
  query<K extends QueryKind>(asked: Extract<Query, { kind: K }>): Promise<QueryResult<K>>;
  /** A query of any kind, answered as any (for a caller that passes queries on: main for the window). */
  ask(asked: Query): Promise<AnyQueryResult>;
  readonly connection: ConnectionState;
  readonly status: CollectorStatus;
  readonly latestSnapshot: Snapshot | null;
  close(): void;
}

export function createStreamClient(options: StreamClientOptions): StreamClient {
  const { now } = options;
  const snapshots = new SnapshotFeed();
  const broadcasts = new BroadcastFeed();
  const statusListeners = new Set<(status: CollectorStatus) => void>();
  const connectionListeners = new Set<(connection: ConnectionState) => void>();
  const pending = new Map<number, (result: CommandResult) => void>();
  const pendingQueries = new Map<number, (answer: AnyQueryResult) => void>();
  let status: CollectorStatus = { state: 'starting', restarts: 0, message: null, sinceMs: now() };
  let connection: ConnectionState = { state: 'connecting', message: 'connecting to the host', sinceMs: now() };
  /** What this client asked to receive; null: every snapshot (the host's default). */
  let cadence: ViewCadence | null = null;
  let socket: StreamSocket | null = null;
  let nextId = 1;
  let reconnectMs = options.reconnect.firstMs;
  let cancelRetry: (() => void) | null = null;
  let isClosed = false;

  const setStatus = (next: CollectorStatus) => {
    status = next;
    for (const listener of statusListeners) listener(status);
  };
  const setConnection = (state: ConnectionState['state'], message: string | null) => {
    if (connection.state === state && connection.message === message) return;
    connection = { state, message, sinceMs: now() };
    for (const listener of connectionListeners) listener(connection);
  };
  const sendCadence = (ws: StreamSocket) => {
    if (cadence !== null) ws.send(JSON.stringify({ type: 'view', cadence } satisfies ClientMessage));
  };
  const onMessage = (message: ServerMessage) => {
    switch (message.type) {
      case 'snapshot':
      case 'delta':
        // A delta that doesn't apply is dropped; the host sends a whole snapshot once it notices.
        snapshots.receive(message);
        return;
      case 'status':
        // The host answers `auth` with the collector's status first: the token was accepted.
        setConnection('connected', null);
        setStatus(message.status);
        return;
      case 'result':
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
        return;
      case 'answer':
        pendingQueries.get(message.id)?.(message.answer);
        pendingQueries.delete(message.id);
        return;
      case 'broadcast':
        broadcasts.receive(message.broadcast);
        return;
    }
  };

  const connect = () => {
    cancelRetry = null;
    if (isClosed) return;
    const ws = options.createSocket(options.url);
    socket = ws;
    ws.addEventListener('open', () => {
      reconnectMs = options.reconnect.firstMs;
      ws.send(JSON.stringify({ type: 'auth', token: options.token } satisfies ClientMessage));
      sendCadence(ws);
    });
    ws.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      try {
        onMessage(JSON.parse(event.data) as ServerMessage);
      } catch {
        // a message we can't read: ignore it rather than stop the view
      }
    });
    ws.addEventListener('close', (event) => {
      if (socket === ws) socket = null;
      const lost = failure('COLLECTOR_DOWN', 'the connection to the host was lost');
      for (const resolve of pending.values()) resolve(lost);
      for (const resolve of pendingQueries.values()) resolve(lost);
      pending.clear();
      pendingQueries.clear();
      if (isClosed) return;
      const refused = options.refusal({ code: event.code ?? 1006, reason: event.reason ?? '' });
      if (refused !== null) {
        setConnection('refused', refused);
        return;
      }
      setConnection('lost', connection.state === 'connected' ? options.lostMessage : options.unreachableMessage);
      cancelRetry = options.schedule(connect, reconnectMs);
      reconnectMs = Math.min(options.reconnect.maxMs, reconnectMs * 2);
    });
  };

  const openSocket = (): StreamSocket | null => {
    const ws = socket;
    return ws && ws.readyState === ws.OPEN ? ws : null;
  };

  const command = (name: CommandName, args: unknown): Promise<CommandResult> => {
    const ws = openSocket();
    if (!ws) return Promise.resolve(failure('COLLECTOR_DOWN', 'not connected to the host'));
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ type: 'command', id, name, args } satisfies ClientMessage));
    });
  };

  // Ids are shared with commands: one counter, so an answer can never be taken for a result.
  const ask = (asked: Query): Promise<AnyQueryResult> => {
    const ws = openSocket();
    if (!ws) return Promise.resolve(failure('COLLECTOR_DOWN', 'not connected to the host'));
    const id = nextId++;
    return new Promise((resolve) => {
      pendingQueries.set(id, resolve);
      ws.send(JSON.stringify({ type: 'query', id, query: asked } satisfies ClientMessage));
    });
  };
  // The host answers the kind it was asked (stream-server.ts).
  const query = <K extends QueryKind>(asked: Extract<Query, { kind: K }>) => ask(asked) as Promise<QueryResult<K>>;

  const subscribe = <T>(set: Set<(value: T) => void>, listener: (value: T) => void, current: T): Unsubscribe => {
    set.add(listener);
    listener(current);
    return () => {
      set.delete(listener);
    };
  };

  connect();

  return {
    onSnapshotMessage: (listener) => snapshots.subscribe(listener),
    onStatus: (listener) => subscribe(statusListeners, listener, status),
    onConnection: (listener) => subscribe(connectionListeners, listener, connection),
    onBroadcast: (listener) => broadcasts.subscribe(listener),
    setUpdateSpeed: (next) => {
      cadence = next;
      const ws = openSocket();
      // Not connected: it is sent after the next auth.
      if (ws) sendCadence(ws);
    },
    command,
    query,
    ask,
    get connection() {
      return connection;
    },
    get status() {
      return status;
    },
    get latestSnapshot() {
      return snapshots.latest;
    },
    close: () => {
      isClosed = true;
      cancelRetry?.();
      socket?.close(1000, 'closed by the client');
    },
  };
}
