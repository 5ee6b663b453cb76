import type { StreamSocketEvent } from '../stream-client.ts';
import type { ClientMessage, ServerMessage } from '../stream.ts';

/**
 * The subset of a WebSocket the stream client (stream-client.ts) uses: addEventListener (open,
 * message, close), send, close, readyState and OPEN. Test helpers drive it from the server's side.
 */
export class FakeStreamSocket {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readonly url: string;
  readyState = 0;
  readonly sent: ClientMessage[] = [];
  closedWith: { code: number | undefined; reason: string | undefined } | null = null;
  private readonly listeners = new Map<string, ((event: StreamSocketEvent) => void)[]>();

  constructor(url: string) {
    this.url = url;
  }

  addEventListener(type: string, listener: (event: StreamSocketEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  send(text: string): void {
    if (this.readyState !== this.OPEN) throw new Error('send on a socket that is not open');
    this.sent.push(JSON.parse(text) as ClientMessage);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.drop(code ?? 1005);
  }

  // The server's side.
  open(): void {
    this.readyState = this.OPEN;
    this.emit('open', {});
  }

  receive(message: ServerMessage): void {
    this.emit('message', { data: JSON.stringify(message) });
  }

  receiveRaw(data: unknown): void {
    this.emit('message', { data });
  }

  drop(code: number, reason = ''): void {
    if (this.readyState === this.CLOSED) return;
    this.readyState = this.CLOSED;
    this.emit('close', { code, reason });
  }

  private emit(type: string, event: StreamSocketEvent): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}
