/**
 * The preload's `TaskManagerApi`: named functions only (never `ipcRenderer`, a generic send, or an
 * IPC event object). Commands go to main with `ipcRenderer.invoke` on the contract's channels;
 * pushes arrive on the MessagePort main hands over after `PORT_REQUEST_CHANNEL`, and are given to
 * the page's listeners as plain values. Electron's `ipcRenderer` is injected, so this is tested in
 * Node; `preload.ts` binds it and exposes the result through `contextBridge`.
 */
import type { TaskManagerApi, Unsubscribe } from '../src-shared/api.ts';
import type { CollectorStatus } from '../src-shared/collector-status.ts';
import type { CommandArgs, CommandName, CommandResult } from '../src-shared/commands.ts';
import { BroadcastFeed } from '../src-shared/broadcast-feed.ts';
import { PORT_CHANNEL, PORT_REQUEST_CHANNEL, QUERY_CHANNEL, invokeChannel, type InvokeName, type PushMessage } from '../src-shared/ipc.ts';
import type { Query, QueryKind, QueryResult } from '../src-shared/query.ts';
import type { ShellCommandArgs, ShellCommandName, ShellResults, ShellState } from '../src-shared/shell.ts';
import { SnapshotFeed } from '../src-shared/snapshot-feed.ts';
import type { ConnectionState } from '../src-shared/stream.ts';

/** The parts of `ipcRenderer` used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: { ports: readonly MessagePort[] }, ...args: unknown[]) => void): unknown;
}

export function createPreloadApi(ipc: IpcRendererLike): TaskManagerApi {
  let status: CollectorStatus | null = null;
  let shell: ShellState | null = null;
  let port: MessagePort | null = null;
  const snapshots = new SnapshotFeed();
  const broadcasts = new BroadcastFeed();
  const statusListeners = new Set<(value: CollectorStatus) => void>();
  const shellListeners = new Set<(value: ShellState) => void>();

  const emit = <T>(listeners: ReadonlySet<(value: T) => void>, value: T) => {
    for (const listener of listeners) listener(value);
  };
  const onPush = (message: PushMessage) => {
    switch (message.type) {
      case 'snapshot':
      case 'delta':
        // Main sends a delta only against the snapshot this port last received; the page gets it
        // as a delta too, so only the change crosses contextBridge each tick.
        snapshots.receive(message);
        return;
      case 'status':
        status = message.status;
        emit(statusListeners, status);
        return;
      case 'shell':
        shell = message.state;
        emit(shellListeners, shell);
        return;
      case 'broadcast':
        broadcasts.receive(message.broadcast);
        return;
    }
  };

  ipc.on(PORT_CHANNEL, (event) => {
    const received = event.ports[0];
    if (!received) return;
    port?.close();
    port = received;
    received.onmessage = (messageEvent) => {
      if (isPushMessage(messageEvent.data)) onPush(messageEvent.data);
    };
    received.start();
  });
  ipc.send(PORT_REQUEST_CHANNEL);

  const subscribe = <T>(listeners: Set<(value: T) => void>, listener: (value: T) => void, current: T | null): Unsubscribe => {
    listeners.add(listener);
    if (current !== null) listener(current);
    return () => {
      listeners.delete(listener);
    };
  };
  // Main answers every invoke with its result value (ipc.ts never throws back).
  const invoke =
    <N extends InvokeName>(name: N) =>
    (args: ArgsOf<N>): Promise<ResultOf<N>> =>
      ipc.invoke(invokeChannel(name), args) as Promise<ResultOf<N>>;

  return {
    onSnapshotMessage: (listener) => snapshots.subscribe(listener),
    onStatus: (listener) => subscribe(statusListeners, listener, status),
    // The desktop app's page and its main process live and die together: always connected.
    onConnection: (listener) => subscribe(new Set<(value: ConnectionState) => void>(), listener, CONNECTED),
    // One user, one window: the page's update speed is the app's sampling rate (main remembers it).
    setUpdateSpeed: (cadence) => invoke('setCollectorSettings')(cadence),
    // Main parses the query (querySchema) and answers every invoke with a result value.
    query: <K extends QueryKind>(query: Extract<Query, { kind: K }>) => ipc.invoke(QUERY_CHANNEL, query) as Promise<QueryResult<K>>,
    onBroadcast: (listener) => broadcasts.subscribe(listener),
    onShellState: (listener) => subscribe(shellListeners, listener, shell),
    kill: invoke('kill'),
    killTree: invoke('killTree'),
    killApp: invoke('killApp'),
    suspend: invoke('suspend'),
    resume: invoke('resume'),
    setPriority: invoke('setPriority'),
    setAffinity: invoke('setAffinity'),
    setEfficiencyMode: invoke('setEfficiencyMode'),
    openFileLocation: invoke('openFileLocation'),
    openProperties: invoke('openProperties'),
    createDumpFile: invoke('createDumpFile'),
    runNewTask: invoke('runNewTask'),
    restartExplorer: invoke('restartExplorer'),
    setCollectorSettings: invoke('setCollectorSettings'),
    deleteHistory: invoke('deleteHistory'),
    setHistorySettings: invoke('setHistorySettings'),
    putRule: invoke('putRule'),
    deleteRule: invoke('deleteRule'),
    keepSuspended: invoke('keepSuspended'),
    enableStartup: invoke('enableStartup'),
    disableStartup: invoke('disableStartup'),
    openStartupLocation: invoke('openStartupLocation'),
    openStartupProperties: invoke('openStartupProperties'),
    startService: invoke('startService'),
    stopService: invoke('stopService'),
    restartService: invoke('restartService'),
    setShellSettings: invoke('setShellSettings'),
    restartAsAdministrator: invoke('restartAsAdministrator'),
    openWindowsTaskManager: invoke('openWindowsTaskManager'),
    getProcessIcon: invoke('getProcessIcon'),
    probeMachine: invoke('probeMachine'),
    connectMachine: invoke('connectMachine'),
    showMachine: invoke('showMachine'),
    forgetMachine: invoke('forgetMachine'),
  };
}

type ResultOf<N extends InvokeName> = N extends ShellCommandName ? ShellResults[N] : CommandResult;
type ArgsOf<N extends InvokeName> = N extends CommandName ? CommandArgs<N> : N extends ShellCommandName ? ShellCommandArgs<N> : never;

const CONNECTED: ConnectionState = { state: 'connected', message: null, sinceMs: Date.now() };

const PUSH_TYPES: ReadonlySet<string> = new Set(['snapshot', 'delta', 'status', 'shell', 'broadcast']);

function isPushMessage(value: unknown): value is PushMessage {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string' && PUSH_TYPES.has(value.type);
}
