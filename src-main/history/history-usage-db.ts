/**
 * Per-minute and per-hour usage in the history store (history-usage.ts has the math): one row a
 * minute (`usage_1m`) and one an hour (`usage_1h`) with the apps and executables in a compact
 * blob, their processes' blob in tables of their own (`usage_1m_process` for 7 days, then
 * `usage_1m_process_thin` to 30; `usage_1h_process` 30 days), and `usage_key` naming what the
 * blobs' numbers stand for. Written by the
 * writer as each minute ends (the minute under way is in memory: a kill loses at most it), read
 * for `topConsumers` and `appHistory`.
 *
 * Retention (issue 15): per process each minute, every process that used anything plus the top
 * 100 by memory, for 7 days; then only those above 1 % CPU or in the top 20 by memory that minute,
 * to 30 days. Apps and executables per minute 30 days; per hour a year (with every process's hour
 * for 30 days, so a range of whole hours reads a row an hour).
 *
 * A blob (`encodeEntries`) is deflated: per entry its key id, the 10 figures of `UsageTotals` (NaN
 * for null) and its member count as float64s, then the members' key ids (apps and executables).
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { MAX_TOP_LIMIT } from '../../src-shared/query-schema.ts';
import type { TickRecord } from './history-recorder.ts';
import { DEFAULT_RETENTION, HOUR_MS, MINUTE_MS, retentionCutoffs, stepStart, type HistoryRetention } from './history-rollup.ts';
import { decodeEntries, emptyIdBucket, encodeEntries, mergeEntries, type IdBucket, type IdEntry } from './history-usage-codec.ts';
import {
  appKey,
  keptProcesses,
  thinnedProcesses,
  UsageAccumulator,
  type GroupUsageEntry,
  type ProcessUsageEntry,
  type UsageBucket,
} from './history-usage.ts';

/** Past 7 days a minute keeps the processes above this % CPU of the machine, and the top by memory. */
export const THIN_CPU_PERCENT = 1;
export const THIN_MEMORY_TOP = 20;

const USAGE_SCHEMA = `
CREATE TABLE IF NOT EXISTS usage_key (
  id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, pid INTEGER, start_ms INTEGER,
  name TEXT NOT NULL, exe_path TEXT, user TEXT, app_name TEXT, last_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS usage_1m (t INTEGER PRIMARY KEY, recorded_ms REAL NOT NULL, capacity_ms REAL NOT NULL, groups BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS usage_1m_process (t INTEGER PRIMARY KEY, processes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS usage_1m_process_thin (t INTEGER PRIMARY KEY, processes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS usage_1h (t INTEGER PRIMARY KEY, recorded_ms REAL NOT NULL, capacity_ms REAL NOT NULL, groups BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS usage_1h_process (t INTEGER PRIMARY KEY, processes BLOB NOT NULL);
`;

/** The usage tables, for "delete usage history" (history-delete.ts). */
export const USAGE_TABLES = ['usage_1m', 'usage_1m_process', 'usage_1m_process_thin', 'usage_1h', 'usage_1h_process', 'usage_key'] as const;

/**
 * A minute's (or hour's) row with its processes: the full ones for 7 days, then the thinned ones
 * (each set is its own table, written once in time order and deleted by age: no row is ever
 * rewritten smaller, which would leave its pages mostly empty).
 */
const MINUTES_SELECT = `SELECT m.t, m.recorded_ms, m.capacity_ms, m.groups, coalesce(p.processes, q.processes) AS processes
  FROM usage_1m m LEFT JOIN usage_1m_process p ON p.t = m.t LEFT JOIN usage_1m_process_thin q ON q.t = m.t`;
const HOURS_SELECT = 'SELECT h.t, h.recorded_ms, h.capacity_ms, h.groups, p.processes FROM usage_1h h LEFT JOIN usage_1h_process p ON p.t = h.t';
/** The same rows without their processes (App history needs none). */
const MINUTES_ONLY_SELECT = 'SELECT m.t, m.recorded_ms, m.capacity_ms, m.groups, NULL AS processes FROM usage_1m m';
const HOURS_ONLY_SELECT = 'SELECT h.t, h.recorded_ms, h.capacity_ms, h.groups, NULL AS processes FROM usage_1h h';

export interface UsageKeyRow {
  id: number;
  kind: 'process' | 'app' | 'executable';
  pid: number | null;
  startTimeMs: number | null;
  name: string;
  exePath: string | null;
  user: string | null;
  appName: string | null;
}

interface UsageRow {
  t: number;
  recordedMs: number;
  capacityMs: number;
  processes: Uint8Array | null;
  groups: Uint8Array;
}

function usageRowOf(row: Record<string, unknown>): UsageRow {
  const blob = (value: unknown) => (value instanceof Uint8Array ? value : null);
  return { t: Number(row['t']), recordedMs: Number(row['recorded_ms']), capacityMs: Number(row['capacity_ms']), processes: blob(row['processes']), groups: blob(row['groups']) ?? new Uint8Array() };
}

export class HistoryUsageDb {
  private readonly accumulator = new UsageAccumulator();
  /** Key text → usage_key id, for the keys written by this writer. */
  private readonly keyIds = new Map<string, number>();
  private readonly upsertKey: StatementSync;
  private readonly db: DatabaseSync;
  private lastPrunedHour = Number.NaN;

  constructor(db: DatabaseSync) {
    this.db = db;
    db.exec(USAGE_SCHEMA);
    this.upsertKey = db.prepare(
      'INSERT INTO usage_key (key, kind, pid, start_ms, name, exe_path, user, app_name, last_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET last_ms = excluded.last_ms, app_name = coalesce(excluded.app_name, app_name) RETURNING id',
    );
  }

  /** Writes a minute's or an hour's row and its processes. */
  private insertRow(tier: '1m' | '1h', t: number, bucket: IdBucket, processes: readonly IdEntry[]): void {
    this.db.prepare(`INSERT OR REPLACE INTO usage_${tier} (t, recorded_ms, capacity_ms, groups) VALUES (?, ?, ?, ?)`).run(t, bucket.recordedMs, bucket.capacityMs, encodeEntries([...bucket.groups.values()]));
    this.db.prepare(`INSERT OR REPLACE INTO usage_${tier}_process (t, processes) VALUES (?, ?)`).run(t, encodeEntries(processes));
  }

  /** Adds a tick (inside the writer's transaction); writes the minutes it ends, and the hours those end. */
  addTick(tick: TickRecord): void {
    for (const minute of this.accumulator.add(tick)) {
      this.writeMinute(minute, tick.t);
      this.rollHoursBefore(stepStart(tick.t, HOUR_MS));
    }
  }

  /** The minute under way as key ids (it names its keys in usage_key first), or null. */
  currentMinute(nowMs: number): { startMs: number; bucket: IdBucket } | null {
    const minute = this.accumulator.current();
    if (!minute) return null;
    const { processes, groups } = this.idEntries(minute, nowMs);
    const bucket = emptyIdBucket();
    bucket.recordedMs = minute.recordedMs;
    bucket.capacityMs = minute.capacityMs;
    mergeEntries(bucket.processes, processes);
    mergeEntries(bucket.groups, groups);
    return { startMs: minute.startMs, bucket };
  }

  /** Writes the minute under way (the writer is closing); a writer that starts within it adds to it. */
  flush(nowMs: number): void {
    const minute = this.accumulator.current();
    if (!minute) return;
    this.writeMinute(minute, nowMs);
    this.accumulator.forgetMinute();
  }

  private writeMinute(minute: UsageBucket, nowMs: number): void {
    const { processes, groups } = this.idEntries(minute, nowMs);
    const bucket = emptyIdBucket();
    bucket.recordedMs = minute.recordedMs;
    bucket.capacityMs = minute.capacityMs;
    mergeEntries(bucket.processes, processes);
    mergeEntries(bucket.groups, groups);
    // A minute written by a writer that closed within it: this one adds its part.
    const earlier = this.db.prepare(`${MINUTES_SELECT} WHERE m.t = ?`).get(minute.startMs);
    const merged = earlier ? mergeRows([usageRowOf(earlier)]) : null;
    if (merged) {
      bucket.recordedMs += merged.recordedMs;
      bucket.capacityMs += merged.capacityMs;
      mergeEntries(bucket.processes, [...merged.processes.values()]);
      mergeEntries(bucket.groups, [...merged.groups.values()]);
    }
    this.insertRow('1m', minute.startMs, bucket, keptProcesses([...bucket.processes.values()], MAX_TOP_LIMIT));
  }

  private idEntries(minute: UsageBucket, nowMs: number): { processes: IdEntry[]; groups: IdEntry[] } {
    const processes = [...minute.processes.values()].map((p) => ({ id: this.processKeyId(p, nowMs), totals: p.totals, members: new Set<number>() }));
    const groups = [...minute.groups].map(([key, g]) => ({
      id: this.groupKeyId(key, g, nowMs),
      totals: g.totals,
      members: new Set([...g.members].map((member) => this.keyIds.get(`p:${member}`) ?? -1).filter((id) => id >= 0)),
    }));
    return { processes, groups };
  }

  private processKeyId(p: ProcessUsageEntry, nowMs: number): number {
    const key = `p:${p.key}`;
    const known = this.keyIds.get(key);
    if (known !== undefined) return known;
    const id = Number(this.upsertKey.get(key, 'process', p.pid, p.startTimeMs, p.name, p.exePath, p.user, p.appName, nowMs)?.['id']);
    this.keyIds.set(key, id);
    return id;
  }

  private groupKeyId(key: string, g: GroupUsageEntry, nowMs: number): number {
    const known = this.keyIds.get(key);
    if (known !== undefined) return known;
    const id = Number(this.upsertKey.get(key, g.kind, null, null, g.name, g.exePath, null, null, nowMs)?.['id']);
    this.keyIds.set(key, id);
    return id;
  }

  /** Rolls every whole hour before `hourMs` with minutes and no hour row yet (after a restart, those missed too). */
  private rollHoursBefore(hourMs: number): void {
    const last = this.db.prepare('SELECT max(t) AS t FROM usage_1h').get()?.['t'];
    const sinceMs = typeof last === 'number' ? last + HOUR_MS : 0;
    if (sinceMs >= hourMs) return;
    const rows = this.db.prepare(`${MINUTES_SELECT} WHERE m.t >= ? AND m.t < ? ORDER BY m.t`).all(sinceMs, hourMs).map(usageRowOf);
    const byHour = new Map<number, UsageRow[]>();
    for (const row of rows) {
      const hour = stepStart(row.t, HOUR_MS);
      byHour.set(hour, [...(byHour.get(hour) ?? []), row]);
    }
    const touch = this.db.prepare('UPDATE usage_key SET last_ms = ? WHERE id = ?');
    for (const [hour, minutes] of byHour) {
      const bucket = mergeRows(minutes);
      this.insertRow('1h', hour, bucket, [...bucket.processes.values()]);
      // Keys live as long as the rows that name them: seen this hour.
      for (const id of [...bucket.processes.keys(), ...bucket.groups.keys()]) touch.run(hour + HOUR_MS - 1, id);
    }
  }

  /**
   * Deletes what is past its retention (`retention`: history-rollup.ts); moves the processes of the
   * minutes past `processListsMs` (7 days) to the thinned table. Retention is counted in days: this runs once an hour (the writer calls it each
   * minute).
   */
  prune(nowMs: number, retention: HistoryRetention = DEFAULT_RETENTION): void {
    const hour = stepStart(nowMs, HOUR_MS);
    if (hour === this.lastPrunedHour) return;
    this.lastPrunedHour = hour;
    const db = this.db;
    const cut = retentionCutoffs(nowMs, retention);
    const monthAgoMs = cut.usageMinutes;
    for (const table of ['usage_1m', 'usage_1m_process_thin', 'usage_1h_process']) db.prepare(`DELETE FROM ${table} WHERE t < ?`).run(monthAgoMs);
    db.prepare('DELETE FROM usage_1h WHERE t < ?').run(cut.usageHours);
    const weekAgoMs = cut.minuteLists;
    const thin = db.prepare('INSERT OR REPLACE INTO usage_1m_process_thin (t, processes) VALUES (?, ?)');
    const full = db.prepare('SELECT p.t, p.processes, m.capacity_ms FROM usage_1m_process p LEFT JOIN usage_1m m ON m.t = p.t WHERE p.t < ? ORDER BY p.t').all(weekAgoMs);
    for (const row of full) {
      const processes = row['processes'] instanceof Uint8Array ? decodeEntries(row['processes']) : [];
      thin.run(Number(row['t']), encodeEntries(thinnedProcesses(processes, Number(row['capacity_ms'] ?? 0), THIN_CPU_PERCENT, THIN_MEMORY_TOP)));
    }
    db.prepare('DELETE FROM usage_1m_process WHERE t < ?').run(weekAgoMs);
    const gone = db.prepare("DELETE FROM usage_key WHERE last_ms < ? AND (kind = 'process' OR last_ms < ?) RETURNING key").all(monthAgoMs, cut.usageHours);
    for (const row of gone) this.keyIds.delete(String(row['key']));
  }

  /** The oldest minute or hour held, or null (the size cap's guard deletes from it: history-db.ts). */
  oldestMs(): number | null {
    const min = (table: string) => this.db.prepare(`SELECT min(t) AS t FROM ${table}`).get()?.['t'];
    const held = [min('usage_1m'), min('usage_1h')].filter((t): t is number => typeof t === 'number');
    return held.length > 0 ? Math.min(...held) : null;
  }

  /** Every usage row before `ms` (the size cap's guard; retention is `prune`). */
  deleteBefore(ms: number): void {
    for (const table of USAGE_TABLES) if (table !== 'usage_key') this.db.prepare(`DELETE FROM ${table} WHERE t < ?`).run(ms);
  }

  /** Forgets the minute under way and the keys known (the rows were deleted: history-delete.ts). */
  forget(): void {
    this.keyIds.clear();
    this.accumulator.forgetMinute();
  }

  /**
   * The usage of [fromMs, toMs) by whole minutes (from the minute holding fromMs): whole hours from
   * `usage_1h`, the rest from `usage_1m` (past 30 days, whole hours only), and the minute under
   * way. Null when nothing was recorded there.
   */
  readRange(fromMs: number, toMs: number, nowMs: number, isWithProcesses = true): IdBucket | null {
    const lowMs = stepStart(fromMs, MINUTE_MS);
    const highMs = stepStart(toMs - 1, MINUTE_MS) + MINUTE_MS;
    const hours = this.db.prepare(`${isWithProcesses ? HOURS_SELECT : HOURS_ONLY_SELECT} WHERE h.t >= ? AND h.t + ? <= ? ORDER BY h.t`).all(lowMs, HOUR_MS, highMs).map(usageRowOf);
    const covered = new Set(hours.map((h) => h.t));
    const minutes = this.db
      .prepare(`${isWithProcesses ? MINUTES_SELECT : MINUTES_ONLY_SELECT} WHERE m.t >= ? AND m.t < ? ORDER BY m.t`)
      .all(lowMs, highMs)
      .map(usageRowOf)
      .filter((m) => !covered.has(stepStart(m.t, HOUR_MS)));
    const bucket = mergeRows([...hours, ...minutes]);
    const current = this.currentMinute(nowMs);
    if (current && current.startMs >= lowMs && current.startMs < highMs && !covered.has(stepStart(current.startMs, HOUR_MS))) {
      // Never in a row yet (a row of its minute holds only an earlier writer's part).
      bucket.recordedMs += current.bucket.recordedMs;
      bucket.capacityMs += current.bucket.capacityMs;
      mergeEntries(bucket.processes, [...current.bucket.processes.values()]);
      mergeEntries(bucket.groups, [...current.bucket.groups.values()]);
    }
    return bucket.recordedMs > 0 ? bucket : null;
  }

  /**
   * An app's minutes in [fromMs, toMs) where it ran (usage_1m, 30 days): each minute's start, the
   * machine's capacity that minute (ms of all processors) and the app's totals. For anomaly
   * baselines (src-main/alerts/); the minute under way is left out (it is not whole).
   */
  appMinutes(appName: string, fromMs: number, toMs: number): { t: number; capacityMs: number; totals: IdEntry['totals'] }[] {
    const id = this.db.prepare("SELECT id FROM usage_key WHERE key = ? AND kind = 'app'").get(appKey(appName))?.['id'];
    if (typeof id !== 'number') return [];
    const answer: { t: number; capacityMs: number; totals: IdEntry['totals'] }[] = [];
    for (const row of this.db.prepare(`${MINUTES_ONLY_SELECT} WHERE m.t >= ? AND m.t < ? ORDER BY m.t`).all(fromMs, toMs).map(usageRowOf)) {
      const entry = decodeEntries(row.groups).find((e) => e.id === id);
      if (entry) answer.push({ t: row.t, capacityMs: row.capacityMs, totals: entry.totals });
    }
    return answer;
  }

  /** The usage_key rows of `ids`. */
  keys(ids: Iterable<number>): Map<number, UsageKeyRow> {
    const list = [...ids];
    const answer = new Map<number, UsageKeyRow>();
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      const rows = this.db.prepare(`SELECT * FROM usage_key WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk);
      for (const r of rows) {
        const text = (value: unknown) => (typeof value === 'string' ? value : null);
        const whole = (value: unknown) => (typeof value === 'number' ? value : null);
        answer.set(Number(r['id']), {
          id: Number(r['id']),
          kind: String(r['kind']) as UsageKeyRow['kind'], // written here from the union
          pid: whole(r['pid']),
          startTimeMs: whole(r['start_ms']),
          name: String(r['name']),
          exePath: text(r['exe_path']),
          user: text(r['user']),
          appName: text(r['app_name']),
        });
      }
    }
    return answer;
  }
}

function mergeRows(rows: readonly UsageRow[]): IdBucket {
  const bucket = emptyIdBucket();
  for (const row of rows) {
    bucket.recordedMs += row.recordedMs;
    bucket.capacityMs += row.capacityMs;
    if (row.processes) mergeEntries(bucket.processes, decodeEntries(row.processes));
    mergeEntries(bucket.groups, decodeEntries(row.groups));
  }
  return bucket;
}
