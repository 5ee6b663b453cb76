/**
 * `TaskManagerApi` over the headless host's WebSocket (`/api/stream`, protocol in
 * src-shared/stream.ts). The compiler checks it against the same interface as the preload.
 * It reconnects with backoff; while disconnected it reports the connection as lost (`onConnection`)
 * and keeps the collector's last known status (the host, not the collector, is out of reach), and
 * commands and queries answer COLLECTOR_DOWN instead of hanging. Broadcasts (the inventory) are
 * kept for a listener that subscribes later. The page's update speed (`setUpdateSpeed`) is
 * sent after every `auth`, so a reconnected page keeps receiving at its own speed.
 */
import type { TaskManagerApi, Unsubscribe } from '../../src-shared/api.ts';
import type { CollectorStatus } from '../../src-shared/collector-status.ts';
import type { CommandName, CommandResult } from '../../src-shared/commands.ts';
import { BroadcastFeed } from '../../src-shared/broadcast-feed.ts';
import type { AnyQueryResult, Query, QueryKind, QueryResult } from '../../src-shared/query.ts';
import { failure } from '../../src-shared/results.ts';
import { SnapshotFeed } from '../../src-shared/snapshot-feed.ts';
import { WS_CLOSE_UNAUTHORIZED, WS_TOKEN_CHANGED_REASON, type ClientMessage, type ConnectionState, type ServerMessage, type ViewCadence } from '../../src-shared/stream.ts';
import { browserShellApi } from './browser-shell.ts';

export interface WebSocketApiOptions {
  /** ws(s)://host:port/api/stream */
  url: string;
  token: string;
  /** For tests; the browser's WebSocket by default. */
  createSocket?: (url: string) => WebSocket;
  now?: () => number;
}

export interface WebSocketApi extends TaskManagerApi {
  close(): void;
}

const MAX_RECONNECT_MS = 10_000;

export function createWebSocketApi(options: WebSocketApiOptions): WebSocketApi {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const now = options.now ?? (() => Date.now());
  const snapshots = new SnapshotFeed();
  const statusListeners = new Set<(status: CollectorStatus) => void>();
  const connectionListeners = new Set<(connection: ConnectionState) => void>();
  const pending = new Map<number, (result: CommandResult) => void>();
  const pendingQueries = new Map<number, (answer: AnyQueryResult) => void>();
  const broadcasts = new BroadcastFeed();
  let status: CollectorStatus = { state: 'starting', restarts: 0, message: null, sinceMs: now() };
  let connection: ConnectionState = { state: 'connecting', message: 'connecting to the host', sinceMs: now() };
  /** What this page asked to receive; null: every snapshot (the host's default). */
  let cadence: ViewCadence | null = null;
  let socket: WebSocket | null = null;
  let nextId = 1;
  let reconnectMs = 250;
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
  const sendCadence = (ws: WebSocket) => {
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
    if (isClosed) return;
    const ws = createSocket(options.url);
    socket = ws;
    ws.addEventListener('open', () => {
      reconnectMs = 250;
      ws.send(JSON.stringify({ type: 'auth', token: options.token } satisfies ClientMessage));
      sendCadence(ws);
    });
    ws.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      try {
        onMessage(JSON.parse(event.data) as ServerMessage);
      } catch {
        // a message we can't read: ignore it rather than stop the view
      }
    });
    ws.addEventListener('close', (event: CloseEvent) => {
      if (socket === ws) socket = null;
      const lost = failure('COLLECTOR_DOWN', 'the connection to the host was lost');
      for (const resolve of pending.values()) resolve(lost);
      for (const resolve of pendingQueries.values()) resolve(lost);
      pending.clear();
      pendingQueries.clear();
      if (isClosed) return;
      if (event.code === WS_CLOSE_UNAUTHORIZED) {
        // Rotated on the host (its token file changed): this token is refused from now on.
        const isChanged = event.reason === WS_TOKEN_CHANGED_REASON;
        setConnection('refused', isChanged ? 'the token changed on the host: open the page with the new token' : 'the host refused this page’s token: open the link the host printed');
        return;
      }
      setConnection('lost', connection.state === 'connected' ? 'the connection to the host was lost; reconnecting' : 'the host cannot be reached; retrying');
      setTimeout(connect, reconnectMs);
      reconnectMs = Math.min(MAX_RECONNECT_MS, reconnectMs * 2);
    });
  };

  const command =
    <N extends CommandName>(name: N) =>
    (args: unknown): Promise<CommandResult> => {
      const ws = socket;
      if (!ws || ws.readyState !== ws.OPEN) return Promise.resolve(failure('COLLECTOR_DOWN', 'not connected to the host'));
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ type: 'command', id, name, args } satisfies ClientMessage));
      });
    };

  // Ids are shared with commands: one counter, so an answer can never be taken for a result.
  const query = <K extends QueryKind>(asked: Extract<Query, { kind: K }>): Promise<QueryResult<K>> => {
    const ws = socket;
    if (!ws || ws.readyState !== ws.OPEN) return Promise.resolve(failure('COLLECTOR_DOWN', 'not connected to the host'));
    const id = nextId++;
    return new Promise((resolve) => {
      // The host answers the kind it was asked (stream-server.ts).
      pendingQueries.set(id, resolve as (answer: AnyQueryResult) => void);
      ws.send(JSON.stringify({ type: 'query', id, query: asked } satisfies ClientMessage));
    });
  };

  connect();

  const subscribe = <T>(set: Set<(value: T) => void>, listener: (value: T) => void, current: T | null): Unsubscribe => {
    set.add(listener);
    if (current !== null) listener(current);
    return () => set.delete(listener);
  };

  return {
    ...browserShellApi(),
    onSnapshotMessage: (listener) => snapshots.subscribe(listener),
    onStatus: (listener) => subscribe(statusListeners, listener, status),
    onConnection: (listener) => subscribe(connectionListeners, listener, connection),
    setUpdateSpeed: (next) => {
      cadence = next;
      const ws = socket;
      if (ws && ws.readyState === ws.OPEN) sendCadence(ws);
      // Not connected: it is sent after the next auth. Either way the choice is this page's own.
      return Promise.resolve({ ok: true });
    },
    query,
    onBroadcast: (listener) => broadcasts.subscribe(listener),
    kill: command('kill'),
    killTree: command('killTree'),
    killApp: command('killApp'),
    suspend: command('suspend'),
    resume: command('resume'),
    setPriority: command('setPriority'),
    setAffinity: command('setAffinity'),
    setEfficiencyMode: command('setEfficiencyMode'),
    openFileLocation: command('openFileLocation'),
    openProperties: command('openProperties'),
    createDumpFile: command('createDumpFile'),
    runNewTask: command('runNewTask'),
    restartExplorer: command('restartExplorer'),
    setCollectorSettings: command('setCollectorSettings'),
    deleteHistory: command('deleteHistory'),
    setHistorySettings: command('setHistorySettings'),
    putRule: command('putRule'),
    deleteRule: command('deleteRule'),
    keepSuspended: command('keepSuspended'),
    enableStartup: command('enableStartup'),
    disableStartup: command('disableStartup'),
    openStartupLocation: command('openStartupLocation'),
    openStartupProperties: command('openStartupProperties'),
    startService: command('startService'),
    stopService: command('stopService'),
    restartService: command('restartService'),
    close: () => {
      isClosed = true;
      socket?.close(1000, 'closed by the page');
    },
  };
}

/** The stream's URL for a page served by the host (same origin, ws or wss to match). */
export function streamUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/stream`;
}

/**
 * The token from the page's URL fragment (`#token=…`), kept for this tab in sessionStorage and
 * then removed from the address bar, so it is not bookmarked, shared or sent as a Referer.
 */
export function takeToken(location: Location, history: History, storage: Storage): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    storage.setItem('taskmgr-token', fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return storage.getItem('taskmgr-token');
}
