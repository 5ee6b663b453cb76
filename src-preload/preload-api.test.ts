import { describe, expect, it } from 'vitest';
import type { CollectorStatus } from '../src-shared/collector-status.ts';
import { invokeChannel, PORT_CHANNEL, PORT_REQUEST_CHANNEL, QUERY_CHANNEL, type PushMessage } from '../src-shared/ipc.ts';
import type { Broadcast } from '../src-shared/query.ts';
import { BROWSER_SHELL_STATE, type ShellState } from '../src-shared/shell.ts';
import type { Snapshot } from '../src-shared/snapshot.ts';
import { computeDelta } from '../src-shared/stream.ts';
import { onAssembledSnapshot } from '../src-shared/testing/assembled-snapshots.ts';
import { processRow, snapshot } from '../src-shared/testing/fixtures.ts';
import { inventoryFixture } from '../src-shared/testing/inventory-fixture.ts';
import { createPreloadApi, type IpcRendererLike } from './preload-api.ts';

class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  readonly sent: string[] = [];
  /** What main answers every invoke with. */
  answer: unknown = { ok: true };
  private portListener: ((event: { ports: readonly MessagePort[] }) => void) | null = null;
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.answer;
  }
  send(channel: string): void {
    this.sent.push(channel);
  }
  on(channel: string, listener: (event: { ports: readonly MessagePort[] }) => void): void {
    if (channel === PORT_CHANNEL) this.portListener = listener;
  }
  /** Main's answer to the port request: returns the end main keeps. */
  givePort(): MessagePort {
    const channel = new MessageChannel();
    this.portListener?.({ ports: [channel.port2] });
    return channel.port1;
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
const up: CollectorStatus = { state: 'up', restarts: 0, message: null, sinceMs: 1 };

describe('createPreloadApi', () => {
  it('asks main for a push port once, at load', () => {
    const ipc = new FakeIpcRenderer();
    createPreloadApi(ipc);
    expect(ipc.sent).toEqual([PORT_REQUEST_CHANNEL]);
  });

  it('passes the page a whole snapshot and then the deltas, which rebuild every snapshot', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    const port = ipc.givePort();
    const received: Snapshot[] = [];
    const types: string[] = [];
    api.onSnapshotMessage((message) => types.push(message.type));
    onAssembledSnapshot(api, (value) => received.push(value));
    const first = snapshot({ seq: 1, processes: [processRow({ pid: 10 }), processRow({ pid: 11 })] });
    const second = snapshot({ seq: 2, processes: [processRow({ pid: 10, cpuPercent: 42 }), processRow({ pid: 12 })] });
    const messages: PushMessage[] = [
      { type: 'snapshot', snapshot: first },
      { type: 'delta', delta: computeDelta(first, second) },
    ];
    for (const message of messages) port.postMessage(message);
    await tick();
    expect(received.map((value) => value.seq)).toEqual([1, 2]);
    // Only the change crosses into the page each tick, and unchanged rows stay the same objects.
    expect(types).toEqual(['snapshot', 'delta']);
    expect(received[1]?.processes.map((row) => [row.pid, row.cpuPercent])).toEqual([
      [10, 42],
      [12, second.processes[1]?.cpuPercent],
    ]);
    port.close();
  });

  it('gives a late listener the latest value at once, and ignores what is not a push message', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    const port = ipc.givePort();
    const shell: ShellState = { ...BROWSER_SHELL_STATE, isDesktopApp: true, isElevated: false };
    port.postMessage({ type: 'status', status: up });
    port.postMessage({ type: 'shell', state: shell });
    port.postMessage({ type: 'eval', code: 'alert(1)' });
    port.postMessage('snapshot');
    await tick();
    const statuses: CollectorStatus[] = [];
    const shells: ShellState[] = [];
    api.onStatus((value) => statuses.push(value));
    const off = api.onShellState((value) => shells.push(value));
    expect(statuses).toEqual([up]);
    expect(shells).toEqual([shell]);
    off();
    port.postMessage({ type: 'shell', state: { ...shell, isElevated: true } });
    await tick();
    expect(shells).toHaveLength(1);
    port.close();
  });

  it('sends each command on its own channel with its argument', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    await api.kill({ pid: 5, startTimeMs: 6, force: true });
    await api.setShellSettings({ isAlwaysOnTop: true });
    await api.openWindowsTaskManager({});
    expect(ipc.invoked).toEqual([
      { channel: invokeChannel('kill'), args: [{ pid: 5, startTimeMs: 6, force: true }] },
      { channel: invokeChannel('setShellSettings'), args: [{ isAlwaysOnTop: true }] },
      { channel: invokeChannel('openWindowsTaskManager'), args: [{}] },
    ]);
  });

  it('sends the update speed as the app’s sampling rate, and is always connected', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    await api.setUpdateSpeed({ isPaused: false, intervalMs: 4000 });
    expect(ipc.invoked).toEqual([{ channel: invokeChannel('setCollectorSettings'), args: [{ isPaused: false, intervalMs: 4000 }] }]);
    const states: string[] = [];
    api.onConnection((c) => states.push(c.state));
    expect(states).toEqual(['connected']);
  });

  it('sends a query on the query channel, one argument, and gives back main’s answer', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    ipc.answer = { ok: true, kind: 'recentSeries', value: { spanMs: 300_000, points: [] } };
    expect(await api.query({ kind: 'recentSeries' })).toEqual(ipc.answer);
    expect(ipc.invoked).toEqual([{ channel: QUERY_CHANNEL, args: [{ kind: 'recentSeries' }] }]);
  });

  it('passes broadcasts from the port to the page, and gives a late listener the latest inventory', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc);
    const port = ipc.givePort();
    const early: Broadcast[] = [];
    api.onBroadcast((b) => early.push(b));
    const first: Broadcast = { type: 'inventory', inventory: inventoryFixture({ bootId: 'first' }) };
    const second: Broadcast = { type: 'inventory', inventory: inventoryFixture({ bootId: 'second' }) };
    port.postMessage({ type: 'broadcast', broadcast: first } satisfies PushMessage);
    port.postMessage({ type: 'broadcast', broadcast: second } satisfies PushMessage);
    await tick();
    expect(early).toEqual([first, second]);
    const late: Broadcast[] = [];
    api.onBroadcast((b) => late.push(b));
    expect(late).toEqual([second]);
    port.close();
  });

  it('exposes only functions: no ipcRenderer, no channel names, no generic send', () => {
    const api = createPreloadApi(new FakeIpcRenderer()) as unknown as Record<string, unknown>;
    for (const [name, value] of Object.entries(api)) expect(typeof value, name).toBe('function');
    expect(Object.keys(api)).not.toContain('send');
    expect(Object.keys(api)).not.toContain('invoke');
    expect(Object.keys(api)).not.toContain('ipcRenderer');
  });
});
