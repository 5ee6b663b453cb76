/**
 * Retention, the size cap and a damaged file, through the real store with a fake clock. Each run
 * is sparse (a tick a minute, or a few minutes at 1 s) to stay quick.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_FILE, openHistoryDb, type HistoryDb } from './history-db.ts';
import { readProcessesAt, readSeries } from './history-reads.ts';
import { HistoryRecorder } from './history-recorder.ts';
import { DAY_MS, DEFAULT_RETENTION, HOUR_MS, MINUTE_MS } from './history-rollup.ts';
import { syntheticMachine } from './history-synthetic.ts';
import { processRow, snapshot } from '../../src-shared/testing/fixtures.ts';

const START_MS = 1_699_999_200_000; // a whole hour
let dir: string;
let nowMs: number;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-retention-'));
  nowMs = START_MS;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Feeds the ticks given (seconds since START_MS) of a machine of `processes` processes. */
function feed(store: HistoryDb, ticks: readonly number[], processes = 50): void {
  const machine = syntheticMachine(START_MS, processes);
  const recorder = new HistoryRecorder();
  for (const tick of ticks) {
    const snap = machine.snapshotAt(tick);
    nowMs = snap.takenAtMs;
    const record = recorder.record(snap);
    if (record) store.write(record);
  }
}

const range = (from: number, to: number, step: number) => Array.from({ length: Math.ceil((to - from) / step) }, (_, i) => from + i * step);

describe('history retention', () => {
  it('follows the retention it was opened with (serve --history-keep): 1 s kept 2 h, lists 3 h, minutes 4 h', () => {
    const retention = { ...DEFAULT_RETENTION, secondsMs: 2 * HOUR_MS, processListsMs: 3 * HOUR_MS, minutesMs: 4 * HOUR_MS, usageMinutesMs: 4 * HOUR_MS };
    const store = openHistoryDb({ dir, now: () => nowMs, retention }).db;
    feed(store, range(0, 120, 1));
    const moment = START_MS + 90_000;
    const second = { kind: 'historySeries', fromMs: START_MS, toMs: START_MS + 120_000, stepMs: 1_000 } as const;
    const minute = { ...second, stepMs: MINUTE_MS } as const;
    nowMs = START_MS + 2 * HOUR_MS - MINUTE_MS;
    store.prune();
    expect(readSeries(store, second, nowMs).ok).toBe(true);
    // Past 2 h the seconds go (the default keeps them a day), the lists stay.
    nowMs = START_MS + 2 * HOUR_MS + 10 * MINUTE_MS;
    store.prune();
    expect(readSeries(store, second, nowMs)).toMatchObject({ ok: false, code: 'NO_HISTORY' });
    expect(readProcessesAt(store, { kind: 'processesAt', atMs: moment }, nowMs)).toMatchObject({ ok: true, value: { takenAtMs: START_MS + MINUTE_MS } });
    // Past 3 h the lists go; the minutes stay until 4 h.
    nowMs = START_MS + 3 * HOUR_MS + 10 * MINUTE_MS;
    store.prune();
    expect(readProcessesAt(store, { kind: 'processesAt', atMs: moment }, nowMs)).toMatchObject({ ok: false, code: 'NO_HISTORY' });
    expect(readSeries(store, minute, nowMs).ok).toBe(true);
    nowMs = START_MS + 4 * HOUR_MS + 10 * MINUTE_MS;
    store.prune();
    expect(readSeries(store, minute, nowMs)).toMatchObject({ ok: false, code: 'NO_HISTORY' });
    store.close();
  });

  it('after a day the 1 s rows and active samples go; the 1 min tier and the minute lists stay a week', () => {
    const store = openHistoryDb({ dir, now: () => nowMs }).db;
    feed(store, range(0, 180, 1));
    nowMs = START_MS + DAY_MS + 10 * MINUTE_MS;
    store.prune();
    const at90 = START_MS + 90_000;
    expect(readSeries(store, { kind: 'historySeries', fromMs: START_MS, toMs: START_MS + 180_000, stepMs: 1_000 }, nowMs)).toMatchObject({ ok: false, code: 'NO_HISTORY' });
    const minutes = readSeries(store, { kind: 'historySeries', fromMs: START_MS, toMs: START_MS + 180_000, stepMs: MINUTE_MS }, nowMs);
    // Minutes 0 and 1 were rolled up as minute 2 began; minute 2 was under way (its 1 s rows are gone).
    expect(minutes.ok && minutes.value.points.map((p) => p.takenAtMs)).toEqual([START_MS, START_MS + MINUTE_MS]);
    // A moment past a day: the minute's complete list, as it was at that minute's first second.
    const at = readProcessesAt(store, { kind: 'processesAt', atMs: at90 }, nowMs);
    expect(at).toMatchObject({ ok: true, value: { takenAtMs: START_MS + MINUTE_MS } });
    expect(at.ok && at.value.processes).toHaveLength(50);
    nowMs = START_MS + 8 * DAY_MS;
    store.prune();
    expect(readProcessesAt(store, { kind: 'processesAt', atMs: at90 }, nowMs)).toMatchObject({ ok: false, code: 'NO_HISTORY' });
    expect(store.connection.prepare('SELECT count(*) AS n FROM identity').get()?.['n']).toBe(0);
    expect(readSeries(store, { kind: 'historySeries', fromMs: START_MS, toMs: START_MS + HOUR_MS, stepMs: MINUTE_MS }, nowMs).ok).toBe(true);
    store.close();
  });

  it('past the size cap the oldest hours of process detail go first; the system figures stay', () => {
    let store = openHistoryDb({ dir, now: () => nowMs }).db;
    // Three hours, a tick a minute: each is a complete list of 500 processes (the bulk of the file;
    // the usage behind App history goes after the process detail: history-usage-db.test.ts).
    feed(store, range(0, 3 * 3_600, 60), 500);
    store.deleteHistory('usage');
    const used = store.usedBytes();
    store.close();
    store = openHistoryDb({ dir, now: () => nowMs, maxBytes: Math.floor(used * 0.6) }).db;
    store.prune();
    expect(store.usedBytes()).toBeLessThanOrEqual(used * 0.6);
    const oldestList = Number(store.connection.prepare('SELECT min(t) AS t FROM minute_list').get()?.['t']);
    expect(oldestList).toBeGreaterThanOrEqual(START_MS + HOUR_MS);
    expect(store.newestMs()).toBe(START_MS + (3 * 3_600 - 60) * 1_000);
    expect(readProcessesAt(store, { kind: 'processesAt', atMs: START_MS + 10 * MINUTE_MS }, nowMs)).toMatchObject({ ok: false, code: 'NO_HISTORY' });
    expect(readProcessesAt(store, { kind: 'processesAt', atMs: nowMs }, nowMs).ok).toBe(true);
    // The graphs keep their whole length.
    expect(store.oldestMs()).toBe(START_MS);
    const series = readSeries(store, { kind: 'historySeries', fromMs: START_MS, toMs: nowMs + 1, stepMs: MINUTE_MS }, nowMs);
    expect(series.ok && series.value.points).toHaveLength(180);
    store.close();
  });

  it('past the cap with nothing but system figures left, their oldest hours go', () => {
    let store = openHistoryDb({ dir, now: () => nowMs }).db;
    feed(store, range(0, 3 * 3_600, 60));
    store.connection.exec('DELETE FROM tick_sample; DELETE FROM minute_list; DELETE FROM event; DELETE FROM identity');
    store.deleteHistory('usage');
    store.prune();
    const used = store.usedBytes();
    store.close();
    store = openHistoryDb({ dir, now: () => nowMs, maxBytes: Math.floor(used * 0.7) }).db;
    store.prune();
    expect(store.oldestMs()).toBeGreaterThanOrEqual(START_MS + HOUR_MS);
    expect(store.newestMs()).toBe(START_MS + (3 * 3_600 - 60) * 1_000);
    store.close();
  });
});

describe('history store file', () => {
  it('a damaged file is renamed aside (history.corrupt-<time>.sqlite) and a new store starts', () => {
    fs.writeFileSync(path.join(dir, HISTORY_FILE), Buffer.alloc(8192, 0x5a));
    const opened = openHistoryDb({ dir, now: () => nowMs });
    expect(opened.setAside).toEqual({ file: path.join(dir, 'history.corrupt-2023-11-14T22-00-00-000Z.sqlite'), why: 'damaged' });
    expect(fs.readFileSync(opened.setAside?.file ?? '')).toEqual(Buffer.alloc(8192, 0x5a));
    feed(opened.db, [0, 1]);
    expect(opened.db.newestMs()).toBe(START_MS + 1_000);
    opened.db.close();
  });

  it('a file of the first format (a row per process per second) is set aside as older, and a new store starts', () => {
    const old = new DatabaseSync(path.join(dir, HISTORY_FILE));
    old.exec('CREATE TABLE sample (t INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (t, id)) WITHOUT ROWID; PRAGMA user_version = 1');
    old.close();
    const opened = openHistoryDb({ dir, now: () => nowMs });
    expect(opened.setAside).toEqual({ file: path.join(dir, 'history.older-2023-11-14T22-00-00-000Z.sqlite'), why: 'older' });
    feed(opened.db, [0, 1]);
    expect(opened.db.newestMs()).toBe(START_MS + 1_000);
    opened.db.close();
  });

  it('a write that fails is rolled back whole; the ticks after it read back exactly, not against what was rolled back', () => {
    const store = openHistoryDb({ dir, now: () => nowMs }).db;
    const recorder = new HistoryRecorder();
    // One busy process whose disk writes go 0, 100, 200, 300, 200: the commit of ticks 2 and 3
    // fails at tick 3 (the disk filled up), so tick 4's "as before" must not mean tick 2's 200
    // that was rolled back with it.
    const at = (tick: number, io: number) =>
      snapshot({ seq: tick + 1, takenAtMs: START_MS + tick * 1_000, processes: [processRow({ pid: 7, cpuPercent: 5, memoryBytes: 1_000, ioWriteBytesPerSec: io })] });
    const fed = [at(0, 0), at(1, 100), at(2, 200), at(3, 300), at(4, 200)];
    store.connection.exec(`CREATE TEMP TRIGGER fail_tick BEFORE INSERT ON tick_sample WHEN NEW.t = ${START_MS + 3_000} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const records = fed.map((snap) => recorder.record(snap)).filter((r) => r !== null);
    store.writeAll(records.slice(0, 2));
    expect(() => store.writeAll(records.slice(2, 4))).toThrow('database or disk is full');
    store.writeAll(records.slice(4));
    nowMs = START_MS + 10_000;
    const read = (tick: number) => readProcessesAt(store, { kind: 'processesAt', atMs: START_MS + tick * 1_000 }, nowMs);
    expect(read(3)).toMatchObject({ ok: true, value: { takenAtMs: START_MS + 1_000 } });
    for (const tick of [1, 4]) expect(read(tick)).toMatchObject({ ok: true, value: { takenAtMs: START_MS + tick * 1_000, processes: fed[tick]?.processes } });
    store.close();
  });

  it.skipIf(process.platform === 'win32')('the folder is 0700 and the file 0600', () => {
    const nested = path.join(dir, 'h');
    const { db } = openHistoryDb({ dir: nested, now: () => nowMs });
    db.close();
    expect(fs.statSync(nested).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(nested, HISTORY_FILE)).mode & 0o777).toBe(0o600);
  });
});
