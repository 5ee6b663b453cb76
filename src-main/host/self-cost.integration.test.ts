/**
 * "This task manager uses …" (the status bar, `snapshot.self`) counts the processes `npm run bench`
 * measures as the product: the host and the collector it forked, nothing less, nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessRow, Snapshot } from '../../src-shared/snapshot.ts';
import { endAllOwned, sleepMs, waitUntil } from '../test-support/child-processes.ts';
import { childrenOf } from '../test-support/proc-truth.ts';
import { startServe, type ServeProcess } from '../test-support/serve-process.ts';

const TOKEN = 'self-cost-test-token-0123456789';
let host: ServeProcess;

beforeAll(async () => {
  host = await startServe(['--port', '0', '--token', TOKEN, '--interval-ms', '250']);
});
afterAll(endAllOwned);

const get = async <T>(route: string): Promise<T> => (await fetch(`${host.url}${route}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json() as Promise<T>;

describe("the app's own cost", () => {
  it('is the sum of the host’s and its collector’s rows of the same snapshot', async () => {
    const hostPid = host.child.pid ?? 0;
    let collectorPid = 0;
    await waitUntil(() => (collectorPid = childrenOf(hostPid)[0] ?? 0) > 0, 10_000, 'the collector child');
    // /api/stats and /api/processes are read one after the other: retry until both are of one tick
    // in which both processes have a CPU figure (not their first sample).
    let matched: { stats: Omit<Snapshot, 'processes' | 'apps'>; ours: ProcessRow[] } | null = null;
    for (const deadline = Date.now() + 15_000; matched === null; ) {
      if (Date.now() > deadline) throw new Error('timed out waiting for one tick seen by both routes');
      const processes = await get<Pick<Snapshot, 'seq' | 'processes'>>('/api/processes');
      const stats = await get<Omit<Snapshot, 'processes' | 'apps'>>('/api/stats');
      const ours = processes.processes.filter((row) => row.pid === hostPid || row.pid === collectorPid);
      if (stats.seq === processes.seq && ours.length === 2 && ours.every((row) => row.cpuPercent !== null)) matched = { stats, ours };
      else await sleepMs(50);
    }
    const { stats, ours } = matched;
    const sum = (pick: (row: ProcessRow) => number | null) => ours.reduce((total, row) => total + (pick(row) ?? 0), 0);
    expect(stats.self.memoryBytes).toBe(sum((row) => row.memoryBytes));
    expect(stats.self.memoryBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(stats.self.cpuPercent).toBeCloseTo(Math.min(100, sum((row) => row.cpuPercent)), 10);
  });
});
