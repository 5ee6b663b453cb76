/**
 * A host killed mid-run (SIGKILL, no chance to close the store) loses at most the last seconds:
 * the store opens again, passes its check, and holds every tick the writer had reported written.
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
    const written = () => out.split('\n').flatMap((line) => (line.startsWith('recorded ') ? [Number(line.slice(9))] : []));
    await waitUntil(() => written().filter((t) => t > 0).length >= 30, 30_000, 'thirty ticks written');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const killedAtMs = Date.now();
    const lastReported = Math.max(...written());

    const { db, renamedCorrupt } = openHistoryDb({ dir, now: () => killedAtMs });
    expect(renamedCorrupt).toBeNull();
    const newest = db.newestMs() ?? 0;
    expect(newest).toBeGreaterThanOrEqual(lastReported);
    expect(newest).toBeGreaterThanOrEqual(killedAtMs - 5_000);
    const series = readSeries(db, { kind: 'historySeries', fromMs: (db.oldestMs() ?? 0) - 1, toMs: killedAtMs, stepMs: 1_000 }, killedAtMs);
    expect(series.ok && series.value.points.length).toBeGreaterThanOrEqual(30);
    db.close();
  });
});
