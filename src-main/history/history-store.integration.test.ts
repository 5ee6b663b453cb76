/**
 * The store as the hosts use it: a real writer thread (history-worker.ts) on a temp folder,
 * snapshots sent with `record` (which never waits), the queries answered through the worker; two
 * stores (two writer threads) on one folder; a damaged file's notice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryStatus } from '../../src-shared/query.ts';
import { systemPointOf } from '../core/recent-series-ring.ts';
import { HISTORY_FILE } from './history-db.ts';
import { MINUTE_MS } from './history-rollup.ts';
import { HistoryStore, MAX_TICKS_IN_FLIGHT } from './history-store.ts';
import { syntheticMachine } from './history-synthetic.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-store-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function until<T>(read: () => Promise<T>, isDone: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (isDone(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('HistoryStore (the writer thread)', () => {
  it("starts with the host's settings over the stored ones, and keeps a later change across a restart without them", async () => {
    const first = new HistoryStore({ dir, settings: { isRecordingOthersCommandLines: true } });
    expect((await first.status()).settings).toEqual({ isRecordingOwnCommandLines: true, isRecordingOthersCommandLines: true });
    expect(await first.setHistorySettings({ isRecordingOwnCommandLines: false })).toEqual({ ok: true });
    await first.close();
    const second = new HistoryStore({ dir });
    expect((await second.status()).settings).toEqual({ isRecordingOwnCommandLines: false, isRecordingOthersCommandLines: true });
    await second.close();
    const third = new HistoryStore({ dir, settings: { isRecordingOwnCommandLines: true, isRecordingOthersCommandLines: false } });
    expect((await third.status()).settings).toEqual({ isRecordingOwnCommandLines: true, isRecordingOthersCommandLines: false });
    await third.close();
  });

  it('records what it is sent and answers the three queries through the writer', async () => {
    // The writer prunes by the real clock: the run is the last two minutes.
    const startMs = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 2 * MINUTE_MS;
    const machine = syntheticMachine(startMs, 100);
    const store = new HistoryStore({ dir });
    const fed = Array.from({ length: 90 }, (_, tick) => machine.snapshotAt(tick));
    // Paced as a collector would be: never more ticks in flight than the writer takes.
    for (const [tick, snap] of fed.entries()) {
      store.record(snap);
      if (tick % 20 === 19 || tick === fed.length - 1) await until(() => store.status(), (s) => s.newestMs === snap.takenAtMs, `tick ${tick} to be written`);
    }
    const status = await store.status();
    expect(status).toMatchObject({ state: 'recording', reason: null, oldestMs: startMs });
    expect(status.bytes).toBeGreaterThan(0);

    const series = await store.read({ kind: 'historySeries', fromMs: startMs, toMs: startMs + 90_000, stepMs: 1_000 });
    expect(series).toMatchObject({ ok: true, kind: 'historySeries' });
    expect(series.ok && series.kind === 'historySeries' && series.value.points).toEqual(fed.map(systemPointOf));

    const at = await store.read({ kind: 'processesAt', atMs: startMs + 75_400 });
    expect(at.ok && at.kind === 'processesAt' && at.value.takenAtMs).toBe(startMs + 75_000);
    expect(at.ok && at.kind === 'processesAt' && at.value.processes).toEqual([...(fed[75]?.processes ?? [])].sort((a, b) => a.pid - b.pid));

    expect(await store.read({ kind: 'processesAt', atMs: Date.now() + 60_000 })).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    await store.close();
    // The file is whole after close: a new writer reads it back.
    const again = new HistoryStore({ dir });
    expect(await again.status()).toMatchObject({ state: 'recording', newestMs: startMs + 89_000 });
    await again.close();
  });

  it('through the writer: commands noted as events, settings kept and reported, App history, then everything deleted', async () => {
    const startMs = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 2 * MINUTE_MS;
    const machine = syntheticMachine(startMs, 10);
    const store = new HistoryStore({ dir });
    for (let tick = 0; tick < 70; tick++) {
      const snap = machine.snapshotAt(tick);
      store.record(snap);
      if (tick % 20 === 19 || tick === 69) await until(() => store.status(), (s) => s.newestMs === snap.takenAtMs, `tick ${tick} to be written`);
    }
    const target = machine.snapshotAt(69).processes[3];
    if (!target) throw new Error('no process 3');
    store.recordCommand('suspend', { pid: target.pid, startTimeMs: target.startTimeMs }, { ok: false, code: 'ACCESS_DENIED', message: 'not yours' }, startMs + 69_500);
    const range = { fromMs: startMs, toMs: startMs + 70_000 };
    const events = await store.read({ kind: 'historyEvents', ...range });
    expect(events.ok && events.kind === 'historyEvents' && events.value.events.filter((e) => e.kind === 'command')).toEqual([
      { atMs: startMs + 69_500, kind: 'command', pid: target.pid, startTimeMs: target.startTimeMs, name: target.name, detail: 'suspend: ACCESS_DENIED — not yours' },
    ]);
    // What the rules did (alert-service.ts) is noted the same way, and a baseline's minutes are read through the writer.
    store.recordAlerts([{ atMs: startMs + 69_600, pid: target.pid, startTimeMs: target.startTimeMs, name: target.name, detail: 'CPU hog: suspend: done' }]);
    const alerts = await store.read({ kind: 'historyEvents', ...range });
    expect(alerts.ok && alerts.kind === 'historyEvents' && alerts.value.events.filter((e) => e.kind === 'alert')).toEqual([
      { atMs: startMs + 69_600, kind: 'alert', pid: target.pid, startTimeMs: target.startTimeMs, name: target.name, detail: 'CPU hog: suspend: done' },
    ]);
    const samples = await store.readBaselineSamples({ scope: 'machine', metric: 'cpuPercent', app: null, windows: [range] });
    expect(samples.ok && samples.value.map((v) => v.atMs)).toEqual([startMs]);
    const apps = await store.read({ kind: 'appHistory', ...range });
    expect(apps.ok && apps.kind === 'appHistory' && apps.value.apps.map((a) => a.name).sort()).toEqual(machine.snapshotAt(0).apps.map((a) => a.name).sort());
    expect(await store.setHistorySettings({ isRecordingOthersCommandLines: true })).toEqual({ ok: true });
    expect((await store.status()).settings).toEqual({ isRecordingOwnCommandLines: true, isRecordingOthersCommandLines: true });
    expect(await store.deleteHistory({ scope: 'everything' })).toEqual({ ok: true });
    expect(await store.status()).toMatchObject({ oldestMs: null, newestMs: null, settings: { isRecordingOthersCommandLines: true } });
    expect(await store.read({ kind: 'appHistory', ...range })).toMatchObject({ ok: false, code: 'NO_HISTORY' });
    await store.close();
  });

  it('a writer behind by more than MAX_TICKS_IN_FLIGHT ticks: the rest are dropped, not queued, and the status says so', async () => {
    const startMs = Date.now() - 100_000;
    const machine = syntheticMachine(startMs, 20);
    const store = new HistoryStore({ dir });
    for (let tick = 0; tick < MAX_TICKS_IN_FLIGHT + 10; tick++) store.record(machine.snapshotAt(tick));
    const status = await until(() => store.status(), (s) => s.newestMs === startMs + (MAX_TICKS_IN_FLIGHT - 1) * 1_000, 'the first ticks to be written');
    expect(status.reason).toBe('10 ticks were not recorded: the disk was too slow');
    await store.close();
  });

  it('two stores on one folder: the first writes; the second reads what it writes (read-only, naming its pid), and takes over when it has gone', async () => {
    const startMs = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 2 * MINUTE_MS;
    const machine = syntheticMachine(startMs, 50);
    const first = new HistoryStore({ dir, retryMs: 100 });
    await until(() => first.status(), (s) => s.state === 'recording', 'the first store to open');
    const second = new HistoryStore({ dir, retryMs: 100 });
    const told: HistoryStatus[] = [];
    second.onStatus((status) => told.push(status));
    const reading = await until(() => second.status(), (s) => s.state === 'readOnly', 'the second store to read');
    expect(reading.reason).toContain(`pid ${process.pid}`);
    const fed = Array.from({ length: 30 }, (_, tick) => machine.snapshotAt(tick));
    for (const snap of fed) {
      first.record(snap);
      second.record(snap); // a reader records nothing: one writer per folder
    }
    await until(() => first.status(), (s) => s.newestMs === startMs + 29_000, 'the first store to write');
    expect(await second.status()).toMatchObject({ state: 'readOnly', oldestMs: startMs, newestMs: startMs + 29_000 });
    const at = await second.read({ kind: 'processesAt', atMs: startMs + 20_000 });
    expect(at.ok && at.kind === 'processesAt' && at.value.processes).toEqual([...(fed[20]?.processes ?? [])].sort((a, b) => a.pid - b.pid));

    await first.close();
    await until(() => second.status(), (s) => s.state === 'recording', 'the second store to take over');
    for (let tick = 30; tick < 35; tick++) second.record(machine.snapshotAt(tick));
    await until(() => second.status(), (s) => s.newestMs === startMs + 34_000, 'the second store to write');
    expect(told.map((s) => s.state)).toEqual(['readOnly', 'recording']);
    await second.close();
  });

  it('a damaged file set aside is the status notice, and listeners are told', async () => {
    fs.writeFileSync(path.join(dir, HISTORY_FILE), Buffer.alloc(4096, 0x5a));
    const store = new HistoryStore({ dir });
    const told: HistoryStatus[] = [];
    store.onStatus((status) => told.push(status));
    const status = await until(() => store.status(), (s) => s.notice !== null, 'the notice');
    expect(status).toMatchObject({ state: 'recording', notice: expect.stringMatching(/^The history file was damaged: it was kept aside as history\.corrupt-.+\.sqlite and a new one started\.$/) as unknown });
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('history.corrupt-'))).toHaveLength(1);
    await until(() => Promise.resolve(told), (t) => t.length > 0, 'the listener to be told');
    expect(told[0]?.notice).toBe(status.notice);
    await store.close();
  });

  it('a store that cannot be opened pauses recording with the reason; sending to it never throws', async () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const store = new HistoryStore({ dir: path.join(blocker, 'history') });
    const status = await until(() => store.status(), (s) => s.state === 'paused', 'the writer to give up');
    expect(status.reason).toContain('could not be opened');
    expect(() => store.record(syntheticMachine(Date.now(), 3).snapshotAt(0))).not.toThrow();
    expect(await store.read({ kind: 'historySeries', fromMs: 0, toMs: 1_000, stepMs: 1_000 })).toMatchObject({ ok: false, code: 'HISTORY_OFF' });
    await store.close();
  });
});
