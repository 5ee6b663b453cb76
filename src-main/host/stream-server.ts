/**
 * WebSocket `/api/stream` (protocol in src-shared/stream.ts). Each page receives at its own update
 * speed (`view` messages, page-cadence.ts): the host samples at its rate, and a page that is slower
 * or paused skips ticks without affecting any other. Each message is built and serialised once per
 * tick for all pages that share a base: the collector's delta for pages that have the previous
 * snapshot, a delta from an older one (kept for `RECENT_SNAPSHOTS` ticks) for slower pages, the
 * whole snapshot for the others (new, back from a long pause, or skipped while slow). A page that
 * has more than `MAX_BUFFERED_BYTES` unsent is skipped for that tick instead of growing the host's memory.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CollectorStatus } from '../../src-shared/collector-status.ts';
import type { AnyQueryResult, Broadcast } from '../../src-shared/query.ts';
import { failure } from '../../src-shared/results.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { viewCadenceSchema } from '../../src-shared/commands.ts';
import { computeDelta, WS_CLOSE_PROTOCOL, WS_CLOSE_UNAUTHORIZED, WS_TOKEN_CHANGED_REASON, type ServerMessage, type SnapshotDelta, type ViewCadence } from '../../src-shared/stream.ts';
import type { AlertSource } from '../alerts/alert-source.ts';
import type { CommandHandlers } from '../control/command-handlers.ts';
import type { AuthThrottle } from './auth-throttle.ts';
import { EVERY_TICK, isPageDue } from './page-cadence.ts';
import type { TokenRole, TokenRoles } from './host-tokens.ts';
import { runRemoteCommand } from './remote-commands.ts';

/**
 * Close code when the client's address failed to authenticate too often (HTTP's 429): its token
 * was not compared. The host's own (the contract's 4400/4401 are in src-shared/stream.ts); a client
 * that sees it should wait before reconnecting. The upgrade itself is refused with 429 while the
 * address is throttled; this code is for an auth message that arrives once it has become so.
 */
export const WS_CLOSE_TOO_MANY_ATTEMPTS = 4429;
export const AUTH_TIMEOUT_MS = 5_000;
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const MAX_MESSAGE_BYTES = 64 * 1024;
/**
 * Snapshots kept to send a slower page a delta instead of a whole snapshot: 16 ticks cover the
 * slowest update speed (4 s) on a 250 ms host. Rows that did not change are shared between them.
 */
export const RECENT_SNAPSHOTS = 16;

export interface StreamContext {
  /** The view and control tokens: the `auth` message's token gives the connection its role for its whole life. */
  tokens: TokenRoles;
  isControlAllowed: boolean;
  handlers: CommandHandlers;
  /** The host's rules, for the rule commands' policy (remote-commands.ts); absent: none. */
  alerts?: AlertSource;
  latest(): Snapshot | null;
  status(): CollectorStatus;
  /** Answers a query as sent (unparsed): the core's `answerQuery` over the host's sources. */
  answerQuery(input: unknown): Promise<AnyQueryResult>;
  /** The latest broadcast of each retained type (the inventory), for a page that connects now. */
  retainedBroadcasts(): readonly Broadcast[];
  /** Failed authentication per remote address, shared with the HTTP routes. */
  throttle: AuthThrottle;
  /** A monotonic clock in ms (tests pass their own). */
  now?: () => number;
}

interface Client {
  socket: WebSocket;
  /** What the token of its `auth` message may do (host-tokens.ts). */
  role: TokenRole;
  /** The seq of the last snapshot this client has, or null: it needs a whole one. */
  seq: number | null;
  /** What this page asked to receive. */
  cadence: ViewCadence;
  /** When it was last sent a snapshot or delta (the clock of `StreamContext.now`). */
  lastSentMs: number | null;
}

export class StreamServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly clients = new Set<Client>();
  /** The last `RECENT_SNAPSHOTS` snapshots by seq, oldest first (a Map keeps insertion order). */
  private readonly recent = new Map<number, Snapshot>();
  private readonly context: StreamContext;
  private readonly now: () => number;

  constructor(context: StreamContext) {
    this.context = context;
    this.now = context.now ?? (() => performance.now());
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** For the HTTP server's 'upgrade' event on /api/stream. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const address = req.socket.remoteAddress ?? '';
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, address));
  }

  /**
   * A new snapshot from the collector: a delta (or the snapshot) to every page that is due.
   * `delta`: the collector's own change from the previous snapshot, passed on as it is to pages that
   * have that base.
   */
  publishSnapshot(snapshot: Snapshot, delta: SnapshotDelta | null = null): void {
    this.recent.set(snapshot.seq, snapshot);
    for (const seq of this.recent.keys()) {
      if (this.recent.size <= RECENT_SNAPSHOTS) break;
      this.recent.delete(seq);
    }
    const nowMs = this.now();
    const texts = new Map<number | 'whole', string>();
    for (const client of this.clients) {
      if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        client.seq = null; // too slow: skip this tick, send a whole snapshot when it has caught up
        continue;
      }
      if (isPageDue(client.cadence, client.lastSentMs, nowMs, snapshot.intervalMs)) this.sendLatest(client, snapshot, delta, texts, nowMs);
    }
  }

  /** Sends `client` the change from what it has to `snapshot`, or the whole snapshot. */
  private sendLatest(client: Client, snapshot: Snapshot, delta: SnapshotDelta | null, texts: Map<number | 'whole', string>, nowMs: number): void {
    if (client.seq === snapshot.seq) return; // it has this one already
    const base = client.seq === null ? undefined : this.recent.get(client.seq);
    const textKey = base ? base.seq : 'whole';
    let text = texts.get(textKey);
    if (text === undefined) {
      const message: ServerMessage = base
        ? { type: 'delta', delta: delta?.baseSeq === base.seq ? delta : computeDelta(base, snapshot) }
        : { type: 'snapshot', snapshot };
      text = JSON.stringify(message);
      texts.set(textKey, text);
    }
    client.socket.send(text);
    client.seq = snapshot.seq;
    client.lastSentMs = nowMs;
  }

  publishStatus(status: CollectorStatus): void {
    if (status.state !== 'up') this.recent.clear(); // a restarted collector numbers from 1 again
    const text = JSON.stringify({ type: 'status', status } satisfies ServerMessage);
    for (const client of this.clients) {
      if (status.state !== 'up') client.seq = null;
      client.socket.send(text);
    }
  }

  /** A push besides snapshots (the inventory, …) to every authenticated page, whatever its update speed. */
  publishBroadcast(broadcast: Broadcast): void {
    const text = JSON.stringify({ type: 'broadcast', broadcast } satisfies ServerMessage);
    for (const client of this.clients) client.socket.send(text);
  }

  /**
   * `role`'s token was replaced: the pages that authenticated with the old one are closed with 4401
   * and a reason a page can show (`WS_TOKEN_CHANGED_REASON`), as if their token had been refused.
   */
  closeRole(role: TokenRole): void {
    for (const client of this.clients) {
      if (client.role !== role) continue;
      this.clients.delete(client);
      client.socket.close(WS_CLOSE_UNAUTHORIZED, WS_TOKEN_CHANGED_REASON);
    }
  }

  close(): Promise<void> {
    for (const client of this.clients) client.socket.close(1001, 'the host is shutting down');
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(socket: WebSocket, address: string): void {
    let client: Client | null = null;
    const authTimer = setTimeout(() => socket.close(WS_CLOSE_UNAUTHORIZED, 'no token within 5 s'), AUTH_TIMEOUT_MS);
    socket.on('close', () => {
      clearTimeout(authTimer);
      if (client) this.clients.delete(client);
    });
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) => {
      // Frames that were already on their way when the socket was closed (a burst of guesses) are dropped.
      if (socket.readyState !== socket.OPEN) return;
      let message: unknown;
      try {
        message = isBinary ? null : JSON.parse(String(data));
      } catch {
        message = null;
      }
      if (!isRecord(message)) {
        socket.close(WS_CLOSE_PROTOCOL, 'messages are JSON objects');
        return;
      }
      if (client === null) {
        const { throttle } = this.context;
        if (throttle.retryAfterMs(address) > 0) {
          socket.close(WS_CLOSE_TOO_MANY_ATTEMPTS, 'too many failed attempts from this address');
          return;
        }
        const role = message['type'] === 'auth' ? this.context.tokens.roleOf(typeof message['token'] === 'string' ? message['token'] : null) : null;
        if (role === null) {
          throttle.recordFailure(address);
          socket.close(WS_CLOSE_UNAUTHORIZED, 'a valid token is required');
          return;
        }
        throttle.recordSuccess(address);
        clearTimeout(authTimer);
        client = { socket, role, seq: null, cadence: EVERY_TICK, lastSentMs: null };
        this.clients.add(client);
        this.send(socket, { type: 'status', status: this.context.status() });
        const latest = this.context.latest();
        if (latest) {
          this.send(socket, { type: 'snapshot', snapshot: latest });
          client.seq = latest.seq;
          client.lastSentMs = this.now();
        }
        // What a page would have been pushed before it came: after its first snapshot, so the
        // page has figures to put the facts beside.
        for (const broadcast of this.context.retainedBroadcasts()) this.send(socket, { type: 'broadcast', broadcast });
        return;
      }
      if (message['type'] === 'command') {
        void this.onCommand(socket, client.role, message);
        return;
      }
      if (message['type'] === 'query') {
        void this.onQuery(socket, message);
        return;
      }
      if (message['type'] === 'view') {
        const parsed = viewCadenceSchema.safeParse(message['cadence']);
        if (!parsed.success) {
          socket.close(WS_CLOSE_PROTOCOL, 'a view needs a cadence: { isPaused, intervalMs 250–10000 }');
          return;
        }
        const wasPaused = client.cadence.isPaused;
        client.cadence = parsed.data;
        // Back from a pause: the latest state at once, not at the next tick.
        const latest = this.context.latest();
        if (wasPaused && !parsed.data.isPaused && latest) this.sendLatest(client, latest, null, new Map(), this.now());
        return;
      }
      socket.close(WS_CLOSE_PROTOCOL, `unknown message type`);
    });
  }

  private async onCommand(socket: WebSocket, role: TokenRole, message: Record<string, unknown>): Promise<void> {
    const id = message['id'];
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      socket.close(WS_CLOSE_PROTOCOL, 'a command needs a numeric id');
      return;
    }
    // Same validation and CONTROL_DISABLED rule as the HTTP routes; isSelfConfirmed is dropped.
    const result = await runRemoteCommand(this.context, role, message['name'], message['args']);
    if (socket.readyState === socket.OPEN) this.send(socket, { type: 'result', id, result });
  }

  /** A query reads only: allowed for the view token. A bad query is answered, not closed. */
  private async onQuery(socket: WebSocket, message: Record<string, unknown>): Promise<void> {
    const id = message['id'];
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      socket.close(WS_CLOSE_PROTOCOL, 'a query needs a numeric id');
      return;
    }
    // Nothing throws across the wire: a bug in a source becomes an INTERNAL failure value.
    const answer = await this.context
      .answerQuery(message['query'])
      .catch((error: unknown) => failure('INTERNAL', `the query failed inside the host (a bug): ${error instanceof Error ? error.message : String(error)}`));
    if (socket.readyState === socket.OPEN) this.send(socket, { type: 'answer', id, answer });
  }

  private send(socket: WebSocket, message: ServerMessage): void {
    socket.send(JSON.stringify(message));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
