/**
 * Test support: fills the disk under a recording history store, for real, then makes room again.
 * Run inside a mount namespace of its own on a small tmpfs (history-disk-full.integration.test.ts
 * mounts it), so only this tmpfs fills up. Records a synthetic 300-process machine through
 * `HistoryStore` (its writer thread); fills the tmpfs with a ballast file until ENOSPC; records on
 * until the store says it paused; reads while paused; removes the ballast; records on until it
 * says it records again. Prints one JSON object of what it saw, for the test to assert on.
 * Usage: node history-disk-full-driver.ts DIR (DIR: the tmpfs)
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HistoryStatus } from '../../src-shared/query.ts';
import { systemPointOf } from '../core/recent-series-ring.ts';
import { MAX_TICKS_IN_FLIGHT, HistoryStore } from '../history/history-store.ts';
import { MINUTE_MS } from '../history/history-rollup.ts';
import { syntheticMachine } from '../history/history-synthetic.ts';

const root = process.argv[2];
if (!root) throw new Error('usage: history-disk-full-driver.ts DIR');
const dir = path.join(root, 'history');
const ballast = path.join(root, 'ballast');
const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Ticks 1 s apart in the recent past (the writer prunes by the real clock), sent faster than that.
const startMs = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 20 * MINUTE_MS;
const machine = syntheticMachine(startMs, 300);
const store = new HistoryStore({ dir, retryMs: 250 });
const told: { state: HistoryStatus['state']; reason: string | null }[] = [];
store.onStatus((status) => told.push({ state: status.state, reason: status.reason }));
let tick = 0;

/** Records ticks until `isDone` (asking the status, which also commits what the writer holds), at most `limit` ticks. */
async function recordUntil(isDone: (status: HistoryStatus) => boolean, limit: number, what: string): Promise<HistoryStatus> {
  for (let sent = 0; sent < limit; sent++) {
    store.record(machine.snapshotAt(tick));
    tick += 1;
    if (sent % 5 === 4) {
      const status = await store.status();
      if (isDone(status)) return status;
    }
    await sleepMs(5);
  }
  throw new Error(`gave up recording until ${what} (tick ${tick}, status ${JSON.stringify(await store.status())})`);
}

function fillDisk(): number {
  const chunk = Buffer.alloc(64 * 1024, 1);
  const fd = fs.openSync(ballast, 'w');
  let bytes = 0;
  try {
    for (;;) bytes += fs.writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

const before = await recordUntil((s) => s.state === 'recording' && s.newestMs !== null && s.newestMs >= startMs + 20_000, 100, 'the first ticks are written');
const ballastBytes = fillDisk();
const paused = await recordUntil((s) => s.state === 'paused', 400, 'the store pauses');
const sentWhilePaused = tick;
// The UI goes on: queries are answered from what the file holds, recording never throws.
const seriesWhilePaused = await store.read({ kind: 'historySeries', fromMs: startMs, toMs: startMs + 10_000, stepMs: 1_000 });
for (let i = 0; i < 10; i++) store.record(machine.snapshotAt(tick++));
fs.rmSync(ballast);
const resumed = await recordUntil((s) => s.state === 'recording' && s.newestMs !== null && s.newestMs >= startMs + (sentWhilePaused + 15) * 1_000, 400, 'recording resumes');
// A tick recorded after the pause, read back: the rows as fed.
const laterTick = Math.floor(((resumed.newestMs ?? 0) - startMs) / 1_000);
const at = await store.read({ kind: 'processesAt', atMs: startMs + laterTick * 1_000 });
const fed = [...machine.snapshotAt(laterTick).processes].sort((a, b) => a.pid - b.pid);
const series = seriesWhilePaused.ok && seriesWhilePaused.kind === 'historySeries' ? seriesWhilePaused.value.points : [];
await store.close();

console.log(
  JSON.stringify({
    maxInFlight: MAX_TICKS_IN_FLIGHT,
    ballastBytes,
    before: { state: before.state },
    paused: { state: paused.state, reason: paused.reason, newestMs: paused.newestMs },
    seriesWhilePaused: { ok: seriesWhilePaused.ok, isExact: JSON.stringify(series) === JSON.stringify(Array.from({ length: 10 }, (_, i) => systemPointOf(machine.snapshotAt(i)))) },
    resumed: { state: resumed.state, reason: resumed.reason, newestMs: resumed.newestMs, sentWhilePausedMs: startMs + sentWhilePaused * 1_000 },
    laterTick: { ok: at.ok, takenAtMs: at.ok && at.kind === 'processesAt' ? at.value.takenAtMs : null, isExact: at.ok && at.kind === 'processesAt' && JSON.stringify(at.value.processes) === JSON.stringify(fed) },
    told,
  }),
);
