/**
 * A synthetic day of a 2,000-process machine written through the real store with a fake clock (a
 * tick every 30 s: each minute's complete list and one tick of the active rows), then the queries
 * checked against what was fed: the processes at a moment of every hour, the day at 1 min and at
 * 1 h, top consumers by CPU over the day and over 03:00–03:15, and App history's executables.
 * history-db.test.ts checks every second of an hour at 200 processes; this one checks the day's
 * tiers, roll-ups and usage at the size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemPoint } from '../../src-shared/query.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { systemPointOf } from '../core/recent-series-ring.ts';
import { openHistoryDb, type HistoryDb } from './history-db.ts';
import { answerHistoryQuery, readProcessesAt, readSeries } from './history-reads.ts';
import { HistoryRecorder, identityKey } from './history-recorder.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './history-rollup.ts';
import { syntheticMachine } from './history-synthetic.ts';

const START_MS = 1_699_999_200_000; // a whole hour
const PROCESSES = 2_000;
const STEP_S = 30;
const TICKS = 86_400 / STEP_S;
const machine = syntheticMachine(START_MS, PROCESSES);
/** 03:00–03:15 of the day. */
const WINDOW = { fromMs: START_MS + 3 * HOUR_MS, toMs: START_MS + 3 * HOUR_MS + 15 * MINUTE_MS };

let dir: string;
let store: HistoryDb;
let nowMs = START_MS;
const points: SystemPoint[] = [];
/** CPU time of each identity over the day and over WINDOW, and of each executable over the day (ms of one logical processor). */
const dayCpu = new Map<string, number>();
const windowCpu = new Map<string, number>();
const exeCpu = new Map<string, number>();
const exeIdentities = new Map<string, Set<string>>();

/** A tick's CPU time of one row, as `Usage.cpuTimeMs` defines it. */
const cpuMsOf = (snap: Snapshot, cpuPercent: number | null) => ((cpuPercent ?? 0) / 100) * (snap.cpu.logicalCores ?? 1) * snap.intervalMs;
const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-day-'));
  store = openHistoryDb({ dir, now: () => nowMs }).db;
  const recorder = new HistoryRecorder();
  for (let k = 0; k < TICKS; k += 2) {
    // A minute's two ticks in one commit, as the writer holds a few seconds of them.
    const batch = [k, k + 1].map((i) => machine.snapshotAt(i * STEP_S));
    const records = [];
    for (const snap of batch) {
      nowMs = snap.takenAtMs;
      points.push(systemPointOf(snap));
      const isInWindow = snap.takenAtMs >= WINDOW.fromMs && snap.takenAtMs < WINDOW.toMs;
      for (const row of snap.processes) {
        const key = identityKey(row.pid, row.startTimeMs);
        const ms = cpuMsOf(snap, row.cpuPercent);
        add(dayCpu, key, ms);
        if (isInWindow) add(windowCpu, key, ms);
        const exe = row.exePath ?? row.name;
        add(exeCpu, exe, ms);
        exeIdentities.set(exe, (exeIdentities.get(exe) ?? new Set()).add(key));
      }
      const record = recorder.record(snap);
      if (record) records.push(record);
    }
    store.writeAll(records);
  }
}, 300_000);

afterAll(() => {
  store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a day at 2,000 processes through the real store', () => {
  it.each(Array.from({ length: 24 }, (_, hour) => hour))('hour %i: the processes at a moment, exactly as fed', (hour) => {
    // Even hours: a minute's complete list; odd ones: the active tick after it (idle rows from the list).
    const k = hour * 120 + (hour % 2);
    const snap = machine.snapshotAt(k * STEP_S);
    const listSnap = machine.snapshotAt((k - (k % 2)) * STEP_S);
    const alive = new Set(snap.processes.map((p) => identityKey(p.pid, p.startTimeMs)));
    const apps = listSnap.apps.map((app) => ({ ...app, members: app.members.filter((m) => alive.has(identityKey(m.pid, m.startTimeMs))) })).filter((app) => app.members.length > 0);
    const atMs = snap.takenAtMs + 10_000;
    const answer = readProcessesAt(store, { kind: 'processesAt', atMs }, nowMs);
    if (!answer.ok) throw new Error(answer.message);
    expect(answer.value.processes).toHaveLength(PROCESSES);
    expect(answer.value).toEqual({ atMs, takenAtMs: snap.takenAtMs, processes: [...snap.processes].sort((a, b) => a.pid - b.pid), apps });
  });

  it('the day at 1 min: 1,440 means of the minute’s ticks; at 1 h: 24 means of the hour’s', () => {
    const byMinute = readSeries(store, { kind: 'historySeries', fromMs: START_MS, toMs: START_MS + DAY_MS, stepMs: MINUTE_MS }, nowMs);
    if (!byMinute.ok) throw new Error(byMinute.message);
    expect(byMinute.value.points).toHaveLength(1_440);
    const mean = (of: readonly SystemPoint[]) => of.reduce((sum, p) => sum + (p.cpu.totalPercent ?? Number.NaN), 0) / of.length;
    byMinute.value.points.forEach((point, minute) => {
      expect(point.takenAtMs).toBe(START_MS + minute * MINUTE_MS);
      expect(point.cpu.totalPercent).toBeCloseTo(mean(points.slice(minute * 2, minute * 2 + 2)), 9);
    });
    const byHour = readSeries(store, { kind: 'historySeries', fromMs: START_MS, toMs: START_MS + DAY_MS, stepMs: HOUR_MS }, nowMs);
    if (!byHour.ok) throw new Error(byHour.message);
    expect(byHour.value.points.map((p) => p.takenAtMs)).toEqual(Array.from({ length: 24 }, (_, hour) => START_MS + hour * HOUR_MS));
    byHour.value.points.forEach((point, hour) => expect(point.cpu.totalPercent).toBeCloseTo(mean(points.slice(hour * 120, hour * 120 + 120)), 9));
  });

  it.each([
    ['the whole day', { fromMs: START_MS, toMs: START_MS + DAY_MS }, dayCpu],
    ['03:00–03:15', WINDOW, windowCpu],
  ])('top 10 by CPU over %s: each one’s CPU time as fed, highest first, none left out that used more', (_, range, fed) => {
    const answer = answerHistoryQuery(store, { kind: 'topConsumers', ...range, by: 'cpu', limit: 10 }, nowMs);
    if (!answer.ok || answer.kind !== 'topConsumers') throw new Error(JSON.stringify(answer));
    const top = answer.value.processes;
    expect(top).toHaveLength(10);
    for (const usage of top) expect(usage.cpuTimeMs).toBeCloseTo(fed.get(identityKey(usage.pid, usage.startTimeMs)) ?? Number.NaN, 6);
    const cpuTimes = top.map((u) => u.cpuTimeMs);
    expect(cpuTimes).toEqual([...cpuTimes].sort((a, b) => b - a));
    const shown = new Set(top.map((u) => identityKey(u.pid, u.startTimeMs)));
    const bestLeftOut = Math.max(...[...fed].filter(([key]) => !shown.has(key)).map(([, ms]) => ms));
    expect(bestLeftOut).toBeLessThanOrEqual((cpuTimes.at(-1) ?? 0) + 1e-6);
  });

  it('App history over the day: each executable’s CPU time and processes as fed', () => {
    const answer = answerHistoryQuery(store, { kind: 'appHistory', fromMs: START_MS, toMs: START_MS + DAY_MS }, nowMs);
    if (!answer.ok || answer.kind !== 'appHistory') throw new Error(JSON.stringify(answer));
    const executables = answer.value.executables;
    expect(executables.map((e) => e.exePath).sort()).toEqual([...exeCpu.keys()].sort());
    for (const exe of executables) {
      expect(exe.cpuTimeMs).toBeCloseTo(exeCpu.get(exe.exePath ?? '') ?? Number.NaN, 6);
      expect(exe.processCount).toBe(exeIdentities.get(exe.exePath ?? '')?.size);
    }
  });
});
