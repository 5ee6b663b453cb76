import { describe, expect, it } from 'vitest';
import type { CollectorStatus } from '../../src-shared/collector-status.ts';
import { snapshotSchema, type Snapshot } from '../../src-shared/snapshot.ts';
import type { SnapshotDelta } from '../../src-shared/stream.ts';
import { FIXTURE_TIME_MS, processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import type { CollectorStartOptions, CollectorToHost, ErrorData, HostToCollector } from '../collector/protocol.ts';
import { FakeTimers as SharedFakeTimers } from '../test-support/fake-timers.ts';
import { SnapshotSender } from '../collector/snapshot-sender.ts';
import { CollectorSupervisor, type CollectorHandle, type SupervisorOptions, type SupervisorTimers } from './collector-supervisor.ts';

/** The smallest valid snapshot: one process, no devices. */
function makeSnapshot(seq: number, pid = 4242): Snapshot {
  return snapshot({ seq, takenAtMs: FIXTURE_TIME_MS + seq * 1000, processes: [processRow({ pid, name: 'collector' })] });
}

class FakeTimers extends SharedFakeTimers implements SupervisorTimers {
  constructor() {
    super(1_000_000);
  }
}

class FakeHandle implements CollectorHandle {
  readonly pid: number;
  readonly sent: HostToCollector[] = [];
  kills = 0;
  private readonly messageListeners: ((message: CollectorToHost) => void)[] = [];
  private readonly exitListeners: ((reason: string) => void)[] = [];
  private exitReason: string | null = null;

  constructor(pid: number) {
    this.pid = pid;
  }

  send(message: HostToCollector): void {
    this.sent.push(message);
  }

  kill(): void {
    this.kills += 1;
  }

  onMessage(listener: (message: CollectorToHost) => void): void {
    this.messageListeners.push(listener);
  }

  onExit(listener: (reason: string) => void): void {
    if (this.exitReason !== null) listener(this.exitReason);
    else this.exitListeners.push(listener);
  }

  /** The collector sends a message to its host. */
  emit(message: CollectorToHost): void {
    for (const listener of this.messageListeners) listener(message);
  }

  snapshot(seq: number): Snapshot {
    const snapshot = makeSnapshot(seq, this.pid);
    this.emit({ type: 'snapshot', snapshot });
    return snapshot;
  }

  /** The process exits (once). */
  exit(reason: string): void {
    if (this.exitReason !== null) return;
    this.exitReason = reason;
    for (const listener of this.exitListeners) listener(reason);
  }
}

const START: CollectorStartOptions = { intervalMs: 1000, isPaused: false, hostPids: [100, 101], includeLoopback: false };

interface Harness {
  supervisor: CollectorSupervisor;
  timers: FakeTimers;
  handles: FakeHandle[];
  statuses: CollectorStatus[];
  snapshots: Snapshot[];
  /** The delta each snapshot came as (null: whole). */
  deltas: (SnapshotDelta | null)[];
  sampleFailures: ErrorData[];
  /** The most recently launched collector. */
  last(): FakeHandle;
  /** Makes the next launches throw, until set back to null. */
  failLaunchWith: { error: Error | null };
}

function setup(overrides: Partial<SupervisorOptions> = {}): Harness {
  const timers = new FakeTimers();
  const handles: FakeHandle[] = [];
  const statuses: CollectorStatus[] = [];
  const snapshots: Snapshot[] = [];
  const sampleFailures: ErrorData[] = [];
  const failLaunchWith: { error: Error | null } = { error: null };
  const supervisor = new CollectorSupervisor({
    launch: () => {
      if (failLaunchWith.error) throw failLaunchWith.error;
      const handle = new FakeHandle(5000 + handles.length);
      handles.push(handle);
      return handle;
    },
    start: START,
    timers,
    stallTimeoutMs: 60_000,
    onSampleFailed: (error) => sampleFailures.push(error),
    ...overrides,
  });
  supervisor.onStatus((status) => statuses.push(status));
  const deltas: (SnapshotDelta | null)[] = [];
  supervisor.onSnapshot((snapshot, delta) => {
    snapshots.push(snapshot);
    deltas.push(delta);
  });
  return {
    supervisor,
    timers,
    handles,
    statuses,
    snapshots,
    deltas,
    sampleFailures,
    failLaunchWith,
    last: () => {
      const handle = handles.at(-1);
      if (!handle) throw new Error('nothing was launched');
      return handle;
    },
  };
}

/** Lets each collector exit at once after its launch, and records the delay before each relaunch. */
function relaunchDelays(h: Harness, failures: number): number[] {
  const delays: number[] = [];
  for (let i = 0; i < failures; i++) {
    const launched = h.handles.length;
    h.last().exit('the collector exited with code 1');
    const downAtMs = h.timers.now();
    while (h.handles.length === launched) h.timers.advance(50);
    delays.push(h.timers.now() - downAtMs);
  }
  return delays;
}

describe('the minimal snapshot of these tests', () => {
  it('is a valid snapshot', () => {
    expect(snapshotSchema.safeParse(makeSnapshot(1)).success).toBe(true);
  });
});

describe('CollectorSupervisor', () => {
  it('starts in "stopped" and launches nothing until start()', () => {
    const h = setup();
    expect(h.supervisor.status.state).toBe('stopped');
    expect(h.handles).toHaveLength(0);
    expect(h.supervisor.collectorPid).toBeUndefined();
  });

  it('sends `start` with the options and reports "starting"', () => {
    const h = setup();
    h.supervisor.start();
    expect(h.handles).toHaveLength(1);
    expect(h.last().sent).toEqual([{ type: 'start', options: START }]);
    expect(h.supervisor.status).toMatchObject({ state: 'starting', restarts: 0, message: null });
    expect(h.supervisor.collectorPid).toBe(5000);
    expect(h.supervisor.latest).toBeNull();
  });

  it('goes up on the first snapshot, hands snapshots to listeners and keeps the latest', () => {
    const h = setup();
    h.supervisor.start();
    h.last().emit({ type: 'ready', pid: 5000 });
    expect(h.supervisor.status.state).toBe('starting');
    const first = h.last().snapshot(1);
    expect(h.supervisor.status).toMatchObject({ state: 'up', message: null, sinceMs: h.timers.now() });
    expect(h.supervisor.latest).toBe(first);
    h.timers.advance(1000);
    const second = h.last().snapshot(2);
    expect(h.snapshots).toEqual([first, second]);
    expect(h.supervisor.latest).toBe(second);
    // One status event per change, not one per snapshot.
    expect(h.statuses.map((status) => status.state)).toEqual(['starting', 'up']);
  });

  it('stops handing snapshots to a listener that unsubscribed', () => {
    const h = setup();
    const seen: number[] = [];
    const unsubscribe = h.supervisor.onSnapshot((snapshot) => seen.push(snapshot.seq));
    h.supervisor.start();
    h.last().snapshot(1);
    unsubscribe();
    h.last().snapshot(2);
    expect(seen).toEqual([1]);
  });

  it('reports "down" with the reason when the collector exits, forgets the latest snapshot, and relaunches after the backoff', () => {
    const h = setup();
    h.supervisor.start();
    h.last().snapshot(1);
    h.last().exit('the collector was ended by SIGKILL');
    expect(h.supervisor.status).toMatchObject({ state: 'down', message: 'the collector was ended by SIGKILL', restarts: 0 });
    expect(h.supervisor.latest).toBeNull();
    expect(h.supervisor.collectorPid).toBeUndefined();

    h.timers.advance(499);
    expect(h.handles).toHaveLength(1);
    h.timers.advance(1);
    expect(h.handles).toHaveLength(2);
    expect(h.last().sent).toEqual([{ type: 'start', options: START }]);
    expect(h.supervisor.status).toMatchObject({ state: 'starting', restarts: 1 });
    expect(h.supervisor.collectorPid).toBe(5001);

    const fresh = h.last().snapshot(1);
    expect(h.supervisor.status).toMatchObject({ state: 'up', restarts: 1, message: null });
    expect(h.supervisor.latest).toBe(fresh);
    expect(h.statuses.map((status) => status.state)).toEqual(['starting', 'up', 'down', 'starting', 'up']);
  });

  it('doubles the backoff per consecutive failure, from 500 ms up to maxBackoffMs', () => {
    const h = setup({ maxBackoffMs: 5000 });
    h.supervisor.start();
    expect(relaunchDelays(h, 6)).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('uses initialBackoffMs as the first delay', () => {
    const h = setup({ initialBackoffMs: 200, maxBackoffMs: 1000 });
    h.supervisor.start();
    expect(relaunchDelays(h, 4)).toEqual([200, 400, 800, 1000]);
  });

  it('resets the backoff after a healthy run of healthyAfterMs', () => {
    const h = setup({ healthyAfterMs: 10_000 });
    h.supervisor.start();
    expect(relaunchDelays(h, 3)).toEqual([500, 1000, 2000]);
    // This run delivers snapshots for 10 s: it was healthy, so the next failure starts over.
    for (let seq = 1; seq <= 10; seq++) {
      h.timers.advance(1000);
      h.last().snapshot(seq);
    }
    expect(relaunchDelays(h, 2)).toEqual([500, 1000]);
  });

  it('does not reset the backoff after a run shorter than healthyAfterMs', () => {
    const h = setup({ healthyAfterMs: 10_000 });
    h.supervisor.start();
    expect(relaunchDelays(h, 2)).toEqual([500, 1000]);
    for (let seq = 1; seq <= 9; seq++) {
      h.timers.advance(1000);
      h.last().snapshot(seq);
    }
    expect(relaunchDelays(h, 1)).toEqual([2000]);
  });

  it('reports "down" when the launcher throws, and tries again after the backoff', () => {
    const h = setup();
    h.failLaunchWith.error = new Error('spawn ENOENT');
    h.supervisor.start();
    expect(h.supervisor.status.state).toBe('down');
    expect(h.supervisor.status.message).toContain('spawn ENOENT');
    expect(h.handles).toHaveLength(0);

    h.timers.advance(500); // still failing: the next try is 1000 ms later
    expect(h.supervisor.status.state).toBe('down');
    h.failLaunchWith.error = null;
    h.timers.advance(999);
    expect(h.handles).toHaveLength(0);
    h.timers.advance(1);
    expect(h.handles).toHaveLength(1);
    expect(h.supervisor.status).toMatchObject({ state: 'starting', restarts: 2 });
    h.last().snapshot(1);
    expect(h.supervisor.status.state).toBe('up');
  });

  it('kills and restarts a collector that sends no snapshot within stallTimeoutMs', () => {
    const h = setup({ stallTimeoutMs: 5000 });
    h.supervisor.start();
    h.timers.advance(4999);
    expect(h.last().kills).toBe(0);
    h.timers.advance(1);
    const stalled = h.handles[0];
    expect(stalled?.kills).toBe(1);
    expect(h.supervisor.status.state).toBe('down');
    expect(h.supervisor.status.message).toMatch(/sent nothing for 5 s/);
    h.timers.advance(500);
    expect(h.handles).toHaveLength(2);
    expect(h.last().sent[0]).toEqual({ type: 'start', options: START });

    // The killed process's late exit and messages belong to the old run and change nothing.
    stalled?.snapshot(99);
    stalled?.exit('the collector was ended by SIGKILL');
    expect(h.supervisor.status.state).toBe('starting');
    expect(h.supervisor.latest).toBeNull();
    expect(h.snapshots).toEqual([]);
  });

  it('counts the stall timeout from the last snapshot', () => {
    const h = setup({ stallTimeoutMs: 5000 });
    h.supervisor.start();
    for (let seq = 1; seq <= 5; seq++) {
      h.timers.advance(4000);
      h.last().snapshot(seq);
    }
    expect(h.supervisor.status.state).toBe('up');
    expect(h.last().kills).toBe(0);
    h.timers.advance(5000);
    expect(h.last().kills).toBe(1);
    expect(h.supervisor.status.state).toBe('down');
  });

  it('defaults the stall timeout to 5 intervals, at least 10 s', () => {
    const h = setup({ stallTimeoutMs: undefined, start: { ...START, intervalMs: 4000 } });
    h.supervisor.start();
    h.timers.advance(19_999);
    expect(h.last().kills).toBe(0);
    h.timers.advance(1);
    expect(h.last().kills).toBe(1);
  });

  it('does not consider a paused collector stalled', () => {
    const h = setup({ stallTimeoutMs: 5000, start: { ...START, isPaused: true } });
    h.supervisor.start();
    h.timers.advance(60_000);
    expect(h.last().kills).toBe(0);
    expect(h.supervisor.status.state).toBe('starting');
  });

  it('stops watching for a stall while paused by configure() and watches again on resume', () => {
    const h = setup({ stallTimeoutMs: 5000 });
    h.supervisor.start();
    h.last().snapshot(1);
    h.timers.advance(3000);
    h.supervisor.configure({ isPaused: true });
    h.timers.advance(60_000);
    expect(h.last().kills).toBe(0);
    expect(h.supervisor.status.state).toBe('up');
    h.supervisor.configure({ isPaused: false });
    h.timers.advance(4999);
    expect(h.last().kills).toBe(0);
    h.timers.advance(1);
    expect(h.last().kills).toBe(1);
  });

  it('forwards configure() to the collector and remembers it for the next start', () => {
    const h = setup();
    h.supervisor.start();
    h.supervisor.configure({ intervalMs: 250 });
    h.supervisor.configure({ isPaused: true });
    expect(h.last().sent.slice(1)).toEqual([
      { type: 'configure', intervalMs: 250 },
      { type: 'configure', isPaused: true },
    ]);
    h.last().exit('the collector exited with code 1');
    h.timers.advance(500);
    expect(h.last().sent).toEqual([{ type: 'start', options: { ...START, intervalMs: 250, isPaused: true } }]);
  });

  it('remembers configure() made while the collector is down', () => {
    const h = setup();
    h.supervisor.start();
    h.last().exit('the collector exited with code 1');
    h.supervisor.configure({ intervalMs: 5000 });
    h.timers.advance(500);
    expect(h.last().sent).toEqual([{ type: 'start', options: { ...START, intervalMs: 5000 } }]);
  });

  it('does not change the options it was given', () => {
    const start = { ...START };
    const h = setup({ start });
    h.supervisor.start();
    h.supervisor.configure({ intervalMs: 250, isPaused: true });
    expect(start).toEqual(START);
  });

  it('stop() sends `stop`, resolves when the collector exits, and does not restart it', async () => {
    const h = setup();
    h.supervisor.start();
    h.last().snapshot(1);
    let isResolved = false;
    const stopped = h.supervisor.stop().then(() => {
      isResolved = true;
    });
    expect(h.last().sent.at(-1)).toEqual({ type: 'stop' });
    await Promise.resolve();
    expect(isResolved).toBe(false);

    h.last().exit('the collector exited with code 0');
    await stopped;
    expect(h.supervisor.status).toMatchObject({ state: 'stopped', message: null });
    expect(h.last().kills).toBe(0);
    h.timers.advance(120_000);
    expect(h.handles).toHaveLength(1);
    expect(h.supervisor.status.state).toBe('stopped');
  });

  it('stop() kills a collector that has not exited after 2 s', async () => {
    const h = setup();
    h.supervisor.start();
    const stopped = h.supervisor.stop();
    h.timers.advance(1999);
    expect(h.last().kills).toBe(0);
    h.timers.advance(1);
    expect(h.last().kills).toBe(1);
    h.last().exit('the collector was ended by SIGKILL');
    await stopped;
    expect(h.supervisor.status.state).toBe('stopped');
    h.timers.advance(120_000);
    expect(h.handles).toHaveLength(1);
  });

  it('stop() while waiting to relaunch cancels the relaunch and resolves at once', async () => {
    const h = setup();
    h.supervisor.start();
    h.last().exit('the collector exited with code 1');
    await h.supervisor.stop();
    expect(h.supervisor.status.state).toBe('stopped');
    h.timers.advance(120_000);
    expect(h.handles).toHaveLength(1);
  });

  it('can be started again after stop()', async () => {
    const h = setup();
    h.supervisor.start();
    const stopped = h.supervisor.stop();
    h.last().exit('the collector exited with code 0');
    await stopped;
    h.supervisor.start();
    expect(h.handles).toHaveLength(2);
    h.last().snapshot(1);
    expect(h.supervisor.status.state).toBe('up');
  });

  it('reports "stopped" after stop() even when the collector fails fatally while stopping', async () => {
    const h = setup();
    h.supervisor.start();
    const stopped = h.supervisor.stop();
    h.last().emit({ type: 'fatal', error: { name: 'Error', message: 'no /proc', code: null } });
    h.last().exit('the collector exited with code 1');
    await stopped;
    expect(h.supervisor.status.state).toBe('stopped');
    h.timers.advance(120_000);
    expect(h.handles).toHaveLength(1);
  });

  it('gives a stopping collector its 2 s even when a last snapshot arrives after stop()', async () => {
    const h = setup({ stallTimeoutMs: 1000 });
    h.supervisor.start();
    h.last().snapshot(1);
    const stopped = h.supervisor.stop();
    h.last().snapshot(2); // sent before the collector read `stop`
    h.timers.advance(1999);
    expect(h.last().kills).toBe(0);
    h.last().exit('the collector exited with code 0');
    await stopped;
    expect(h.supervisor.status.state).toBe('stopped');
    h.timers.advance(120_000);
    expect(h.handles).toHaveLength(1);
  });

  it('reports "down" on a fatal message, kills the collector and relaunches it', () => {
    const h = setup();
    h.supervisor.start();
    h.last().snapshot(1);
    h.last().emit({ type: 'fatal', error: { name: 'Error', message: 'cannot read /proc/stat', code: 'ENOENT' } });
    expect(h.supervisor.status.state).toBe('down');
    expect(h.supervisor.status.message).toContain('cannot read /proc/stat');
    expect(h.supervisor.latest).toBeNull();
    expect(h.last().kills).toBe(1);
    h.timers.advance(500);
    expect(h.handles).toHaveLength(2);
  });

  it('passes a failed sample to onSampleFailed and stays up', () => {
    const h = setup();
    h.supervisor.start();
    const snapshot = h.last().snapshot(1);
    const error: ErrorData = { name: 'Error', message: 'EACCES reading /proc/1/io', code: 'EACCES' };
    h.last().emit({ type: 'sample-failed', error });
    expect(h.sampleFailures).toEqual([error]);
    expect(h.supervisor.status.state).toBe('up');
    expect(h.supervisor.latest).toBe(snapshot);
  });
});

describe('identity across restarts', () => {
  it('hands the first collector’s start-time basis to the restarted one, so start times stay the same', () => {
    const h = setup();
    h.supervisor.start();
    const basis = { bootId: 'b7f0c1d2-boot', bootTimeMs: 1_795_321_798_000 };
    h.last().emit({ type: 'started', startTimeBasis: basis });
    h.last().snapshot(1);
    h.last().exit('the collector was ended by SIGKILL');
    h.timers.advance(500);
    expect(h.handles).toHaveLength(2);
    expect(h.last().sent[0]).toEqual({ type: 'start', options: { ...START, startTimeBasis: basis } });
  });
});

describe('CollectorSupervisor: deltas from the collector', () => {
  it('rebuilds each snapshot from the first whole one and the deltas after it; unchanged rows stay the same objects', () => {
    const h = setup();
    h.supervisor.start();
    const sender = new SnapshotSender();
    const idle = processRow({ pid: 10, name: 'idle', cpuPercent: 0 });
    const busy = (cpuPercent: number) => processRow({ pid: 20, name: 'busy', cpuPercent });
    const first = snapshot({ seq: 1, processes: [idle, busy(10)] });
    const second = snapshot({ seq: 2, processes: [idle, busy(30), processRow({ pid: 30, name: 'new' })] });
    h.last().emit(sender.next(first));
    const delta = sender.next(second);
    expect(delta.type).toBe('delta');
    h.last().emit(delta);
    expect(h.supervisor.latest?.seq).toBe(2);
    expect(h.supervisor.latest?.processes.map((p) => [p.pid, p.cpuPercent])).toEqual([
      [10, 0],
      [20, 30],
      [30, second.processes[2]?.cpuPercent],
    ]);
    expect(h.snapshots[0]?.processes[0]).toBe(h.snapshots[1]?.processes[0]);
    // Listeners get the collector's delta with the snapshot it made (null for a whole one).
    expect(h.deltas).toEqual([null, delta.type === 'delta' ? delta.delta : 'not a delta']);
    expect(snapshotSchema.safeParse(h.supervisor.latest).success).toBe(true);
  });

  it('asks for a whole snapshot when a delta does not fit what it holds, and changes nothing meanwhile', () => {
    const h = setup();
    h.supervisor.start();
    h.last().snapshot(1);
    const stray = new SnapshotSender();
    stray.next(makeSnapshot(5));
    h.last().emit(stray.next(makeSnapshot(6)));
    expect(h.last().sent.at(-1)).toEqual({ type: 'resync' });
    expect(h.supervisor.latest?.seq).toBe(1);
    expect(h.snapshots).toHaveLength(1);
  });

  it('a restarted collector starts whole again (a delta before any snapshot is not applied)', () => {
    const h = setup();
    h.supervisor.start();
    const sender = new SnapshotSender();
    sender.next(makeSnapshot(1));
    h.last().emit(sender.next(makeSnapshot(2)));
    expect(h.supervisor.latest).toBeNull();
    expect(h.last().sent.at(-1)).toEqual({ type: 'resync' });
  });
});

describe('SnapshotSender', () => {
  it('sends the first snapshot whole, then deltas, and whole again after resync', () => {
    const sender = new SnapshotSender();
    expect(sender.next(makeSnapshot(1)).type).toBe('snapshot');
    const delta = sender.next(makeSnapshot(2));
    expect(delta).toMatchObject({ type: 'delta', delta: { seq: 2, baseSeq: 1 } });
    sender.resync();
    expect(sender.next(makeSnapshot(3)).type).toBe('snapshot');
  });
});
