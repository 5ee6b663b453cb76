/**
 * The three history queries answered from the store (history-db.ts), on the writer's thread:
 * `historySeries` from the tier matching the step, `processesAt` from the 1 s samples and the
 * minute's complete list, `historyStatus`; `topConsumers` and `appHistory` (history-usage-reads.ts),
 * `historyEvents` (history-events.ts). A moment or range wholly in the future is
 * INVALID_ARGUMENT naming the field; nothing recorded is NO_HISTORY.
 */
import type { AnyQueryResult, HistorySeries, HistoryStatus, ProcessesAt, QueryOf, SystemPoint } from '../../src-shared/query.ts';
import { failure, type Failure } from '../../src-shared/results.ts';
import type { App, Priority, ProcessRow, ProcessState } from '../../src-shared/snapshot.ts';
import path from 'node:path';
import type { HistoryDb } from './history-db.ts';
import { readEvents } from './history-events.ts';
import type { HistoryReadQuery } from './history-source.ts';
import { readAppHistory, readTopConsumers } from './history-usage-reads.ts';
import { MINUTE_MS, rollUpBySteps, SECOND_MS, stepStart, tierFor, type WeightedPoint } from './history-rollup.ts';

type Answer<T> = { ok: true; value: T } | Failure;

export function readSeries(store: HistoryDb, query: QueryOf<'historySeries'>, nowMs: number): Answer<HistorySeries> {
  if (query.fromMs > nowMs) return failure('INVALID_ARGUMENT', 'query: fromMs: the range is in the future');
  const tier = tierFor(query.stepMs, query.fromMs, nowMs);
  // From the start of the step holding fromMs, so its first point is a whole step's mean.
  const fromMs = stepStart(query.fromMs, query.stepMs);
  const read = (table: string, since: number) =>
    store.connection
      .prepare(`SELECT n, point FROM ${table} WHERE t >= ? AND t < ? ORDER BY t`)
      .all(since, query.toMs)
      .map((row): WeightedPoint => ({ point: JSON.parse(String(row['point'])) as SystemPoint, weight: Number(row['n']) }));
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

const SAMPLE_COLUMNS =
  's.t, s.id, s.is_complete, s.ppid, s.state, s.cpu, s.memory, s.resident, s.commit_bytes, s.threads, s.handles, s.io_read, s.io_write, s.net_rx, s.net_tx, s.gpu, s.gpu_memory, s.priority, s.efficiency, s.services, i.pid, i.start_ms, i.name, i.user, i.command_line, i.exe_path, i.description, i.publisher';

function num(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}
function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function rowOf(r: Record<string, unknown>, isAtMoment: boolean): ProcessRow {
  // Not sampled at the moment itself: it was idle then (1 s rows hold every active process), so
  // its CPU, I/O and GPU were 0 there (null stays null: no such figure here).
  const moving = (value: unknown): number | null => (isAtMoment ? num(value) : num(value) === null ? null : 0);
  const efficiency = num(r['efficiency']);
  const services = text(r['services']);
  return {
    pid: Number(r['pid']),
    ppid: Number(r['ppid']),
    name: String(r['name']),
    startTimeMs: Number(r['start_ms']),
    user: text(r['user']),
    state: String(r['state']) as ProcessState, // written from a parsed ProcessRow
    cpuPercent: isAtMoment ? num(r['cpu']) : 0,
    memoryBytes: num(r['memory']),
    residentBytes: num(r['resident']),
    commitBytes: num(r['commit_bytes']),
    threads: num(r['threads']),
    handles: num(r['handles']),
    ioReadBytesPerSec: moving(r['io_read']),
    ioWriteBytesPerSec: moving(r['io_write']),
    netRxBytesPerSec: num(r['net_rx']),
    netTxBytesPerSec: num(r['net_tx']),
    gpuPercent: moving(r['gpu']),
    gpuMemoryBytes: num(r['gpu_memory']),
    priority: text(r['priority']) as Priority | null, // written from a parsed ProcessRow
    isEfficiencyMode: efficiency === null ? null : efficiency === 1,
    commandLine: text(r['command_line']),
    exePath: text(r['exe_path']),
    description: text(r['description']),
    publisher: text(r['publisher']),
    services: services === null ? null : (JSON.parse(services) as string[]),
  };
}

/**
 * The processes at the nearest recorded second at or before `atMs` within its minute: each row
 * sampled at that second as it was; every other process alive then (in the minute's complete list
 * or first seen since, and not exited by then) from its latest sample with CPU, I/O and GPU at 0.
 * Memory and the like of those are as of that sample (at most a minute old). Apps: the minute's
 * list, members still alive (a process started since belongs to none).
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
  const list = db.prepare('SELECT t, apps FROM minute_list WHERE t <= ? ORDER BY t DESC LIMIT 1').get(takenAtMs);
  const listMs = num(list?.['t']);
  if (listMs === null || list === undefined) return noHistory;
  // Each identity's newest sample in the range: SQLite gives a bare column of a max() aggregate
  // from the row holding the max, so the merge runs in SQL and JavaScript sees one row a process.
  const newest = db
    .prepare(
      `SELECT ${SAMPLE_COLUMNS} FROM (SELECT max(t) AS newest_t, * FROM sample WHERE t >= ? AND t <= ? GROUP BY id) s JOIN identity i ON i.id = s.id`,
    )
    .all(listMs, takenAtMs);
  const exited = new Set(db.prepare("SELECT id FROM event WHERE kind = 'exit' AND t > ? AND t <= ?").all(listMs, takenAtMs).map((e) => Number(e['id'])));
  const processes: ProcessRow[] = [];
  const alive = new Set<string>();
  for (const sample of newest) {
    if (exited.has(Number(sample['id']))) continue;
    const row = rowOf(sample, sample['t'] === takenAtMs);
    processes.push(row);
    alive.add(`${row.pid}:${row.startTimeMs}`);
  }
  processes.sort((a, b) => a.pid - b.pid || a.startTimeMs - b.startTimeMs);
  const apps = (JSON.parse(String(list['apps'])) as App[])
    .map((app) => ({ ...app, members: app.members.filter((m) => alive.has(`${m.pid}:${m.startTimeMs}`)) }))
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
