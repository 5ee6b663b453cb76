/**
 * Top consumers and App history through the real store with a fake clock: a synthetic stretch of
 * 2 h 30 min (a tick every 5 s, 30 processes, one replaced every 30 s), then each answer checked
 * against figures computed here from the snapshots fed, by the definitions (docs/definitions.md §
 * History usage), independently of the accumulator.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppHistory, GroupUsage, ProcessUsage, TopConsumers } from '../../src-shared/query.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { openHistoryDb, type HistoryDb } from './history-db.ts';
import { answerHistoryQuery } from './history-reads.ts';
import { HistoryRecorder, type TickRecord } from './history-recorder.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, stepStart } from './history-rollup.ts';
import { syntheticMachine } from './history-synthetic.ts';

const START_MS = 1_699_999_200_000; // a whole hour
const STEP_MS = 5_000;
const TICKS = (2 * 3_600 + 30 * 60) / 5;
const CORES = 2;
let dir: string;
let store: HistoryDb;
let nowMs = START_MS;
const fed: Snapshot[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-usage-'));
  store = openHistoryDb({ dir, now: () => nowMs }).db;
  const machine = syntheticMachine(START_MS, 30, { cores: CORES });
  const recorder = new HistoryRecorder();
  let batch: TickRecord[] = [];
  for (let i = 0; i < TICKS; i++) {
    const snap: Snapshot = { ...machine.snapshotAt(i * (STEP_MS / 1_000)), intervalMs: STEP_MS };
    fed.push(snap);
    nowMs = snap.takenAtMs;
    const record = recorder.record(snap);
    if (record) batch.push(record);
    if (batch.length === 12) {
      store.writeAll(batch);
      batch = [];
    }
  }
  store.writeAll(batch);
});
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Expected {
  cpuTimeMs: number;
  memoryPeakBytes: number;
  diskWriteBytes: number;
  members: Set<string>;
}

/** Each process's and each app's use of the whole minutes from fromMs's to (toMs − 1)'s, from the snapshots. */
function expectedOf(fromMs: number, toMs: number) {
  const lowMs = stepStart(fromMs, MINUTE_MS);
  const highMs = stepStart(toMs - 1, MINUTE_MS) + MINUTE_MS;
  const processes = new Map<string, Expected & { pid: number; name: string }>();
  const apps = new Map<string, Expected>();
  let appOf = new Map<string, string>();
  let recordedMs = 0;
  for (const snap of fed) {
    // An app's members are those of its minute's first tick (a process started since is in none).
    if (snap.takenAtMs % MINUTE_MS === 0) appOf = new Map(snap.apps.flatMap((app) => app.members.map((m) => [`${m.pid}:${m.startTimeMs}`, app.name])));
    if (snap.takenAtMs < lowMs || snap.takenAtMs >= highMs) continue;
    recordedMs += STEP_MS;
    const appMemory = new Map<string, number>();
    for (const row of snap.processes) {
      const key = `${row.pid}:${row.startTimeMs}`;
      const cpuTimeMs = ((row.cpuPercent ?? 0) / 100) * CORES * STEP_MS;
      const diskWriteBytes = ((row.ioWriteBytesPerSec ?? 0) * STEP_MS) / 1_000;
      const p = processes.get(key) ?? { pid: row.pid, name: row.name, cpuTimeMs: 0, memoryPeakBytes: 0, diskWriteBytes: 0, members: new Set() };
      p.cpuTimeMs += cpuTimeMs;
      p.diskWriteBytes += diskWriteBytes;
      p.memoryPeakBytes = Math.max(p.memoryPeakBytes, row.memoryBytes ?? 0);
      processes.set(key, p);
      const appName = appOf.get(key);
      if (appName === undefined) continue;
      const a = apps.get(appName) ?? { cpuTimeMs: 0, memoryPeakBytes: 0, diskWriteBytes: 0, members: new Set() };
      a.cpuTimeMs += cpuTimeMs;
      a.diskWriteBytes += diskWriteBytes;
      a.members.add(key);
      apps.set(appName, a);
      appMemory.set(appName, (appMemory.get(appName) ?? 0) + (row.memoryBytes ?? 0));
    }
    for (const [name, bytes] of appMemory) {
      const a = apps.get(name);
      if (a) a.memoryPeakBytes = Math.max(a.memoryPeakBytes, bytes);
    }
  }
  return { processes, apps, recordedMs };
}

function top(fromMs: number, toMs: number, by: 'cpu' | 'memory' | 'disk', limit: number): TopConsumers {
  const answer = answerHistoryQuery(store, { kind: 'topConsumers', fromMs, toMs, by, limit }, nowMs);
  if (!answer.ok || answer.kind !== 'topConsumers') throw new Error(JSON.stringify(answer));
  return answer.value;
}
function appHistory(fromMs: number, toMs: number): AppHistory {
  const answer = answerHistoryQuery(store, { kind: 'appHistory', fromMs, toMs }, nowMs);
  if (!answer.ok || answer.kind !== 'appHistory') throw new Error(JSON.stringify(answer));
  return answer.value;
}

function expectClose(actual: ProcessUsage | GroupUsage | undefined, expected: Expected | undefined): void {
  expect(actual).toBeDefined();
  expect(expected).toBeDefined();
  expect(actual?.cpuTimeMs).toBeCloseTo(expected?.cpuTimeMs ?? Number.NaN, 6);
  expect(actual?.memoryPeakBytes).toBe(expected?.memoryPeakBytes);
  expect(actual?.diskWriteBytes).toBeCloseTo(expected?.diskWriteBytes ?? Number.NaN, 6);
}

// Whole hours from the hour rows, the edges from minutes, the last minute from memory.
const RANGES: [string, number, number][] = [
  ['everything (two whole hours, then minutes, then the minute under way)', START_MS, START_MS + TICKS * STEP_MS],
  ['edges inside minutes around a whole hour', START_MS + 10 * MINUTE_MS + 30_000, START_MS + 2 * HOUR_MS + 5 * MINUTE_MS + 1],
  ['within one hour', START_MS + HOUR_MS + 7 * MINUTE_MS, START_MS + HOUR_MS + 9 * MINUTE_MS],
];

describe('topConsumers and appHistory through the store', () => {
  it.each(RANGES)('top processes and apps by CPU time, %s', (_name, fromMs, toMs) => {
    const expected = expectedOf(fromMs, toMs);
    const answer = top(fromMs, toMs, 'cpu', 5);
    expect(answer.recordedMs).toBe(expected.recordedMs);
    const ranked = [...expected.processes.entries()].sort(([, a], [, b]) => b.cpuTimeMs - a.cpuTimeMs);
    expect(answer.processes).toHaveLength(5);
    for (const p of answer.processes) expectClose(p, expected.processes.get(`${p.pid}:${p.startTimeMs}`));
    // The fifth's CPU time is the fifth highest fed (ties may swap which process it is).
    expect(answer.processes[4]?.cpuTimeMs).toBeCloseTo(ranked[4]?.[1].cpuTimeMs ?? Number.NaN, 6);
    expect(answer.processes[0]).toMatchObject({ name: ranked[0]?.[1].name, user: os.userInfo().username, appName: ranked[0]?.[1].name });
    const topApps = [...expected.apps.entries()].sort(([, a], [, b]) => b.cpuTimeMs - a.cpuTimeMs).slice(0, 5);
    expect(answer.apps.map((a) => a.name)).toEqual(topApps.map(([name]) => name));
    for (const a of answer.apps) expectClose(a, expected.apps.get(a.name));
    const total = [...expected.processes.values()].reduce((sum, p) => sum + p.cpuTimeMs, 0);
    expect(appHistory(fromMs, toMs).executables.reduce((sum, e) => sum + e.cpuTimeMs, 0)).toBeCloseTo(total, 6);
  });

  it.each(RANGES)('App history: every app, by CPU time, with its processes, %s', (_name, fromMs, toMs) => {
    const expected = expectedOf(fromMs, toMs);
    const answer = appHistory(fromMs, toMs);
    expect(answer.apps.map((a) => a.name).sort()).toEqual([...expected.apps.keys()].sort());
    for (const a of answer.apps) {
      expectClose(a, expected.apps.get(a.name));
      expect(a.processCount).toBe(expected.apps.get(a.name)?.members.size);
    }
    expect(answer.apps.map((a) => a.cpuTimeMs)).toEqual([...answer.apps.map((a) => a.cpuTimeMs)].sort((x, y) => y - x));
    expect(answer.executables.map((e) => [e.name, e.exePath])).toContainEqual(['proc-3', '/usr/bin/proc-3']);
  });

  it('by memory: the highest peaks; by disk: bytes written', () => {
    const expected = expectedOf(START_MS, nowMs + 1);
    const byMemory = top(START_MS, nowMs + 1, 'memory', 3);
    expect(byMemory.processes.map((p) => p.memoryPeakBytes)).toEqual(
      [...expected.processes.values()]
        .map((p) => p.memoryPeakBytes)
        .sort((a, b) => b - a)
        .slice(0, 3),
    );
    const byDisk = top(START_MS, nowMs + 1, 'disk', 3);
    const disk = [...expected.processes.values()].map((p) => p.diskWriteBytes).sort((a, b) => b - a);
    byDisk.processes.forEach((p, i) => expect(p.diskWriteBytes).toBeCloseTo(disk[i] ?? Number.NaN, 6));
  });

  it('a range with nothing recorded is NO_HISTORY; one wholly in the future is INVALID_ARGUMENT naming fromMs', () => {
    expect(answerHistoryQuery(store, { kind: 'appHistory', fromMs: START_MS - HOUR_MS, toMs: START_MS }, nowMs)).toMatchObject({ ok: false, code: 'NO_HISTORY' });
    expect(answerHistoryQuery(store, { kind: 'topConsumers', fromMs: nowMs + 1, toMs: nowMs + 2, by: 'cpu', limit: 1 }, nowMs)).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('fromMs') as unknown,
    });
  });
});

describe('usage retention', () => {
  it('past 7 days a minute keeps only the processes above 1 % CPU or in the top 20 by memory; apps stay; past 30 days the minutes go, the hours stay', () => {
    const count = (sql: string) => Number(store.connection.prepare(sql).get()?.['n']);
    const hours = () => top(START_MS, START_MS + 2 * HOUR_MS, 'cpu', 100);
    const minute = () => top(START_MS + 10 * MINUTE_MS, START_MS + 11 * MINUTE_MS, 'memory', 100).processes;
    const hoursBefore = hours();
    const minuteBefore = minute();
    const apps = appHistory(START_MS, START_MS + 2 * HOUR_MS);
    expect(minuteBefore).toHaveLength(31); // 30 slots, slot 0 replaced at :30
    nowMs = START_MS + 8 * DAY_MS;
    store.prune();
    expect(count('SELECT count(*) AS n FROM usage_1m_process')).toBe(0);
    expect(count('SELECT count(*) AS n FROM usage_1m_process_thin')).toBe(count('SELECT count(*) AS n FROM usage_1m'));
    // Hours keep every process for 30 days; a range of minutes has only those that stood out.
    expect(hours()).toEqual(hoursBefore);
    const topMemory = new Set(minuteBefore.slice(0, 20).map((p) => p.pid));
    const kept = minuteBefore.filter((p) => p.cpuPercentMean > 1 || topMemory.has(p.pid));
    // The synthetic processes stay under 1 % of the machine (2 CPUs): the top 20 by memory stay (the CPU rule: history-usage.test.ts).
    expect(kept).toHaveLength(20);
    expect(minute()).toEqual(kept);
    expect(appHistory(START_MS, START_MS + 2 * HOUR_MS)).toEqual(apps);
    nowMs = START_MS + 31 * DAY_MS;
    store.prune();
    expect(count('SELECT count(*) AS n FROM usage_1m')).toBe(0);
    expect(count('SELECT count(*) AS n FROM usage_1h_process')).toBe(0);
    expect(count('SELECT count(*) AS n FROM usage_1m_process_thin')).toBe(0);
    expect(count("SELECT count(*) AS n FROM usage_key WHERE kind = 'process'")).toBe(0);
    expect(appHistory(START_MS, START_MS + 2 * HOUR_MS)).toEqual(apps);
    expect(top(START_MS, START_MS + 2 * HOUR_MS, 'cpu', 5).processes).toEqual([]);
    nowMs = START_MS + 366 * DAY_MS;
    store.prune();
    expect(answerHistoryQuery(store, { kind: 'appHistory', fromMs: START_MS, toMs: START_MS + 2 * HOUR_MS }, nowMs)).toMatchObject({ ok: false, code: 'NO_HISTORY' });
  });
});

describe('usage across a restart of the writer', () => {
  it('the hour holds the minutes of both writers, the minute under way at the stop written as it closed', () => {
    const restartDir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-usage-restart-'));
    let clockMs = START_MS;
    const machine = syntheticMachine(START_MS, 5);
    const run = (fromMinute: number, toMinute: number) => {
      const db = openHistoryDb({ dir: restartDir, now: () => clockMs }).db;
      const recorder = new HistoryRecorder();
      for (let s = fromMinute * 60; s < toMinute * 60; s += 5) {
        const snap: Snapshot = { ...machine.snapshotAt(s), intervalMs: STEP_MS };
        clockMs = snap.takenAtMs;
        const tick = recorder.record(snap);
        if (tick) db.write(tick);
      }
      return db;
    };
    // The first writer stops at 64:55, its minute 64 under way (written as it closes); the second starts at 65:30.
    run(0, 65).close();
    const second = run(65.5, 125);
    const hours = second.connection.prepare('SELECT t, recorded_ms FROM usage_1h ORDER BY t').all();
    expect(hours.map((h) => [(Number(h['t']) - START_MS) / HOUR_MS, h['recorded_ms']])).toEqual([
      [0, HOUR_MS],
      // Minutes 60–64 from the first writer, 65:30–119:55 from the second.
      [1, HOUR_MS - 30_000],
    ]);
    const answer = answerHistoryQuery(second, { kind: 'appHistory', fromMs: START_MS + HOUR_MS, toMs: START_MS + 2 * HOUR_MS }, clockMs);
    expect(answer).toMatchObject({ ok: true, value: { recordedMs: HOUR_MS - 30_000 } });
    second.close();
    fs.rmSync(restartDir, { recursive: true, force: true });
  });

  it('a writer started within the minute another closed in: the minute holds both parts, read and written', () => {
    const restartDir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-usage-restart-'));
    let clockMs = START_MS;
    const machine = syntheticMachine(START_MS, 5);
    const open = () => openHistoryDb({ dir: restartDir, now: () => clockMs }).db;
    const feedSeconds = (db: HistoryDb, seconds: number[]) => {
      const recorder = new HistoryRecorder();
      for (const s of seconds) {
        const snap: Snapshot = { ...machine.snapshotAt(s), intervalMs: STEP_MS };
        clockMs = snap.takenAtMs;
        const tick = recorder.record(snap);
        if (tick) db.write(tick);
      }
    };
    const first = open();
    feedSeconds(first, [0, 5, 10, 15, 20, 25]);
    first.close();
    const second = open();
    feedSeconds(second, [30, 35, 40]);
    const minute = { kind: 'appHistory', fromMs: START_MS, toMs: START_MS + MINUTE_MS } as const;
    // Read while the second writer's part is in memory, then after it is written.
    expect(answerHistoryQuery(second, minute, clockMs)).toMatchObject({ ok: true, value: { recordedMs: 45_000 } });
    feedSeconds(second, [60]);
    expect(answerHistoryQuery(second, minute, clockMs)).toMatchObject({ ok: true, value: { recordedMs: 45_000 } });
    second.close();
    fs.rmSync(restartDir, { recursive: true, force: true });
  });
});

describe('usage under the size cap', () => {
  it('past the cap with the process detail gone, the oldest hours of usage go before the system figures', () => {
    const capDir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-usage-cap-'));
    let clockMs = START_MS;
    const machine = syntheticMachine(START_MS, 50, { busyEvery: 1 });
    let db = openHistoryDb({ dir: capDir, now: () => clockMs }).db;
    const recorder = new HistoryRecorder();
    for (let s = 0; s <= 3 * 3_600; s += 60) {
      const snap = machine.snapshotAt(s);
      clockMs = snap.takenAtMs;
      const tick = recorder.record(snap);
      if (tick) db.write(tick);
    }
    db.connection.exec('DELETE FROM tick_sample; DELETE FROM minute_list; DELETE FROM event; DELETE FROM identity');
    db.prune();
    const used = db.usedBytes();
    db.close();
    db = openHistoryDb({ dir: capDir, now: () => clockMs, maxBytes: Math.floor(used * 0.8) }).db;
    db.prune();
    expect(db.usedBytes()).toBeLessThanOrEqual(used * 0.8);
    expect(db.usage.oldestMs()).toBeGreaterThanOrEqual(START_MS + HOUR_MS);
    expect(db.oldestMs()).toBe(START_MS);
    db.close();
    fs.rmSync(capDir, { recursive: true, force: true });
  });
});
