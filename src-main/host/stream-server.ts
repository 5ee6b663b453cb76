/**
 * WebSocket `/api/stream` (protocol in src-shared/stream.ts). Each tick's message is built and
 * serialised once for all clients: a delta for those that have the previous snapshot, the whole
 * snapshot for the others (new, or skipped while slow). A client that has more than
 * `MAX_BUFFERED_BYTES` unsent is skipped for that tick instead of growing the host's memory.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CollectorStatus } from '../../src-shared/collector-status.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { computeDelta, WS_CLOSE_PROTOCOL, WS_CLOSE_UNAUTHORIZED, type ServerMessage, type SnapshotDelta } from '../../src-shared/stream.ts';
import type { CommandHandlers } from '../control/command-handlers.ts';
import type { AuthThrottle } from './auth-throttle.ts';
import { runRemoteCommand } from './remote-commands.ts';
import { tokensMatch } from './token.ts';

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

export interface StreamContext {
  token: string;
  isControlAllowed: boolean;
  handlers: CommandHandlers;
  latest(): Snapshot | null;
  status(): CollectorStatus;
  /** Failed authentication per remote address, shared with the HTTP routes. */
  throttle: AuthThrottle;
}

interface Client {
  socket: WebSocket;
  /** The seq of the last snapshot this client has, or null: it needs a whole one. */
  seq: number | null;
}

export class StreamServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly clients = new Set<Client>();
  private previous: Snapshot | null = null;
  private readonly context: StreamContext;

  constructor(context: StreamContext) {
    this.context = context;
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
   * A new snapshot from the collector: one delta (or snapshot) message to every client. `delta`:
   * the collector's own change from the previous snapshot, passed on as it is when it has that base.
   */
  publishSnapshot(snapshot: Snapshot, delta: SnapshotDelta | null = null): void {
    const previous = this.previous;
    this.previous = snapshot;
    let deltaText: string | null = null;
    let snapshotText: string | null = null;
    for (const client of this.clients) {
      if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        client.seq = null; // too slow: skip this tick, send a whole snapshot when it has caught up
        continue;
      }
      if (previous !== null && client.seq === previous.seq) {
        deltaText ??= JSON.stringify({ type: 'delta', delta: delta?.baseSeq === previous.seq ? delta : computeDelta(previous, snapshot) } satisfies ServerMessage);
        client.socket.send(deltaText);
      } else {
        snapshotText ??= JSON.stringify({ type: 'snapshot', snapshot } satisfies ServerMessage);
        client.socket.send(snapshotText);
      }
      client.seq = snapshot.seq;
    }
  }

  publishStatus(status: CollectorStatus): void {
    if (status.state !== 'up') this.previous = null; // a restarted collector numbers from 1 again
    const text = JSON.stringify({ type: 'status', status } satisfies ServerMessage);
    for (const client of this.clients) {
      if (status.state !== 'up') client.seq = null;
      client.socket.send(text);
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
        if (message['type'] !== 'auth' || !tokensMatch(this.context.token, typeof message['token'] === 'string' ? message['token'] : null)) {
          throttle.recordFailure(address);
          socket.close(WS_CLOSE_UNAUTHORIZED, 'a valid token is required');
          return;
        }
        throttle.recordSuccess(address);
        clearTimeout(authTimer);
        client = { socket, seq: null };
        this.clients.add(client);
        this.send(socket, { type: 'status', status: this.context.status() });
        const latest = this.context.latest();
        if (latest) {
          this.send(socket, { type: 'snapshot', snapshot: latest });
          client.seq = latest.seq;
        }
        return;
      }
      if (message['type'] === 'command') {
        void this.onCommand(socket, message);
        return;
      }
      socket.close(WS_CLOSE_PROTOCOL, `unknown message type`);
    });
  }

  private async onCommand(socket: WebSocket, message: Record<string, unknown>): Promise<void> {
    const id = message['id'];
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      socket.close(WS_CLOSE_PROTOCOL, 'a command needs a numeric id');
      return;
    }
    // Same validation and CONTROL_DISABLED rule as the HTTP routes; isSelfConfirmed is dropped.
    const result = await runRemoteCommand(this.context, message['name'], message['args']);
    if (socket.readyState === socket.OPEN) this.send(socket, { type: 'result', id, result });
  }

  private send(socket: WebSocket, message: ServerMessage): void {
    socket.send(JSON.stringify(message));
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
