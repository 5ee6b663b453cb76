import { describe, expect, it } from 'vitest';
import type { CollectorStatus } from '../../src-shared/collector-status.ts';
import { processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import type { HostToCollector } from '../collector/protocol.ts';
import { CollectorSupervisor } from '../core/collector-supervisor.ts';
import { FakeTimers } from '../test-support/fake-timers.ts';
import { PushPublisher } from './push-port.ts';
import { utilityCollectorLauncher, type ForkUtility, type UtilityChild } from './utility-collector-launcher.ts';

/** A utilityProcess child as the fake fork hands it out: the test plays the collector. */
class FakeChild {
  pid: number | undefined = undefined;
  readonly received: unknown[] = [];
  kills = 0;
  private readonly listeners: Record<string, ((...args: never[]) => void)[]> = {};
  on(event: string, listener: (...args: never[]) => void): this {
    (this.listeners[event] ??= []).push(listener);
    return this;
  }
  postMessage(message: unknown): void {
    this.received.push(message);
  }
  kill(): boolean {
    this.kills += 1;
    return true;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners[event] ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}

function setup() {
  const children: FakeChild[] = [];
  const forks: { modulePath: string; serviceName: string; execArgv: string[] }[] = [];
  const fork: ForkUtility = (modulePath, _args, options) => {
    const child = new FakeChild();
    children.push(child);
    forks.push({ modulePath, serviceName: options.serviceName, execArgv: options.execArgv });
    return child as unknown as UtilityChild;
  };
  const timers = new FakeTimers(1_000_000);
  const supervisor = new CollectorSupervisor({
    launch: utilityCollectorLauncher(fork, '/app/dist/collector/collector-process.js'),
    start: { intervalMs: 1000, isPaused: false, hostPids: [1], includeLoopback: false },
    initialBackoffMs: 500,
    maxBackoffMs: 4_000,
    timers,
  });
  const publisher = new PushPublisher();
  const pushed: CollectorStatus[] = [];
  publisher.attach(1, { postMessage: (m) => m.type === 'status' && pushed.push(m.status), close: () => undefined });
  supervisor.onStatus((status) => publisher.publishStatus(status));
  return { supervisor, children, forks, timers, pushed };
}

describe('the collector in a utilityProcess, supervised', () => {
  it('forks the bundled entry and sends it the start options', () => {
    const { supervisor, children, forks } = setup();
    supervisor.start();
    expect(forks).toEqual([{ modulePath: '/app/dist/collector/collector-process.js', serviceName: 'Task Manager collector', execArgv: ['--max-semi-space-size=1'] }]);
    expect((children[0]?.received[0] as HostToCollector).type).toBe('start');
  });

  it('restarts a collector that exits, with doubling backoff, and pushes each status to the page', () => {
    const { supervisor, children, timers, pushed } = setup();
    supervisor.start();
    children[0]?.emit('message', { type: 'snapshot', snapshot: snapshot({ seq: 1, processes: [processRow()] }) });
    expect(supervisor.status.state).toBe('up');

    children[0]?.emit('error', 'FatalError', 'koffi.node');
    children[0]?.emit('exit', 134);
    expect(supervisor.status).toMatchObject({ state: 'down', message: 'the collector crashed (FatalError at koffi.node)' });
    timers.advance(499);
    expect(children).toHaveLength(1);
    timers.advance(1);
    expect(children).toHaveLength(2);

    children[1]?.emit('exit', 1);
    timers.advance(999);
    expect(children).toHaveLength(2);
    timers.advance(1);
    expect(children).toHaveLength(3);
    expect(supervisor.status.restarts).toBe(2);
    expect(pushed.map((status) => status.state)).toEqual(['starting', 'up', 'down', 'starting', 'down', 'starting']);
    expect(pushed[4]?.message).toBe('the collector exited with code 1');
  });

  it('ignores messages that are not of the protocol, and sends nothing to an exited child', () => {
    const { supervisor, children } = setup();
    supervisor.start();
    children[0]?.emit('message', { type: 'snapshot-ish' });
    children[0]?.emit('message', 'hello');
    expect(supervisor.latest).toBeNull();
    const child = children[0];
    child?.emit('exit', 0);
    const before = child?.received.length;
    supervisor.configure({ intervalMs: 500 });
    expect(child?.received.length).toBe(before);
    expect(child?.kills).toBe(0);
  });

  it('reads the pid when asked (a utility process has none until it spawned)', () => {
    const { supervisor, children } = setup();
    supervisor.start();
    expect(supervisor.collectorPid).toBeUndefined();
    const child = children[0];
    if (child) child.pid = 4321;
    expect(supervisor.collectorPid).toBe(4321);
  });
});
