import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CollectorStatus } from '../../../src-shared/collector-status.ts';
import { commandSchemas, failure, type CommandResult } from '../../../src-shared/commands.ts';
import type { PushMessage } from '../../../src-shared/ipc.ts';
import type { SavedMachine } from '../../../src-shared/machines.ts';
import { createStreamClient } from '../../../src-shared/stream-client.ts';
import { WS_CLOSE_UNAUTHORIZED, type ConnectionState } from '../../../src-shared/stream.ts';
import { FakeStreamSocket } from '../../../src-shared/testing/fake-stream-socket.ts';
import { processRow, snapshot } from '../../../src-shared/testing/fixtures.ts';
import type { CommandHandlers } from '../../control/command-handlers.ts';
import { PushPublisher } from '../push-port.ts';
import { machineStateOf, RemoteConnection, type RemoteTarget } from './remote-connection.ts';
import { ViewSwitch, windowTitleFor } from './view-source.ts';

const MACHINE: SavedMachine = { id: 'm1', name: 'build-server', url: 'https://build-server:8737', fingerprint: null, color: '#1f6fb2', hasControlToken: false };
const up: CollectorStatus = { state: 'up', restarts: 0, message: null, sinceMs: 1 };
const LOCAL = snapshot({ seq: 7, processes: [processRow({ pid: 1 })] });
const REMOTE = snapshot({ seq: 7, processes: [processRow({ pid: 4242 })] });

let sockets: { token: string; socket: FakeStreamSocket }[] = [];

/** Streams over fake sockets, with the tokens they were opened with. */
function open(_target: RemoteTarget, token: string) {
  return createStreamClient({
    url: 'wss://build-server:8737/api/stream',
    token,
    createSocket: (url) => {
      const socket = new FakeStreamSocket(url);
      sockets.push({ token, socket });
      return socket;
    },
    now: () => 0,
    schedule: (run, delayMs) => {
      const timer = setTimeout(run, delayMs);
      return () => clearTimeout(timer);
    },
    reconnect: { firstMs: 1000, maxMs: 30_000 },
    refusal: ({ code }) => (code === WS_CLOSE_UNAUTHORIZED ? 'refused' : null),
    lostMessage: 'lost',
    unreachableMessage: 'unreachable',
  });
}

function setup() {
  const publisher = new PushPublisher();
  const pushed: PushMessage[] = [];
  publisher.attach(1, { postMessage: (message) => pushed.push(message), close: () => undefined });
  const local = Object.fromEntries(Object.keys(commandSchemas).map((name) => [name, async () => failure('INTERNAL', `local ${name}`)])) as unknown as CommandHandlers;
  const onChange = vi.fn();
  const view = new ViewSwitch(
    publisher,
    { handlers: local, answerQuery: async () => failure('INTERNAL', 'local query'), latest: () => LOCAL, status: () => up, retainedBroadcasts: () => [] },
    onChange,
  );
  return { view, pushed, onChange };
}

/** The fake host answers `auth`: status, then a whole snapshot. */
function accept(socket: FakeStreamSocket, whole = REMOTE): void {
  socket.open();
  socket.receive({ type: 'status', status: up });
  socket.receive({ type: 'snapshot', snapshot: whole });
}

beforeEach(() => {
  sockets = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('ViewSwitch', () => {
  it.each<[string, { name: string } | null, string]>([
    ['this computer', null, 'Task Manager'],
    ['another machine', { name: 'build-server' }, 'Task Manager — build-server'],
  ])('the window title for %s', (_name, shown, title) => {
    expect(windowTitleFor(shown)).toBe(title);
  });

  it('while a machine is shown, this computer’s snapshots, status and broadcasts never reach the page; its own come whole first', () => {
    const { view, pushed } = setup();
    view.localSnapshot(LOCAL, null);
    view.show(MACHINE, new RemoteConnection(MACHINE, { token: 'view-token-0123456789', controlToken: null }, open));
    const afterSwitch = pushed.length;
    view.localSnapshot(snapshot({ seq: 8, processes: [processRow({ pid: 1 })] }), null);
    view.localStatus({ ...up, state: 'down' });
    view.localBroadcast({ type: 'historyStatus', status: { state: 'recording', message: null } } as never);
    expect(pushed.length).toBe(afterSwitch);
    // Same seq as the local one the page holds: still a whole snapshot, never a delta across machines.
    accept(sockets[0]!.socket);
    expect(pushed.slice(afterSwitch).map((message) => message.type)).toEqual(['status', 'snapshot']);
    expect(pushed.at(-1)).toMatchObject({ type: 'snapshot', snapshot: { processes: [{ pid: 4242 }] } });
  });

  it('back to this computer: the shell state first (the page resets on it), then its latest snapshot at once, whole, and the remote stream closed', () => {
    const { view, pushed, onChange } = setup();
    view.show(MACHINE, new RemoteConnection(MACHINE, { token: 'view-token-0123456789', controlToken: null }, open));
    accept(sockets[0]!.socket);
    let pushedWhenChanged = -1;
    onChange.mockImplementation(() => (pushedWhenChanged = pushed.length));
    const before = pushed.length;
    view.showLocal();
    expect(pushedWhenChanged).toBe(before);
    expect(pushed.slice(-2)).toEqual([
      { type: 'status', status: up },
      { type: 'snapshot', snapshot: LOCAL },
    ]);
    expect(sockets[0]!.socket.closedWith?.code).toBe(1000);
    expect(view.shown).toBeNull();
  });

  it('follows the connection: connected, unreachable (then a whole snapshot again), refused', () => {
    const { view, pushed, onChange } = setup();
    view.show(MACHINE, new RemoteConnection(MACHINE, { token: 'view-token-0123456789', controlToken: null }, open));
    expect(view.shown).toMatchObject({ id: 'm1', state: 'connecting' });
    accept(sockets[0]!.socket);
    expect(view.shown).toMatchObject({ state: 'connected', message: null });
    sockets[0]!.socket.drop(1006);
    expect(view.shown).toMatchObject({ state: 'unreachable', message: 'lost' });
    vi.advanceTimersByTime(1000);
    const before = pushed.length;
    accept(sockets[1]!.socket, snapshot({ seq: 8, processes: [processRow({ pid: 4242 })] }));
    expect(pushed.slice(before).find((message) => message.type === 'snapshot' || message.type === 'delta')?.type).toBe('snapshot');
    sockets[1]!.socket.drop(WS_CLOSE_UNAUTHORIZED);
    expect(view.shown).toMatchObject({ state: 'refused', message: 'refused' });
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(2); // no retry after a refusal
    expect(onChange).toHaveBeenCalled();
  });

  it('routes commands: this computer’s handlers, or the host; the update speed becomes the stream’s view', async () => {
    const { view } = setup();
    expect(await view.handlers.suspend({ pid: 5, startTimeMs: 1 })).toEqual(failure('INTERNAL', 'local suspend'));
    view.show(MACHINE, new RemoteConnection(MACHINE, { token: 'view-token-0123456789', controlToken: null }, open));
    const socket = sockets[0]!.socket;
    accept(socket);
    const answer = view.handlers.suspend({ pid: 5, startTimeMs: 1 });
    expect(socket.sent.at(-1)).toMatchObject({ type: 'command', name: 'suspend', args: { pid: 5, startTimeMs: 1 } });
    const result: CommandResult = { ok: false, code: 'CONTROL_DISABLED', message: 'only views' };
    socket.receive({ type: 'result', id: 1, result });
    expect(await answer).toEqual(result);
    expect(await view.handlers.setCollectorSettings({ isPaused: true })).toEqual({ ok: true });
    expect(socket.sent.at(-1)).toEqual({ type: 'view', cadence: { isPaused: true, intervalMs: 1000 } });
    expect(await view.handlers.runNewTask({ commandLine: 'calc' })).toMatchObject({ ok: false, code: 'UNSUPPORTED', message: expect.stringContaining('on build-server') });
  });
});

describe('RemoteConnection', () => {
  it('sends commands over a connection opened with the control token when one is kept; views with the view token', async () => {
    const connection = new RemoteConnection(MACHINE, { token: 'view-token-0123456789', controlToken: 'control-token-0123456789' }, open);
    accept(sockets[0]!.socket);
    expect(sockets.map(({ token }) => token)).toEqual(['view-token-0123456789']);
    const answer = connection.command('kill', { pid: 5, startTimeMs: 1 });
    expect(sockets.map(({ token }) => token)).toEqual(['view-token-0123456789', 'control-token-0123456789']);
    const control = sockets[1]!.socket;
    accept(control);
    await Promise.resolve(); // the command goes once the host welcomed the control connection
    expect(control.sent).toEqual([
      { type: 'auth', token: 'control-token-0123456789' },
      // Only for commands: it asks for no snapshots.
      { type: 'view', cadence: { isPaused: true, intervalMs: 10_000 } },
      { type: 'command', id: 1, name: 'kill', args: { pid: 5, startTimeMs: 1 } },
    ]);
    control.receive({ type: 'result', id: 1, result: { ok: true } });
    expect(await answer).toEqual({ ok: true });
    expect(sockets[0]!.socket.sent).toEqual([{ type: 'auth', token: 'view-token-0123456789' }]);
    connection.close();
    expect(control.closedWith?.code).toBe(1000);
  });

  it('a control token the host refuses answers UNAUTHORIZED in words', async () => {
    const connection = new RemoteConnection(MACHINE, { token: 'view-token-0123456789', controlToken: 'control-token-0123456789' }, open);
    accept(sockets[0]!.socket);
    const answer = connection.command('kill', { pid: 5, startTimeMs: 1 });
    sockets[1]!.socket.open();
    sockets[1]!.socket.drop(WS_CLOSE_UNAUTHORIZED);
    expect(await answer).toEqual({ ok: false, code: 'UNAUTHORIZED', message: 'build-server: refused' });
  });

  it.each<[ConnectionState['state'], string]>([
    ['connecting', 'connecting'],
    ['connected', 'connected'],
    ['lost', 'unreachable'],
    ['refused', 'refused'],
  ])('the stream’s %s is the machine’s %s', (state, expected) => {
    expect(machineStateOf({ state, message: 'why', sinceMs: 0 })).toEqual({ state: expected, message: 'why' });
  });
});
