/**
 * A connection to a message bus over a unix socket (node:net): the SASL handshake (`AUTH
 * EXTERNAL` with this process's uid in hex, then `BEGIN`), `Hello` for a unique name, then method
 * calls, each with its own serial, answered by the reply or error whose reply_serial names it.
 * Calls may be sent many at once (pipelined); each has a timeout. Signals are ignored; a method
 * call addressed to us is answered UnknownMethod. Every outcome is a value: a D-Bus error, a
 * timeout (NoReply) and a lost connection (Disconnected) come back as `{ ok: false }`.
 */
import { createConnection, type Socket } from 'node:net';
import type { DBusValue } from './codec.ts';
import { socketTargets } from './address.ts';
import { DISCONNECTED, NO_REPLY } from './dbus-errors.ts';
import { decodeMessage, encodeMessage, FLAGS, MESSAGE_TYPES, messageLength, type DBusMessage } from './message.ts';

export interface MethodCall {
  destination: string;
  path: string;
  interface: string;
  member: string;
  signature?: string;
  body?: DBusValue[];
  /** How long to wait for the answer; default DEFAULT_CALL_TIMEOUT_MS. */
  timeoutMs?: number;
}

export type CallOutcome = { ok: true; signature: string; body: DBusValue[] } | { ok: false; errorName: string; message: string };

export interface BusConnection {
  readonly uniqueName: string;
  readonly isOpen: boolean;
  call(call: MethodCall): Promise<CallOutcome>;
  close(): void;
}

export type Connected = { ok: true; connection: BusConnection } | { ok: false; reason: string };


export const DEFAULT_CALL_TIMEOUT_MS = 10_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const BUS_NAME = 'org.freedesktop.DBus';

export interface ConnectOptions {
  connectTimeoutMs?: number;
  /** The uid to authenticate as; default this process's. The bus checks it against the socket's credentials. */
  uid?: number;
}

/** Connects to the first socket of `address` that answers, authenticates and says Hello. */
export async function connectToBus(address: string, options: ConnectOptions = {}): Promise<Connected> {
  const targets = socketTargets(address);
  if (targets.length === 0) return { ok: false, reason: `"${address}" names no unix socket` };
  let lastReason = '';
  for (const target of targets) {
    const opened = await openSocket(target.path, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    if (!opened.ok) {
      lastReason = opened.reason;
      continue;
    }
    const uid = options.uid ?? process.getuid?.() ?? 0;
    const authenticated = await authenticate(opened.socket, uid, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    if (!authenticated.ok) {
      opened.socket.destroy();
      lastReason = authenticated.reason;
      continue;
    }
    const connection = new Connection(opened.socket, authenticated.rest);
    const hello = await connection.call({ destination: BUS_NAME, path: '/org/freedesktop/DBus', interface: BUS_NAME, member: 'Hello' });
    if (!hello.ok || typeof hello.body[0] !== 'string') {
      connection.close();
      lastReason = hello.ok ? 'the bus answered Hello without a name' : `the bus refused Hello: ${hello.message}`;
      continue;
    }
    connection.uniqueName = hello.body[0];
    return { ok: true, connection };
  }
  return { ok: false, reason: lastReason };
}

function openSocket(path: string, timeoutMs: number): Promise<{ ok: true; socket: Socket } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    const socket = createConnection({ path });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, reason: `no answer from ${printable(path)} within ${timeoutMs} ms` });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve({ ok: true, socket });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `cannot connect to ${printable(path)} (${error.code ?? error.message})` });
    });
  });
}

const printable = (path: string) => (path.startsWith('\0') ? `@${path.slice(1)}` : path);

/** SASL (spec § Authentication Protocol): NUL, `AUTH EXTERNAL <uid as hex of its decimal digits>`, `OK <guid>`, `BEGIN`. */
function authenticate(socket: Socket, uid: number, timeoutMs: number): Promise<{ ok: true; rest: Buffer } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const finish = (result: { ok: true; rest: Buffer } | { ok: false; reason: string }) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: `the bus did not finish authentication within ${timeoutMs} ms` }), timeoutMs);
    const onError = (error: Error) => finish({ ok: false, reason: `authentication failed: ${error.message}` });
    const onClose = () => finish({ ok: false, reason: 'the bus closed the connection during authentication' });
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n');
      if (end < 0) {
        if (received.length > 4096) finish({ ok: false, reason: 'the bus sent no line during authentication' });
        return;
      }
      const line = received.subarray(0, end).toString('ascii');
      if (!line.startsWith('OK ')) {
        finish({ ok: false, reason: `the bus refused authentication as uid ${uid} (${line})` });
        return;
      }
      socket.write('BEGIN\r\n');
      finish({ ok: true, rest: received.subarray(end + 2) });
    };
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('close', onClose);
    socket.write(Buffer.concat([Buffer.from([0]), Buffer.from(`AUTH EXTERNAL ${Buffer.from(String(uid), 'ascii').toString('hex')}\r\n`, 'ascii')]));
  });
}

interface Pending {
  resolve(outcome: CallOutcome): void;
  timer: NodeJS.Timeout;
}

class Connection implements BusConnection {
  uniqueName = '';
  private readonly socket: Socket;
  private readonly pending = new Map<number, Pending>();
  private received: Buffer;
  private lastSerial = 0;
  private closedReason: string | null = null;

  constructor(socket: Socket, alreadyReceived: Buffer) {
    this.socket = socket;
    this.received = alreadyReceived;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.shutDown(`the bus connection failed (${error.message})`));
    socket.on('close', () => this.shutDown('the bus closed the connection'));
    if (alreadyReceived.length > 0) this.onData(Buffer.alloc(0));
  }

  get isOpen(): boolean {
    return this.closedReason === null;
  }

  call(call: MethodCall): Promise<CallOutcome> {
    if (this.closedReason !== null) return Promise.resolve({ ok: false, errorName: DISCONNECTED, message: this.closedReason });
    const serial = this.nextSerial();
    const timeoutMs = call.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const bytes = encodeMessage({
      type: MESSAGE_TYPES.methodCall,
      flags: 0,
      serial,
      destination: call.destination,
      path: call.path,
      interface: call.interface,
      member: call.member,
      signature: call.signature ?? '',
      body: call.body ?? [],
    });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(serial);
        resolve({ ok: false, errorName: NO_REPLY, message: `${call.destination} did not answer ${call.member} within ${timeoutMs} ms` });
      }, timeoutMs);
      this.pending.set(serial, { resolve, timer });
      this.socket.write(bytes);
    });
  }

  close(): void {
    this.shutDown('the connection was closed');
    this.socket.destroy();
  }

  private nextSerial(): number {
    this.lastSerial = this.lastSerial >= 0xffffffff ? 1 : this.lastSerial + 1;
    return this.lastSerial;
  }

  private onData(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    for (;;) {
      const length = messageLength(this.received);
      if (length === null) return;
      if (typeof length !== 'number') return this.fail(length.reason);
      if (this.received.length < length) return;
      const decoded = decodeMessage(this.received.subarray(0, length));
      this.received = this.received.subarray(length);
      if (!decoded.ok) return this.fail(decoded.reason);
      this.dispatch(decoded.message);
    }
  }

  private dispatch(message: DBusMessage): void {
    if (message.type === MESSAGE_TYPES.methodReturn || message.type === MESSAGE_TYPES.error) {
      const pending = message.replySerial === undefined ? undefined : this.pending.get(message.replySerial);
      if (pending === undefined || message.replySerial === undefined) return; // a late answer to a call that timed out
      this.pending.delete(message.replySerial);
      clearTimeout(pending.timer);
      if (message.type === MESSAGE_TYPES.methodReturn) pending.resolve({ ok: true, signature: message.signature, body: message.body });
      else pending.resolve({ ok: false, errorName: message.errorName ?? 'unknown', message: typeof message.body[0] === 'string' ? message.body[0] : '' });
      return;
    }
    if (message.type === MESSAGE_TYPES.methodCall && (message.flags & FLAGS.noReplyExpected) === 0 && message.sender !== undefined) {
      this.socket.write(
        encodeMessage({
          type: MESSAGE_TYPES.error,
          flags: FLAGS.noReplyExpected,
          serial: this.nextSerial(),
          destination: message.sender,
          replySerial: message.serial,
          errorName: 'org.freedesktop.DBus.Error.UnknownMethod',
          signature: 's',
          body: ['this client exports no objects'],
        }),
      );
    }
    // Signals are not listened to.
  }

  /** The stream can't be trusted past a message it could not read: end the connection. */
  private fail(reason: string): void {
    this.shutDown(`the bus sent a message this app could not read (${reason})`);
    this.socket.destroy();
  }

  private shutDown(reason: string): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    for (const [serial, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(serial);
      pending.resolve({ ok: false, errorName: DISCONNECTED, message: reason });
    }
  }
}
