/**
 * One connection of the desktop app to another machine's host: its stream (src-shared/stream-client.ts)
 * over `ws`, with the certificate pinned (certificate-check.ts) so a changed certificate ends the
 * connection before the token is sent. The view connection authenticates with the view token;
 * commands go over a second connection opened with the control token when one is kept (the host
 * fixes a connection's role by the token it authenticated with), else over the view connection,
 * where the host answers 403 with its own message. Reconnects with backoff (1 s … 30 s); a refused
 * token or a changed certificate is final (`refused`).
 */
import type net from 'node:net';
import WebSocket from 'ws';
import { DESKTOP_ONLY_COMMANDS, failure, type CommandName, type CommandResult, type Failure } from '../../../src-shared/commands.ts';
import type { MachineState } from '../../../src-shared/machines.ts';
import { createStreamClient, type StreamClient, type StreamSocket } from '../../../src-shared/stream-client.ts';
import { WS_CLOSE_UNAUTHORIZED, WS_TOKEN_CHANGED_REASON, type ConnectionState } from '../../../src-shared/stream.ts';
import { certificateChangedMessage, pinnedConnection, streamUrlOf } from './certificate-check.ts';
import type { MachineTokens } from './token-vault.ts';

export const RECONNECT_FIRST_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;
export const TOKEN_REFUSED_MESSAGE = 'the host refused the token: it may have been changed or rotated; forget the machine and connect again with the current one';

export interface RemoteTarget {
  name: string;
  url: string;
  /** The accepted (pinned) certificate fingerprint; null for http on loopback. */
  fingerprint: string | null;
}

/** The machine's state as the shell shows it, from the stream's connection state. Pure. */
export function machineStateOf(connection: ConnectionState): { state: MachineState; message: string | null } {
  const state: MachineState = connection.state === 'lost' ? 'unreachable' : connection.state;
  return { state, message: connection.message };
}

/** A stream to `target` authenticated with `token`, over `ws` with the certificate pinned. */
export function openMachineStream(target: RemoteTarget, token: string): StreamClient {
  let changed: string | null = null;
  const createConnection = pinnedConnection(target.fingerprint, (found) => (changed = certificateChangedMessage(target.name, found)));
  return createStreamClient({
    url: streamUrlOf(target.url),
    token,
    createSocket: (url) => {
      // `ws` calls it with one options object (its own tlsConnect's shape); the type names net's overloads.
      const socket = new WebSocket(url, { createConnection: createConnection as unknown as typeof net.createConnection, rejectUnauthorized: false, handshakeTimeout: 10_000 });
      // `ws` throws an 'error' nobody listens to; the close that follows says what happened.
      socket.on('error', () => undefined);
      return socket as unknown as StreamSocket;
    },
    now: () => Date.now(),
    schedule: (run, delayMs) => {
      const timer = setTimeout(run, delayMs);
      return () => clearTimeout(timer);
    },
    reconnect: { firstMs: RECONNECT_FIRST_MS, maxMs: RECONNECT_MAX_MS },
    refusal: ({ code, reason }) =>
      code !== WS_CLOSE_UNAUTHORIZED ? changed : reason === WS_TOKEN_CHANGED_REASON ? `the token of ${target.name} changed on the host: forget the machine and connect again with the new token` : TOKEN_REFUSED_MESSAGE,
    lostMessage: `the connection to ${target.name} was lost; reconnecting`,
    unreachableMessage: `${target.name} can't be reached; retrying`,
  });
}

/** The refusal of a desktop-only command for another machine, or null for a command its host answers. Pure. */
export function desktopOnlyRefusal(name: string, machineName: string): Failure | null {
  if (!DESKTOP_ONLY_COMMANDS.has(name as CommandName)) return null;
  return failure('UNSUPPORTED', `${name} works on this computer only: it would open windows, start programs or write files on ${machineName}`);
}

/** The stream's first state past `connecting` (now, if it is past it already). */
function firstAnswer(client: StreamClient): Promise<ConnectionState> {
  return new Promise((resolve) => {
    let off: (() => void) | null = null;
    let isDone = false;
    off = client.onConnection((connection) => {
      if (isDone || connection.state === 'connecting') return;
      isDone = true;
      off?.();
      resolve(connection);
    });
    if (isDone) off();
  });
}

export type StreamOpener = (target: RemoteTarget, token: string) => StreamClient;

export class RemoteConnection {
  readonly view: StreamClient;
  private control: StreamClient | null = null;
  private readonly target: RemoteTarget;
  private readonly tokens: MachineTokens;
  private readonly open: StreamOpener;

  constructor(target: RemoteTarget, tokens: MachineTokens, open: StreamOpener = openMachineStream) {
    this.target = target;
    this.tokens = tokens;
    this.open = open;
    this.view = open(target, tokens.token);
  }

  get state(): { state: MachineState; message: string | null } {
    return machineStateOf(this.view.connection);
  }

  /**
   * The first answer of the host: connected, or refused (token, certificate), or unreachable.
   * Resolves at the first state past `connecting`.
   */
  settled(): Promise<{ state: MachineState; message: string | null }> {
    return firstAnswer(this.view).then(machineStateOf);
  }

  /** A command for this machine: desktop-only ones are refused here; the rest go to its host. */
  command(name: CommandName, args: unknown): Promise<CommandResult> {
    const refusal = desktopOnlyRefusal(name, this.target.name);
    if (refusal) return Promise.resolve(refusal);
    if (this.tokens.controlToken === null) return this.view.command(name, args);
    if (!this.control) {
      this.control = this.open(this.target, this.tokens.controlToken);
      // Only for commands: no snapshots over it after the one the host sends with its welcome.
      this.control.setUpdateSpeed({ isPaused: true, intervalMs: 10_000 });
    }
    const control = this.control;
    if (control.connection.state === 'connected') return control.command(name, args);
    // Just opened (or reconnecting): wait for the host's first answer, then ask.
    return firstAnswer(control).then((connection) =>
      connection.state === 'connected'
        ? control.command(name, args)
        : failure(connection.state === 'refused' ? 'UNAUTHORIZED' : 'COLLECTOR_DOWN', `${this.target.name}: ${connection.message ?? 'not connected'}`),
    );
  }

  close(): void {
    this.view.close();
    this.control?.close();
  }
}
