/**
 * History's events (starts, exits, commands, recording started, gaps), delete history (the bytes
 * are gone from the file and its WAL) and the command-line settings, through the real store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_HISTORY_EVENTS, type HistoryEvent, type HistoryEventKind } from '../../src-shared/query.ts';
import type { Snapshot } from '../../src-shared/snapshot.ts';
import { cpuFigures, processRow, snapshot } from '../../src-shared/testing/fixtures.ts';
import { HISTORY_FILE, openHistoryDb, type HistoryDb } from './history-db.ts';
import { commandNotes, durationText, gapDetail } from './history-events.ts';
import { answerHistoryQuery, readStatus } from './history-reads.ts';
import { HistoryRecorder } from './history-recorder.ts';
import { recordedCommandLine } from './history-settings.ts';

const T0 = 1_700_000_040_000;
const ME = os.userInfo().username;
let dir: string;
let nowMs = T0;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-events-'));
  nowMs = T0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const row = (pid: number, over: Parameters<typeof processRow>[0] = {}) => processRow({ pid, name: `p${pid}`, user: ME, cpuPercent: 1, memoryBytes: 1_000, ...over });
const snap = (atMs: number, processes: Snapshot['processes']): Snapshot => snapshot({ takenAtMs: atMs, cpu: cpuFigures({ logicalCores: 1 }), processes });

function feed(store: HistoryDb, snaps: readonly Snapshot[], recorder = new HistoryRecorder()): void {
  for (const s of snaps) {
    nowMs = s.takenAtMs;
    const tick = recorder.record(s);
    if (tick) store.write(tick);
  }
}

function events(store: HistoryDb, fromMs = T0 - 60_000, toMs = nowMs + 1): HistoryEvent[] {
  const answer = answerHistoryQuery(store, { kind: 'historyEvents', fromMs, toMs }, nowMs);
  if (!answer.ok || answer.kind !== 'historyEvents') throw new Error(JSON.stringify(answer));
  return answer.value.events;
}

describe('event details (pure)', () => {
  it.each([
    [42_000, '42 s'],
    [119_400, '119 s'],
    [185_000, '3 min 5 s'],
    [180_000, '3 min'],
    [7_800_000, '2 h 10 min'],
  ])('durationText(%i) is %s', (ms, text) => expect(durationText(ms)).toBe(text));

  it.each<[number, number, number, string | null]>([
    [0, 1_000, 3_000, null],
    [0, 1_000, 3_001, 'no samples for 3 s'],
    [0, 1_000, 42_000, 'no samples for 42 s'],
    [0, 5_000, 15_000, null],
  ])('a tick at %i (interval %i) then %i: %s', (previousMs, intervalMs, tMs, detail) => expect(gapDetail(previousMs, intervalMs, tMs)).toBe(detail));

  it.each<[string, Parameters<typeof commandNotes>, { pid: number; detail: string }[]]>([
    ['a kill that worked', ['kill', { pid: 5, startTimeMs: 1 }, { ok: true }], [{ pid: 5, detail: 'kill: done' }]],
    ['a refusal', ['suspend', { pid: 5, startTimeMs: 1 }, { ok: false, code: 'ACCESS_DENIED', message: 'not yours' }], [{ pid: 5, detail: 'suspend: ACCESS_DENIED — not yours' }]],
    [
      'an app: each member its outcome',
      ['killApp', { appId: 'a', members: [{ pid: 5, startTimeMs: 1 }, { pid: 6, startTimeMs: 1 }] }, { ok: true, done: [{ pid: 5, startTimeMs: 1 }], gone: [], failed: [{ pid: 6, startTimeMs: 1, code: 'PROTECTED', message: 'system' }] }],
      [{ pid: 5, detail: 'killApp: done' }, { pid: 6, detail: 'killApp: PROTECTED — system' }],
    ],
    [
      'a tree: the root is noted with the count when it is not listed',
      ['kill', { pid: 5, startTimeMs: 1, tree: true }, { ok: true, done: [{ pid: 7, startTimeMs: 1 }], gone: [{ pid: 8, startTimeMs: 1 }], failed: [] }],
      [{ pid: 7, detail: 'kill: done' }, { pid: 8, detail: 'kill: had already exited' }, { pid: 5, detail: 'kill: 1 done, 1 already exited, 0 failed' }],
    ],
    ['a command on no process', ['setCollectorSettings', { intervalMs: 500 }, { ok: true }], []],
    ['history settings', ['setHistorySettings', { isRecordingOthersCommandLines: true }, { ok: true }], []],
  ])('commandNotes: %s', (_name, args, notes) => {
    expect(commandNotes(...args).map((n) => ({ pid: n.pid, detail: n.detail }))).toEqual(notes);
  });

  it.each<[string, string | null, boolean, boolean, string | null]>([
    ['own, own on', ME, true, false, 'cmd'],
    ['own, own off', ME, false, true, null],
    ['another account, others off', 'someone-else', true, false, null],
    ['another account, others on', 'someone-else', false, true, 'cmd'],
    ['a Windows DOMAIN\\user of the host', `HOST\\${ME}`, true, false, 'cmd'],
    ['unknown user: counts as another', null, true, false, null],
  ])('recordedCommandLine: %s', (_name, user, own, others, expected) => {
    expect(recordedCommandLine({ user, commandLine: 'cmd' }, { isRecordingOwnCommandLines: own, isRecordingOthersCommandLines: others }, ME)).toBe(expected);
  });
});

describe('history events through the store', () => {
  it('recording started, starts and exits with names, a gap, and commands, oldest first', () => {
    const store = openHistoryDb({ dir, now: () => nowMs }).db;
    feed(store, [snap(T0, [row(1)]), snap(T0 + 1_000, [row(1), row(2)]), snap(T0 + 2_000, [row(2)]), snap(T0 + 44_000, [row(2)])]);
    store.notes.recordCommand(T0 + 44_500, commandNotes('kill', { pid: 2, startTimeMs: row(2).startTimeMs }, { ok: false, code: 'ACCESS_DENIED', message: 'operation not permitted' }));
    nowMs = T0 + 45_000;
    expect(events(store).map((e) => [e.atMs - T0, e.kind, e.pid, e.name, e.detail])).toEqual([
      [0, 'recordingStarted', null, null, null],
      [1_000, 'start', 2, 'p2', null],
      [2_000, 'exit', 1, 'p1', null],
      [2_000, 'gap', null, null, 'no samples for 42 s'],
      [44_500, 'command', 2, 'p2', 'kill: ACCESS_DENIED — operation not permitted'],
    ]);
    // One kind asked: only its events (a process's from the store's rows, the others from the notes).
    const ofKind = (eventKind: HistoryEventKind) => {
      const answer = answerHistoryQuery(store, { kind: 'historyEvents', fromMs: T0 - 60_000, toMs: nowMs + 1, eventKind }, nowMs);
      return answer.ok && answer.kind === 'historyEvents' ? answer.value.events.map((e) => [e.atMs - T0, e.kind, e.name]) : answer;
    };
    expect(ofKind('exit')).toEqual([[2_000, 'exit', 'p1']]);
    expect(ofKind('gap')).toEqual([[2_000, 'gap', null]]);
    expect(ofKind('alert')).toEqual([]);
    // A range: only its events; nothing recorded there: NO_HISTORY; in the future: fromMs named.
    expect(events(store, T0 + 1_000, T0 + 2_000).map((e) => e.kind)).toEqual(['start']);
    expect(answerHistoryQuery(store, { kind: 'historyEvents', fromMs: T0 - 7_200_000, toMs: T0 - 3_600_000 }, nowMs)).toMatchObject({ ok: false, code: 'NO_HISTORY' });
    expect(answerHistoryQuery(store, { kind: 'historyEvents', fromMs: nowMs + 1, toMs: nowMs + 2 }, nowMs)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: expect.stringContaining('fromMs') as unknown });
    store.close();
  });

  it("alerts: fired, an action's outcome and cleared, named after the process or the app, with their details", () => {
    const store = openHistoryDb({ dir, now: () => nowMs }).db;
    feed(store, [snap(T0, [row(1)])]);
    store.notes.recordAlerts([
      { atMs: T0 + 100, pid: 1, startTimeMs: row(1).startTimeMs, name: 'burn', detail: 'CPU hog fired: burn (1): CPU 85 % for 3 s (above 40 %)' },
      { atMs: T0 + 200, pid: 1, startTimeMs: row(1).startTimeMs, name: 'burn', detail: 'CPU hog: set priority to below normal: done' },
      { atMs: T0 + 300, pid: null, startTimeMs: null, name: 'Chrome', detail: 'Chrome memory cleared' },
    ]);
    nowMs = T0 + 1_000;
    expect(events(store).filter((e) => e.kind === 'alert').map((e) => [e.atMs - T0, e.pid, e.startTimeMs, e.name, e.detail])).toEqual([
      [100, 1, row(1).startTimeMs, 'burn', 'CPU hog fired: burn (1): CPU 85 % for 3 s (above 40 %)'],
      [200, 1, row(1).startTimeMs, 'burn', 'CPU hog: set priority to below normal: done'],
      [300, null, null, 'Chrome', 'Chrome memory cleared'],
    ]);
    // One kind asked: only its events, from either table.
    const only = (eventKind: HistoryEventKind) => {
      const answer = answerHistoryQuery(store, { kind: 'historyEvents', fromMs: T0, toMs: T0 + 1_000, eventKind }, nowMs);
      return answer.ok && answer.kind === 'historyEvents' ? answer.value.events.map((e) => [e.atMs - T0, e.kind]) : answer;
    };
    expect(only('alert')).toEqual([[100, 'alert'], [200, 'alert'], [300, 'alert']]);
    expect(only('recordingStarted')).toEqual([[0, 'recordingStarted']]);
    expect(only('gap')).toEqual([]);
    store.close();
  });

  it(`at most ${MAX_HISTORY_EVENTS} events, the oldest first, and isTruncated`, () => {
    const store = openHistoryDb({ dir, now: () => nowMs }).db;
    feed(store, [snap(T0, [row(1)])]);
    store.notes.recordCommand(T0 + 500, Array.from({ length: MAX_HISTORY_EVENTS }, () => ({ pid: 1, startTimeMs: row(1).startTimeMs, detail: 'kill: done' })));
    const answer = answerHistoryQuery(store, { kind: 'historyEvents', fromMs: T0, toMs: T0 + 1_000 }, nowMs);
    expect(answer).toMatchObject({ ok: true, value: { isTruncated: true } });
    expect(answer.ok && answer.kind === 'historyEvents' && answer.value.events).toHaveLength(MAX_HISTORY_EVENTS);
    expect(answer.ok && answer.kind === 'historyEvents' && answer.value.events[0]?.kind).toBe('recordingStarted');
    store.close();
  });
});

describe('delete history and settings', () => {
  const MARKER = 'secret-marker-7f3a9c';
  const fileBytes = () => Buffer.concat(['', '-wal'].map((suffix) => (fs.existsSync(path.join(dir, HISTORY_FILE + suffix)) ? fs.readFileSync(path.join(dir, HISTORY_FILE + suffix)) : Buffer.alloc(0))));

  it('everything: no trace of a command line is left in the file or its WAL; recording goes on', () => {
    const store = openHistoryDb({ dir, now: () => nowMs }).db;
    const recorder = new HistoryRecorder();
    feed(store, [snap(T0, [row(1, { commandLine: `/bin/app --token ${MARKER}` })]), snap(T0 + 60_000, [row(1, { commandLine: `/bin/app --token ${MARKER}` })])], recorder);
    expect(fileBytes().includes(MARKER)).toBe(true);
    store.deleteHistory('everything');
    expect(fileBytes().includes(MARKER)).toBe(false);
    expect(readStatus(store)).toMatchObject({ oldestMs: null, newestMs: null });
    // The host's recorder names every process again after a delete (history-store.ts).
    recorder.reset();
    feed(store, [snap(T0 + 61_000, [row(1, { commandLine: '/bin/app' })])], recorder);
    const at = answerHistoryQuery(store, { kind: 'processesAt', atMs: T0 + 61_000 }, nowMs);
    expect(at.ok && at.kind === 'processesAt' && at.value.processes.map((p) => p.pid)).toEqual([1]);
    store.close();
  });

  it('usage: App history and top consumers are emptied, the rest stays', () => {
    const store = openHistoryDb({ dir, now: () => nowMs }).db;
    feed(store, [snap(T0, [row(1)]), snap(T0 + 60_000, [row(1)])]);
    const range = { fromMs: T0, toMs: T0 + 60_000 };
    expect(answerHistoryQuery(store, { kind: 'appHistory', ...range }, nowMs).ok).toBe(true);
    store.deleteHistory('usage');
    expect(answerHistoryQuery(store, { kind: 'appHistory', ...range }, nowMs)).toMatchObject({ ok: false, code: 'NO_HISTORY' });
    expect(answerHistoryQuery(store, { kind: 'processesAt', atMs: T0 }, nowMs).ok).toBe(true);
    // Usage goes on being recorded for the processes already running.
    feed(store, [snap(T0 + 120_000, [row(1)]), snap(T0 + 180_000, [row(1)])]);
    const after = answerHistoryQuery(store, { kind: 'topConsumers', fromMs: T0 + 120_000, toMs: T0 + 180_000, by: 'cpu', limit: 5 }, nowMs);
    expect(after.ok && after.kind === 'topConsumers' && after.value.processes.map((p) => p.pid)).toEqual([1]);
    store.close();
  });

  it("settings: another account's command line is null unless opted in; kept in the store; status reports them", () => {
    let store = openHistoryDb({ dir, now: () => nowMs }).db;
    const other = (pid: number) => row(pid, { user: 'someone-else', commandLine: `/bin/other --pid ${pid}` });
    const mine = (pid: number) => row(pid, { commandLine: `/bin/mine --pid ${pid}` });
    const commandLines = () => {
      const at = answerHistoryQuery(store, { kind: 'processesAt', atMs: nowMs }, nowMs);
      return at.ok && at.kind === 'processesAt' ? at.value.processes.map((p) => [p.pid, p.commandLine]) : [];
    };
    feed(store, [snap(T0, [mine(1), other(2)])]);
    expect(commandLines()).toEqual([
      [1, '/bin/mine --pid 1'],
      [2, null],
    ]);
    store.settings.set({ isRecordingOthersCommandLines: true, isRecordingOwnCommandLines: false });
    store.close();
    store = openHistoryDb({ dir, now: () => nowMs }).db;
    expect(readStatus(store).settings).toEqual({ isRecordingOthersCommandLines: true, isRecordingOwnCommandLines: false });
    feed(store, [snap(T0 + 1_000, [mine(3), other(4)])]);
    expect(commandLines()).toEqual([
      [3, null],
      [4, '/bin/other --pid 4'],
    ]);
    // Turned off again: the ones recorded meanwhile are forgotten too, to the bytes of the file.
    store.settings.set({ isRecordingOthersCommandLines: false });
    expect(commandLines()).toEqual([
      [3, null],
      [4, null],
    ]);
    expect(fileBytes().includes('/bin/other --pid 4')).toBe(false);
    store.close();
  });
});
