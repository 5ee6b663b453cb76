/**
 * The real collector process under the real supervisor: started with the headless host's launcher
 * (child_process.fork), killed from outside, restarted, and stopped. The only process signalled
 * here is the collector child this test's supervisor started.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CollectorStatus } from '../../src-shared/collector-status.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { CollectorSupervisor } from './collector-supervisor.ts';
import { nodeCollectorLauncher } from './node-collector-launcher.ts';

/** Generous: this machine may have 2 cores, and a collector start includes a Node start. */
const WAIT_MS = 30_000;

/** Resolves with the first event that matches (the current value counts), or rejects after `timeoutMs`. */
function waitFor<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  current: () => T | null,
  isMatch: (value: T) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const now = current();
    if (now !== null && isMatch(now)) {
      resolve(now);
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const unsubscribe = subscribe((value) => {
      if (!isMatch(value)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    });
  });
}

/** The parent pid of a live process, or null when /proc has no such process. */
function ppidOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** True once `pid` is no child of this process any more (exited and reaped; a reused pid is someone else's). */
function isGoneFromHere(pid: number): boolean {
  return ppidOf(pid) !== process.pid;
}

describe.runIf(process.platform === 'linux')('the collector process under the supervisor', () => {
  const supervisor = new CollectorSupervisor({
    launch: nodeCollectorLauncher(),
    start: { intervalMs: 250, isPaused: false, hostPids: [process.pid], includeLoopback: false },
    initialBackoffMs: 200,
  });
  const statuses: CollectorStatus[] = [];
  supervisor.onStatus((status) => statuses.push(status));
  const collectorPids = new Set<number>();
  /** The first collector's identity, as its own snapshots listed it. */
  let firstCollector: { pid: number; startTimeMs: number } | null = null;

  const waitForStatus = (state: CollectorStatus['state']): Promise<CollectorStatus> =>
    waitFor((listener) => supervisor.onStatus(listener), () => supervisor.status, (status) => status.state === state, `status "${state}"`);
  const waitForSnapshot = (isMatch: (snapshot: Snapshot) => boolean, what: string): Promise<Snapshot> =>
    waitFor((listener) => supervisor.onSnapshot(listener), () => null, isMatch, what);

  afterAll(async () => {
    // Whatever happened above, leave no collector behind: stop it, and end any child of ours still there.
    await Promise.race([supervisor.stop(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    for (const pid of collectorPids) {
      if (ppidOf(pid) === process.pid) process.kill(pid, 'SIGKILL');
    }
  });

  it('starts the collector and publishes snapshots that include the collector itself', async () => {
    const isUp = waitForStatus('up');
    supervisor.start();
    const pid = supervisor.collectorPid;
    expect(pid).toBeTypeOf('number');
    if (pid === undefined) return;
    collectorPids.add(pid);
    expect(ppidOf(pid)).toBe(process.pid);

    await isUp;
    const snapshot = await waitForSnapshot((s) => s.processes.some((row) => row.pid === pid), `a snapshot listing collector ${pid}`);
    expect(snapshot.self.memoryBytes).toBeGreaterThan(0);
    const row = snapshot.processes.find((r) => r.pid === pid);
    if (row) firstCollector = { pid: row.pid, startTimeMs: row.startTimeMs };
    expect(supervisor.latest).not.toBeNull();
    expect(supervisor.status).toMatchObject({ state: 'up', restarts: 0, message: null });
  });

  it('sees the collector killed from outside, says why, and restarts it with fresh snapshots', async () => {
    const oldPid = supervisor.collectorPid;
    expect(oldPid).toBeTypeOf('number');
    if (oldPid === undefined) return;

    const isDown = waitForStatus('down');
    process.kill(oldPid, 'SIGKILL'); // the collector child this test's supervisor started
    const down = await isDown;
    expect(down.message).toContain('SIGKILL');
    expect(supervisor.latest).toBeNull();

    const up = await waitForStatus('up');
    expect(up.restarts).toBe(1);
    const newPid = supervisor.collectorPid;
    expect(newPid).toBeTypeOf('number');
    if (newPid === undefined) return;
    collectorPids.add(newPid);
    expect(newPid).not.toBe(oldPid);
    expect(isGoneFromHere(oldPid)).toBe(true);

    const fresh = await waitForSnapshot((s) => s.processes.some((row) => row.pid === newPid), `a snapshot listing collector ${newPid}`);
    // The killed collector is no longer listed (same pid and start time: the same process).
    expect(firstCollector).not.toBeNull();
    expect(fresh.processes.some((row) => row.pid === firstCollector?.pid && row.startTimeMs === firstCollector.startTimeMs)).toBe(false);
    expect(fresh.self.memoryBytes).toBeGreaterThan(0);
    expect(supervisor.latest).not.toBeNull();
    expect(statuses.map((status) => status.state)).toEqual(['starting', 'up', 'down', 'starting', 'up']);
  });

  it('stops: stop() resolves once the collector has exited, and nothing restarts it', async () => {
    const pid = supervisor.collectorPid;
    expect(pid).toBeTypeOf('number');
    if (pid === undefined) return;

    await supervisor.stop();
    expect(supervisor.status).toMatchObject({ state: 'stopped', message: null });
    // Exited and reaped: no /proc entry of a child of ours (no zombie) is left.
    expect(isGoneFromHere(pid)).toBe(true);
    expect(supervisor.collectorPid).toBeUndefined();

    // Nothing relaunches it: well past the 200 ms backoff there is still no collector. (A wait
    // for something that must not happen can only be a fixed one.)
    const statusCount = statuses.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(statuses.slice(statusCount)).toEqual([]);
    expect(supervisor.collectorPid).toBeUndefined();
    expect(supervisor.status.state).toBe('stopped');
  });
});
