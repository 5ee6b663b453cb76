/**
 * A host killed mid-run (SIGKILL, no chance to close the store) loses at most the last 5 s: the
 * store opens again, passes its check, and holds every tick sent up to 5 s before the last one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { endAllOwned, spawnOwned, waitUntil } from '../test-support/child-processes.ts';
import { openHistoryDb } from './history-db.ts';
import { readSeries } from './history-reads.ts';

const CHILD = fileURLToPath(new URL('../test-support/history-writer-child.ts', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-crash-'));
afterAll(async () => {
  await endAllOwned();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('history store after a SIGKILL', () => {
  it('opens, passes its check, and holds what was written up to at most 5 s before the kill', async () => {
    const child = spawnOwned(process.execPath, [CHILD, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const sent = () => out.split('\n').flatMap((line) => (line.startsWith('sent ') ? [Number(line.slice(5))] : []));
    // Long enough for the writer to have committed on its own schedule (every 4 s) more than once.
    await waitUntil(() => sent().length >= 40, 30_000, 'ten seconds of ticks');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const ticks = sent();
    const lastSentMs = Math.max(...ticks);

    const { db, setAside } = openHistoryDb({ dir, now: () => Date.now() });
    expect(setAside).toBeNull();
    expect(db.newestMs() ?? 0).toBeGreaterThanOrEqual(lastSentMs - 5_000);
    const kept = db.connection.prepare('SELECT t FROM system_1s ORDER BY t').all().map((row) => Number(row['t']));
    // Every tick up to the newest kept is there: a commit is whole or absent.
    expect(kept).toEqual(ticks.filter((t) => t <= (db.newestMs() ?? 0)));
    const series = readSeries(db, { kind: 'historySeries', fromMs: ticks[0] ?? 0, toMs: lastSentMs + 1, stepMs: 1_000 }, Date.now());
    expect(series.ok && series.value.points.length).toBeGreaterThanOrEqual(5);
    db.close();
  });
});
