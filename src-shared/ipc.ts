/**
 * The Electron IPC channels, one map both sides import (GitHub Desktop's pattern), so a channel
 * can't drift. The page never sees these names: the preload exposes named functions only.
 *
 * - Commands: `ipcRenderer.invoke(invokeChannel(name), args)`; main checks the sender and parses
 *   `args` with the command's schema before anything runs.
 * - Pushes: the preload asks for a `MessagePort` (`PORT_REQUEST_CHANNEL`) once per page load; main
 *   answers on `PORT_CHANNEL` with one end of a `MessageChannelMain` and sends `PushMessage`s
 *   over it. Main never reads from that port.
 */
import type { CollectorStatus } from './collector-status.ts';
import type { CommandName } from './commands.ts';
import type { Broadcast } from './query.ts';
import type { ShellCommandName, ShellState } from './shell.ts';
import type { SnapshotMessage } from './stream.ts';

export type InvokeName = CommandName | ShellCommandName;

const INVOKE_PREFIX = 'taskmgr:invoke:';

/** The channel of one command. */
export function invokeChannel(name: InvokeName): string {
  return `${INVOKE_PREFIX}${name}`;
}

/** The command a channel names, or null for any other channel. */
export function invokeNameOf(channel: string): string | null {
  return channel.startsWith(INVOKE_PREFIX) ? channel.slice(INVOKE_PREFIX.length) : null;
}

/** Preload → main: a query (query.ts), answered once; main parses it with `querySchema`. */
export const QUERY_CHANNEL = 'taskmgr:query';

/** Preload → main: "send me a push port" (on every page load). */
export const PORT_REQUEST_CHANNEL = 'taskmgr:port-request';
/** Main → preload: the port, in `event.ports[0]`. */
export const PORT_CHANNEL = 'taskmgr:port';

/**
 * What main pushes over the port. A `delta` applies to the last snapshot received (`baseSeq`);
 * a whole `snapshot` comes first, after a collector restart, and whenever a delta can't apply.
 */
export type PushMessage =
  | SnapshotMessage
  | { readonly type: 'status'; readonly status: CollectorStatus }
  | { readonly type: 'shell'; readonly state: ShellState }
  | { readonly type: 'broadcast'; readonly broadcast: Broadcast };
