/**
 * Anomaly baselines' samples through the real store: a machine figure from the 1 min tier, an
 * app's CPU % and memory from the usage minutes, each equal to what the queries a user sees answer
 * for the same minute; the minute under way and an unknown app give none.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemPoint } from '../../src-shared/query.ts';
import { snapshot } from '../../src-shared/testing/fixtures.ts';
import { machineBaselineValue, readBaselineSamples } from './history-baseline-reads.ts';
import { openHistoryDb, type HistoryDb } from './history-db.ts';
import { answerHistoryQuery } from './history-reads.ts';
import { HistoryRecorder } from './history-recorder.ts';
import { syntheticMachine } from './history-synthetic.ts';

const START_MS = 1_699_999_200_000; // a whole hour
const MINUTE_MS = 60_000;
let dir: string;
let store: HistoryDb;
let nowMs = START_MS;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-baseline-'));
  store = openHistoryDb({ dir, now: () => nowMs }).db;
  const machine = syntheticMachine(START_MS, 20);
  const recorder = new HistoryRecorder();
  // Three whole minutes and the start of a fourth (under way: not rolled up).
  for (let i = 0; i <= 190; i++) {
    const snap = machine.snapshotAt(i);
    nowMs = snap.takenAtMs;
    const tick = recorder.record(snap);
    if (tick) store.write(tick);
  }
});
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('machineBaselineValue (pure)', () => {
  const point = (over: Partial<SystemPoint>): SystemPoint => {
    const { processes: _p, apps: _a, volumes: _v, ...rest } = snapshot();
    return { ...rest, ...over };
  };
  it.each<[string, SystemPoint, Parameters<typeof machineBaselineValue>[1], number | null]>([
    ['CPU', point({ cpu: { ...point({}).cpu, totalPercent: 37 } }), 'cpuPercent', 37],
    ['memory used %', point({ memory: { ...point({}).memory, usedBytes: 250, totalBytes: 1000 } }), 'memoryUsedPercent', 25],
    ['no memory total', point({ memory: { ...point({}).memory, usedBytes: 0, totalBytes: 0 } }), 'memoryUsedPercent', null],
    [
      'disks together',
      point({ disks: ['a', 'b'].map((id) => ({ id, name: id, readBytesPerSec: 100, writeBytesPerSec: 5, activePercent: 1, responseTimeMs: null })) }),
      'diskBytesPerSec',
      210,
    ],
    ['a disk without a rate', point({ disks: [{ id: 'a', name: 'a', readBytesPerSec: null, writeBytesPerSec: 5, activePercent: 1, responseTimeMs: null }] }), 'diskBytesPerSec', null],
    ['no disks at all', point({ disks: [] }), 'diskBytesPerSec', 0],
    ['interfaces together', point({ network: [{ name: 'eth0', rxBytesPerSec: 7, txBytesPerSec: 3, rxTotalBytes: 0, txTotalBytes: 0 }] }), 'networkBytesPerSec', 10],
    ['an app figure asked of the machine', point({}), 'memoryBytes', null],
  ])('%s', (_, p, metric, expected) => expect(machineBaselineValue(p, metric)).toBe(expected));
});

describe('readBaselineSamples through the store', () => {
  const windows = [{ fromMs: START_MS, toMs: START_MS + 10 * MINUTE_MS }];

  it('a machine figure: one sample a whole minute, as historySeries shows it', () => {
    const samples = readBaselineSamples(store, { scope: 'machine', metric: 'cpuPercent', app: null, windows });
    const series = answerHistoryQuery(store, { kind: 'historySeries', fromMs: START_MS, toMs: START_MS + 3 * MINUTE_MS, stepMs: MINUTE_MS }, nowMs);
    if (!series.ok || series.kind !== 'historySeries') throw new Error(JSON.stringify(series));
    expect(samples.map((s) => s.atMs)).toEqual([0, 1, 2].map((m) => START_MS + m * MINUTE_MS));
    expect(samples.map((s) => s.value)).toEqual(series.value.points.map((p) => p.cpu.totalPercent));
  });

  it("an app's CPU % and memory: the minutes it ran, as App history shows each minute", () => {
    const cpu = readBaselineSamples(store, { scope: 'app', metric: 'cpuPercent', app: 'proc-3', windows });
    const memory = readBaselineSamples(store, { scope: 'app', metric: 'memoryBytes', app: 'proc-3', windows });
    expect(cpu.map((s) => s.atMs)).toEqual([0, 1, 2].map((m) => START_MS + m * MINUTE_MS));
    for (const [i, sample] of cpu.entries()) {
      const minute = answerHistoryQuery(store, { kind: 'appHistory', fromMs: sample.atMs, toMs: sample.atMs + MINUTE_MS }, nowMs);
      if (!minute.ok || minute.kind !== 'appHistory') throw new Error(JSON.stringify(minute));
      const app = minute.value.apps.find((a) => a.name === 'proc-3');
      expect(sample.value).toBeCloseTo(app?.cpuPercentMean ?? Number.NaN, 9);
      expect(memory[i]?.value).toBeCloseTo(app?.memoryMeanBytes ?? Number.NaN, 3);
    }
    expect(cpu.some((s) => s.value > 0)).toBe(true);
  });

  it('an app the store never saw, or a window with nothing recorded, has no samples', () => {
    expect(readBaselineSamples(store, { scope: 'app', metric: 'cpuPercent', app: 'no-such-app', windows })).toEqual([]);
    expect(readBaselineSamples(store, { scope: 'machine', metric: 'cpuPercent', app: null, windows: [{ fromMs: START_MS - 86_400_000, toMs: START_MS - 82_800_000 }] })).toEqual([]);
  });
});
