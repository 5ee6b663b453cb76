/**
 * `TaskManagerApi` over the headless host's WebSocket (`/api/stream`, protocol in
 * src-shared/stream.ts; the client itself is src-shared/stream-client.ts, which the desktop app's main
 * also uses to look at another machine). The compiler checks it against the same interface as the preload.
 * It reconnects with backoff; while disconnected it reports the connection as lost (`onConnection`)
 * and keeps the collector's last known status (the host, not the collector, is out of reach), and
 * commands and queries answer COLLECTOR_DOWN instead of hanging. Broadcasts (the inventory) are
 * kept for a listener that subscribes later. The page's update speed (`setUpdateSpeed`) is
 * sent after every `auth`, so a reconnected page keeps receiving at its own speed.
 */
import type { TaskManagerApi } from '../../src-shared/api.ts';
import type { CommandName } from '../../src-shared/commands.ts';
import { createStreamClient, type StreamSocket } from '../../src-shared/stream-client.ts';
import { WS_CLOSE_UNAUTHORIZED, WS_TOKEN_CHANGED_REASON } from '../../src-shared/stream.ts';
import { browserShellApi } from './browser-shell.ts';

export interface WebSocketApiOptions {
  /** ws(s)://host:port/api/stream */
  url: string;
  token: string;
  /** For tests; the browser's WebSocket by default. */
  createSocket?: (url: string) => StreamSocket;
  now?: () => number;
}

export interface WebSocketApi extends TaskManagerApi {
  close(): void;
}

export function createWebSocketApi(options: WebSocketApiOptions): WebSocketApi {
  const client = createStreamClient({
    url: options.url,
    token: options.token,
    createSocket: options.createSocket ?? ((url: string) => new WebSocket(url)),
    now: options.now ?? (() => Date.now()),
    schedule: (run, delayMs) => {
      const timer = setTimeout(run, delayMs);
      return () => clearTimeout(timer);
    },
    reconnect: { firstMs: 250, maxMs: 10_000 },
    // A reason of WS_TOKEN_CHANGED_REASON: the token was rotated on the host (its file changed) and is refused from now on.
    refusal: ({ code, reason }) =>
      code !== WS_CLOSE_UNAUTHORIZED ? null : reason === WS_TOKEN_CHANGED_REASON ? 'the token changed on the host: open the page with the new token' : 'the host refused this page’s token: open the link the host printed',
    lostMessage: 'the connection to the host was lost; reconnecting',
    unreachableMessage: 'the host cannot be reached; retrying',
  });
  const command = (name: CommandName) => (args: unknown) => client.command(name, args);
  return {
    ...browserShellApi(),
    onSnapshotMessage: (listener) => client.onSnapshotMessage(listener),
    onStatus: (listener) => client.onStatus(listener),
    onConnection: (listener) => client.onConnection(listener),
    setUpdateSpeed: (next) => {
      // Sent now if connected, else after the next auth. Either way the choice is this page's own.
      client.setUpdateSpeed(next);
      return Promise.resolve({ ok: true });
    },
    query: (asked) => client.query(asked),
    onBroadcast: (listener) => client.onBroadcast(listener),
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
    close: () => client.close(),
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
