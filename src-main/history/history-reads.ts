/**
 * The three history queries answered from the store (history-db.ts), on the writer's thread:
 * `historySeries` from the tier matching the step, `processesAt` from the 1 s samples and the
 * minute's complete list, `historyStatus`; `topConsumers` and `appHistory` (history-usage-reads.ts),
 * `historyEvents` (history-events.ts). A moment or range wholly in the future is
 * INVALID_ARGUMENT naming the field; nothing recorded is NO_HISTORY.
 */
import type { AnyQueryResult, HistorySeries, HistoryStatus, ProcessesAt, QueryOf } from '../../src-shared/query.ts';
import { failure, type Failure } from '../../src-shared/results.ts';
import type { ProcessRow } from '../../src-shared/snapshot.ts';
import path from 'node:path';
import type { HistoryDb } from './history-db.ts';
import { appsOf, sampleBytes } from './history-blobs.ts';
import { readEvents } from './history-events.ts';
import { identityKey } from './history-recorder.ts';
import { decodeSamplesInto, FiguresTable, type Figures } from './sample-codec.ts';
import type { HistoryReadQuery } from './history-source.ts';
import { readAppHistory, readTopConsumers } from './history-usage-reads.ts';
import { MINUTE_MS, rollUpBySteps, SECOND_MS, stepStart, tierFor, type SystemTier } from './history-rollup.ts';

type Answer<T> = { ok: true; value: T } | Failure;

export function readSeries(store: HistoryDb, query: QueryOf<'historySeries'>, nowMs: number): Answer<HistorySeries> {
  if (query.fromMs > nowMs) return failure('INVALID_ARGUMENT', 'query: fromMs: the range is in the future');
  const tier = tierFor(query.stepMs, query.fromMs, nowMs, store.retention);
  // From the start of the step holding fromMs, so its first point is a whole step's mean.
  const fromMs = stepStart(query.fromMs, query.stepMs);
  const read = (table: SystemTier['table'], since: number) => store.readPoints(table, since, query.toMs);
  const points = read(tier.table, fromMs);
  if (tier.table !== 'system_1s') {
    // The minute (or hour) under way is not rolled up yet: its 1 s rows stand in for it.
    const newest = points.at(-1)?.point.takenAtMs;
    points.push(...read('system_1s', newest === undefined ? fromMs : newest + tier.stepMs));
  }
  if (points.length === 0) return failure('NO_HISTORY', `nothing was recorded from ${new Date(query.fromMs).toISOString()} to ${new Date(query.toMs).toISOString()}`);
  // Each step's mean; at 1 s a second with one tick is that tick as recorded.
  const stepped = rollUpBySteps(points, query.stepMs, query.stepMs === SECOND_MS);
  return { ok: true, value: { fromMs: query.fromMs, toMs: query.toMs, stepMs: query.stepMs, points: stepped.map((p) => p.point) } };
}

function num(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}
function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function rowOf(identity: Record<string, unknown>, figures: Figures, isAtMoment: boolean): ProcessRow {
  // Not sampled at the moment itself: it was idle then (1 s rows hold every active process), so
  // its CPU, I/O, network and GPU were 0 there (null stays null: no such figure here).
  const moving = (value: number | null): number | null => (isAtMoment || value === null ? value : 0);
  return {
    pid: Number(identity['pid']),
    ppid: figures.ppid,
    name: String(identity['name']),
    startTimeMs: Number(identity['start_ms']),
    user: text(identity['user']),
    state: figures.state,
    cpuPercent: isAtMoment ? figures.cpuPercent : 0,
    memoryBytes: figures.memoryBytes,
    residentBytes: figures.residentBytes,
    commitBytes: figures.commitBytes,
    threads: figures.threads,
    handles: figures.handles,
    ioReadBytesPerSec: moving(figures.ioReadBytesPerSec),
    ioWriteBytesPerSec: moving(figures.ioWriteBytesPerSec),
    netRxBytesPerSec: moving(figures.netRxBytesPerSec),
    netTxBytesPerSec: moving(figures.netTxBytesPerSec),
    gpuPercent: moving(figures.gpuPercent),
    gpuMemoryBytes: figures.gpuMemoryBytes,
    priority: figures.priority,
    isEfficiencyMode: figures.isEfficiencyMode,
    commandLine: text(identity['command_line']),
    exePath: text(identity['exe_path']),
    description: text(identity['description']),
    publisher: text(identity['publisher']),
    services: figures.services,
  };
}

/**
 * The processes at the nearest recorded second at or before `atMs` within its minute: each row
 * sampled at that second as it was; every other process alive then (in the minute's complete list
 * or first seen since, and not exited by then) from its latest sample with CPU, I/O and GPU at 0.
 * Memory and the like of those are as of that sample (at most a minute old). Apps: the minute's
 * list, members still alive (a process started since belongs to none).
 *
 * The samples are read as written (history-db.ts): the complete list, then each tick after it up
 * to the moment, each against the figures before it.
 */
export function readProcessesAt(store: HistoryDb, query: QueryOf<'processesAt'>, nowMs: number): Answer<ProcessesAt> {
  if (query.atMs > nowMs) return failure('INVALID_ARGUMENT', 'query: atMs: the moment is in the future');
  const db = store.connection;
  const lowMs = stepStart(query.atMs, MINUTE_MS);
  const latest = (table: string) => num(db.prepare(`SELECT max(t) AS t FROM ${table} WHERE t <= ? AND t >= ?`).get(query.atMs, lowMs)?.['t']);
  // The 1 s ticks are kept a day, the minute lists a week: past a day, the minute's list alone.
  const takenAtMs = latest('system_1s') ?? latest('minute_list');
  const noHistory = failure('NO_HISTORY', `nothing was recorded at or before ${new Date(query.atMs).toISOString()} within its minute`);
  if (takenAtMs === null) return noHistory;
  const list = db.prepare('SELECT t, apps, samples FROM minute_list WHERE t <= ? ORDER BY t DESC LIMIT 1').get(takenAtMs);
  const listMs = num(list?.['t']);
  if (listMs === null || list === undefined) return noHistory;
  // Each identity's latest figures and when they were sampled.
  const figures = new FiguresTable();
  const sampledMs = new Map<number, number>();
  const read = (t: number, value: unknown) => {
    for (const id of decodeSamplesInto(sampleBytes(value), figures)) sampledMs.set(id, t);
  };
  read(listMs, list['samples']);
  for (const tick of db.prepare('SELECT t, samples FROM tick_sample WHERE t > ? AND t <= ? ORDER BY t').all(listMs, takenAtMs)) read(Number(tick['t']), tick['samples']);
  for (const exit of db.prepare("SELECT id FROM event WHERE kind = 'exit' AND t > ? AND t <= ?").all(listMs, takenAtMs)) figures.delete(Number(exit['id']));
  const identities = db
    .prepare('SELECT id, pid, start_ms, name, user, command_line, exe_path, description, publisher FROM identity WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify([...figures.ids()]));
  const processes: ProcessRow[] = [];
  const alive = new Set<string>();
  for (const identity of identities) {
    const id = Number(identity['id']);
    const sample = figures.get(id);
    if (sample === undefined) continue;
    const row = rowOf(identity, sample, sampledMs.get(id) === takenAtMs);
    processes.push(row);
    alive.add(identityKey(row.pid, row.startTimeMs));
  }
  processes.sort((a, b) => a.pid - b.pid || a.startTimeMs - b.startTimeMs);
  const apps = appsOf(list['apps'])
    .map((app) => ({ ...app, members: app.members.filter((m) => alive.has(identityKey(m.pid, m.startTimeMs))) }))
    .filter((app) => app.members.length > 0);
  return { ok: true, value: { atMs: query.atMs, takenAtMs, processes, apps } };
}

export function readStatus(store: HistoryDb): HistoryStatus {
  return {
    state: 'recording',
    reason: null,
    oldestMs: store.oldestMs(),
    newestMs: store.newestMs(),
    bytes: store.fileBytes(),
    dir: path.dirname(store.file),
    notice: null,
    settings: store.settings.get(),
  };
}

/** Whether anything was recorded in [fromMs, toMs): the store holds moments on both sides of it, or in it. */
function hasRecorded(store: HistoryDb, fromMs: number, toMs: number): boolean {
  const oldest = store.oldestMs();
  const newest = store.newestMs();
  return oldest !== null && newest !== null && oldest < toMs && newest >= fromMs;
}

/** The answer to a range query, as it crosses to the host. */
export function answerHistoryQuery(store: HistoryDb, query: HistoryReadQuery, nowMs: number): AnyQueryResult {
  switch (query.kind) {
    case 'historySeries': {
      const read = readSeries(store, query, nowMs);
      return read.ok ? { ok: true, kind: 'historySeries', value: read.value } : read;
    }
    case 'processesAt': {
      const read = readProcessesAt(store, query, nowMs);
      return read.ok ? { ok: true, kind: 'processesAt', value: read.value } : read;
    }
    case 'topConsumers': {
      const read = readTopConsumers(store.usage, query, nowMs);
      return read.ok ? { ok: true, kind: 'topConsumers', value: read.value } : read;
    }
    case 'appHistory': {
      const read = readAppHistory(store.usage, query, nowMs);
      return read.ok ? { ok: true, kind: 'appHistory', value: read.value } : read;
    }
    case 'historyEvents': {
      const read = readEvents(store.connection, query, nowMs, (fromMs, toMs) => hasRecorded(store, fromMs, toMs));
      return read.ok ? { ok: true, kind: 'historyEvents', value: read.value } : read;
    }
  }
}
