/**
 * The store written through for real (a temp folder, node:sqlite) with a fake clock: an hour of a
 * 200-process machine with a 10-minute gap, every query checked exactly against what was fed in.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { systemPointOf } from '../core/recent-series-ring.ts';
import { HISTORY_FILE, HistoryDb, openHistoryDb } from './history-db.ts';
import { answerHistoryQuery, readProcessesAt, readSeries, readStatus } from './history-reads.ts';
import { HistoryRecorder, type TickRecord } from './history-recorder.ts';
import { MINUTE_MS } from './history-rollup.ts';
import { syntheticMachine } from './history-synthetic.ts';

const START_MS = 1_699_999_200_000; // a whole hour, so 1 min, 5 min and 1 h steps start with the run
const TICKS = 3_600;
/** Collector down from 30 min 30 s to 40 min 30 s: nothing recorded. */
const isInGap = (tick: number) => tick >= 1_830 && tick < 2_430;
const machine = syntheticMachine(START_MS, 200);

let dir: string;
let store: HistoryDb;
let nowMs = START_MS;
const fed = new Map<number, Snapshot>();

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-db-'));
  store = openHistoryDb({ dir, now: () => nowMs }).db;
  const recorder = new HistoryRecorder();
  // Committed as the writer does: the ticks of a few seconds together.
  let held: TickRecord[] = [];
  for (let tick = 0; tick < TICKS; tick++) {
    if (isInGap(tick)) continue;
    const snap = machine.snapshotAt(tick);
    nowMs = snap.takenAtMs;
    fed.set(tick, snap);
    const record = recorder.record(snap);
    if (record) held.push(record);
    if (held.length === 4) {
      store.writeAll(held);
      held = [];
    }
  }
  store.writeAll(held);
  nowMs = START_MS + TICKS * 1_000;
  // An hour of ticks: a few seconds alone, more on a machine busy with other work.
}, 60_000);

afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function fedAt(tick: number): Snapshot {
  const snap = fed.get(tick);
  if (!snap) throw new Error(`tick ${tick} was not fed`);
  return snap;
}

describe('history store: historySeries', () => {
  it('at 1 s: every point recorded, exactly as fed, the gap absent', () => {
    const answer = readSeries(store, { kind: 'historySeries', fromMs: START_MS, toMs: START_MS + TICKS * 1_000, stepMs: 1_000 }, nowMs);
    if (!answer.ok) throw new Error(answer.message);
    expect(answer.value.points).toHaveLength(TICKS - 600);
    expect(answer.value.points).toEqual([...fed.values()].map(systemPointOf));
  });

  it('at 1 min: one mean per minute that has any point (the last minute, not rolled up yet, from its 1 s rows)', () => {
    const answer = readSeries(store, { kind: 'historySeries', fromMs: START_MS, toMs: START_MS + TICKS * 1_000, stepMs: MINUTE_MS }, nowMs);
    if (!answer.ok) throw new Error(answer.message);
    const minutes = [...new Set([...fed.keys()].map((tick) => Math.floor(tick / 60)))];
    expect(minutes).toHaveLength(51);
    expect(answer.value.points.map((p) => p.takenAtMs)).toEqual(minutes.map((m) => START_MS + m * MINUTE_MS));
    for (const [i, minute] of minutes.entries()) {
      const inMinute = [...fed.entries()].filter(([tick]) => Math.floor(tick / 60) === minute).map(([, s]) => s);
      const mean = (f: (s: Snapshot) => number) => inMinute.reduce((sum, s) => sum + f(s), 0) / inMinute.length;
      const point = answer.value.points[i];
      expect(point?.cpu.totalPercent).toBeCloseTo(mean((s) => s.cpu.totalPercent ?? Number.NaN), 9);
      expect(point?.memory.usedBytes).toBeCloseTo(mean((s) => s.memory.usedBytes), 3);
      expect(point?.network[0]?.rxBytesPerSec).toBeCloseTo(mean((s) => s.network[0]?.rxBytesPerSec ?? Number.NaN), 9);
      expect(point?.intervalMs).toBe(MINUTE_MS);
    }
  });

  it('at 5 min from the 1 min tier: means weighted by the seconds behind each minute', () => {
    const answer = readSeries(store, { kind: 'historySeries', fromMs: START_MS + 25 * MINUTE_MS, toMs: START_MS + 45 * MINUTE_MS, stepMs: 300_000 }, nowMs);
    if (!answer.ok) throw new Error(answer.message);
    // 25–30 full, 30–35 only its first 30 s, 35–40 nothing (a gap), 40–45 from 40:30.
    expect(answer.value.points.map((p) => (p.takenAtMs - START_MS) / MINUTE_MS)).toEqual([25, 30, 40]);
    const ticks = [...fed.keys()].filter((t) => t >= 1_800 && t < 2_100);
    const mean = ticks.reduce((sum, t) => sum + (fedAt(t).cpu.totalPercent ?? 0), 0) / ticks.length;
    expect(answer.value.points[1]?.cpu.totalPercent).toBeCloseTo(mean, 9);
  });

  it('a range with nothing recorded is NO_HISTORY; a range wholly in the future is INVALID_ARGUMENT naming fromMs', () => {
    expect(readSeries(store, { kind: 'historySeries', fromMs: START_MS + 31 * MINUTE_MS, toMs: START_MS + 39 * MINUTE_MS, stepMs: 1_000 }, nowMs)).toMatchObject({ ok: false, code: 'NO_HISTORY' });
    expect(readSeries(store, { kind: 'historySeries', fromMs: nowMs + 1_000, toMs: nowMs + 2_000, stepMs: 1_000 }, nowMs)).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('fromMs') as unknown,
    });
  });
});

describe('history store: processesAt', () => {
  const expectedAt = (tick: number) => {
    const snap = fedAt(tick);
    const listTick = [...fed.keys()].filter((t) => t <= tick && Math.floor(t / 60) === Math.floor(tick / 60))[0] ?? -1;
    const alive = new Set(snap.processes.map((p) => `${p.pid}:${p.startTimeMs}`));
    const apps = fedAt(listTick)
      .apps.map((app) => ({ ...app, members: app.members.filter((m) => alive.has(`${m.pid}:${m.startTimeMs}`)) }))
      .filter((app) => app.members.length > 0);
    return { takenAtMs: snap.takenAtMs, processes: [...snap.processes].sort((a, b) => a.pid - b.pid), apps };
  };

  it.each([0, 1, 29, 30, 31, 59, 60, 61, 97, 1_234, 1_829, 2_430, 2_431, 2_999, 3_599])('at tick %i (and 0.5 s after it): the rows exactly as fed', (tick) => {
    for (const offset of [0, 500]) {
      const atMs = START_MS + tick * 1_000 + offset;
      const answer = readProcessesAt(store, { kind: 'processesAt', atMs }, nowMs);
      if (!answer.ok) throw new Error(answer.message);
      expect(answer.value).toEqual({ atMs, ...expectedAt(tick) });
    }
  });

  it('inside the gap: the last second of the gap minute that was recorded, else NO_HISTORY', () => {
    const inMinute30 = readProcessesAt(store, { kind: 'processesAt', atMs: START_MS + 1_850_000 }, nowMs);
    expect(inMinute30).toMatchObject({ ok: true, value: { takenAtMs: START_MS + 1_829_000 } });
    expect(readProcessesAt(store, { kind: 'processesAt', atMs: START_MS + 35 * MINUTE_MS }, nowMs)).toMatchObject({ ok: false, code: 'NO_HISTORY' });
    expect(readProcessesAt(store, { kind: 'processesAt', atMs: START_MS - 1 }, nowMs)).toMatchObject({ ok: false, code: 'NO_HISTORY' });
  });

  it('a moment in the future is INVALID_ARGUMENT naming atMs', () => {
    expect(answerHistoryQuery(store, { kind: 'processesAt', atMs: nowMs + 1 }, nowMs)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: expect.stringContaining('atMs') as unknown });
  });

  it('status: the oldest and newest moments and the bytes on disk', () => {
    const status = readStatus(store);
    expect(status).toMatchObject({ state: 'recording', reason: null, oldestMs: START_MS, newestMs: START_MS + (TICKS - 1) * 1_000 });
    expect(status.bytes).toBe(fs.statSync(path.join(dir, HISTORY_FILE)).size + fs.statSync(path.join(dir, `${HISTORY_FILE}-wal`)).size);
  });
});
