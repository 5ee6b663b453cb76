/**
 * `npm run bench:users -- [--processes N] [--users U] [--queries Q]`
 *
 * What the Users page's `users` query costs the host (src-main/users/users-service.ts): the latest
 * snapshot of N processes (default 2,000) over U users (default 20, one in ten processes' owner
 * unknown) summed by `groupProcessesByUser`, with 4 sessions from a cached sessions list, answered
 * through the core's `answerQuery` as the REST route and the WebSocket do, and the answer's JSON
 * (what travels). Also the grouping alone, which the page runs on each pushed snapshot. The last
 * line is the figures as JSON.
 */
import type { ProcessRow } from '../src-shared/snapshot.ts';
import { processRow, snapshot } from '../src-shared/testing/fixtures.ts';
import { groupProcessesByUser } from '../src-shared/users-grouping.ts';
import type { UserSession } from '../src-shared/users.ts';
import { NO_INVENTORY } from '../src-main/core/inventory-source.ts';
import { answerQuery } from '../src-main/core/query-service.ts';
import { RecentSeriesRing } from '../src-main/core/recent-series-ring.ts';
import { cachedSessions } from '../src-main/users/cached-sessions.ts';
import { createUsersService } from '../src-main/users/users-service.ts';
import { wholeNumberFlag } from './bench-args.ts';

const processes = Math.max(1, wholeNumberFlag('bench:users', process.argv, '--processes', 2000));
const users = Math.max(1, wholeNumberFlag('bench:users', process.argv, '--users', 20));
const queries = Math.max(10, wholeNumberFlag('bench:users', process.argv, '--queries', 2000));
const MB = 1024 * 1024;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

function timed(count: number, run: (i: number) => unknown): { medianMs: number; p99Ms: number } {
  const times: number[] = [];
  // A tenth as warm-up (JIT), not counted.
  const warmUp = Math.floor(count / 10);
  for (let i = 0; i < count + warmUp; i++) {
    const started = performance.now();
    run(i);
    const took = performance.now() - started;
    if (i >= warmUp) times.push(took);
  }
  times.sort((a, b) => a - b);
  return { medianMs: percentile(times, 0.5), p99Ms: percentile(times, 0.99) };
}

async function timedAsync(count: number, run: () => Promise<unknown>): Promise<{ medianMs: number; p99Ms: number }> {
  const times: number[] = [];
  const warmUp = Math.floor(count / 10);
  for (let i = 0; i < count + warmUp; i++) {
    const started = performance.now();
    await run();
    const took = performance.now() - started;
    if (i >= warmUp) times.push(took);
  }
  times.sort((a, b) => a - b);
  return { medianMs: percentile(times, 0.5), p99Ms: percentile(times, 0.99) };
}

async function main(): Promise<void> {
  const rows: ProcessRow[] = Array.from({ length: processes }, (_, i) =>
    processRow({
      pid: 10_000 + i,
      user: i % 10 === 9 ? null : `user${i % users}`,
      cpuPercent: (i % 10) / 10,
      memoryBytes: (5 + (i % 150)) * MB,
      ioReadBytesPerSec: i % 7 === 0 ? 4096 : 0,
      ioWriteBytesPerSec: 0,
      netRxBytesPerSec: i % 13 === 0 ? 1500 : null,
      netTxBytesPerSec: i % 13 === 0 ? 200 : null,
      gpuPercent: i % 50 === 0 ? 2 : null,
    }),
  );
  const latest = snapshot({ processes: rows });
  const sessions: UserSession[] = Array.from({ length: 4 }, (_, i) => ({ id: String(i + 1), user: i === 3 ? null : `user${i}`, state: 'active', clientName: null, station: `tty${i + 1}`, loginAtMs: 1_700_000_000_000 }));
  const service = createUsersService({ sessions: cachedSessions({ list: async () => ({ sessions, unavailableReason: null }), close: () => {} }), latest: () => latest });
  const sources = { ring: new RecentSeriesRing(), inventory: NO_INVENTORY, users: service };

  const grouping = timed(queries, () => groupProcessesByUser(rows, sessions));
  const query = await timedAsync(queries, () => answerQuery({ kind: 'users' }, sources));
  let answerBytes = 0;
  const withJson = await timedAsync(queries, async () => {
    const result = await answerQuery({ kind: 'users' }, sources);
    answerBytes = Buffer.byteLength(JSON.stringify(result.ok ? result.value : result));
  });
  const figures = { processes, users, queries, groupingMedianMs: grouping.medianMs, groupingP99Ms: grouping.p99Ms, queryMedianMs: query.medianMs, queryP99Ms: query.p99Ms, queryWithJsonMedianMs: withJson.medianMs, queryWithJsonP99Ms: withJson.p99Ms, answerBytes };
  console.log(`the users query at ${processes} processes over ${users} users, ${queries} queries (Node ${process.version}):`);
  console.log(`  groupProcessesByUser: median ${grouping.medianMs.toFixed(3)} ms, p99 ${grouping.p99Ms.toFixed(3)} ms`);
  console.log(`  answerQuery users: median ${query.medianMs.toFixed(3)} ms, p99 ${query.p99Ms.toFixed(3)} ms`);
  console.log(`  … and its JSON: median ${withJson.medianMs.toFixed(3)} ms, p99 ${withJson.p99Ms.toFixed(3)} ms, ${(answerBytes / 1024).toFixed(1)} KiB`);
  console.log(JSON.stringify(figures));
}

await main();
