/**
 * The history store on `node:sqlite`: one file, WAL, one connection, used by one thread (the
 * writer, history-worker.ts; tests use it directly with a fake clock). Writes a few ticks per
 * transaction (the writer commits every few seconds); rolls the system figures up to 1 min and 1 h as minutes and hours end; prunes by age and
 * by size, oldest first. Reads: history-reads.ts.
 *
 * Why JSON for the system figures: a `SystemPoint` is a tree with lists whose length is the
 * machine's (logical CPUs, disks, interfaces, GPUs and their engines); one JSON text per tick is
 * rebuilt exactly, and the roll-ups (history-rollup.ts) work on the same shape. Process samples
 * are columns (many rows, few of them each tick, filtered by time and identity).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SystemPoint } from '../../src-shared/query.ts';
import type { TickRecord } from './history-recorder.ts';
import { deleteHistoryRows } from './history-delete.ts';
import { HistoryNotes } from './history-events.ts';
import { HistorySettingsStore } from './history-settings.ts';
import { HistoryUsageDb } from './history-usage-db.ts';
import { HOUR_MS, MINUTE_MS, retentionCutoffs, rollUpBySteps, stepStart, SYSTEM_TIERS, type WeightedPoint } from './history-rollup.ts';

export const HISTORY_FILE = 'history.sqlite';
/** The store's size cap by default: past it the oldest data goes first. */
export const DEFAULT_MAX_BYTES = 1024 ** 3;
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS system_1s (t INTEGER PRIMARY KEY, n INTEGER NOT NULL, point TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS system_1m (t INTEGER PRIMARY KEY, n INTEGER NOT NULL, point TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS system_1h (t INTEGER PRIMARY KEY, n INTEGER NOT NULL, point TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS identity (
  id INTEGER PRIMARY KEY, pid INTEGER NOT NULL, start_ms INTEGER NOT NULL, name TEXT NOT NULL, user TEXT,
  command_line TEXT, exe_path TEXT, description TEXT, publisher TEXT, last_ms INTEGER NOT NULL, UNIQUE (pid, start_ms));
CREATE TABLE IF NOT EXISTS minute_list (t INTEGER PRIMARY KEY, apps TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sample (
  t INTEGER NOT NULL, id INTEGER NOT NULL, is_complete INTEGER NOT NULL, ppid INTEGER NOT NULL, state TEXT NOT NULL,
  cpu REAL, memory REAL, resident REAL, commit_bytes REAL, threads INTEGER, handles INTEGER, io_read REAL, io_write REAL,
  net_rx REAL, net_tx REAL, gpu REAL, gpu_memory REAL, priority TEXT, efficiency INTEGER, services TEXT,
  PRIMARY KEY (t, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS event (t INTEGER NOT NULL, id INTEGER NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS event_t ON event (t);
`;

export interface HistoryDbOptions {
  dir: string;
  /** Wall clock, ms since the epoch (tests pass a fake one). */
  now: () => number;
  maxBytes?: number;
}

/** Opens (creating) the store in `dir`; a file that is not a sound store is renamed aside and a new one started. */
export function openHistoryDb(options: HistoryDbOptions): { db: HistoryDb; renamedCorrupt: string | null } {
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const file = path.join(options.dir, HISTORY_FILE);
  try {
    return { db: new HistoryDb(file, options), renamedCorrupt: null };
  } catch (error) {
    if (!fs.existsSync(file)) throw error;
    const aside = path.join(options.dir, `history.corrupt-${new Date(options.now()).toISOString().replace(/[:.]/g, '-')}.sqlite`);
    fs.renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    return { db: new HistoryDb(file, options), renamedCorrupt: aside };
  }
}

export class HistoryDb {
  readonly file: string;
  readonly connection: DatabaseSync;
  private readonly now: () => number;
  private readonly maxBytes: number;
  private readonly ids = new Map<string, number>();
  private readonly insertPoint: StatementSync;
  private readonly insertSample: StatementSync;
  private readonly insertIdentity: StatementSync;
  private readonly findIdentity: StatementSync;
  private readonly touchIdentity: StatementSync;
  private readonly insertEvent: StatementSync;
  private readonly insertMinuteList: StatementSync;
  private lastRolledMinute = Number.NaN;
  /** Per-minute usage (history-usage-db.ts), notes (history-events.ts), settings (history-settings.ts). */
  readonly usage: HistoryUsageDb;
  readonly notes: HistoryNotes;
  readonly settings: HistorySettingsStore;

  constructor(file: string, options: HistoryDbOptions) {
    this.file = file;
    this.now = options.now;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const isNew = !fs.existsSync(file);
    this.connection = new DatabaseSync(file);
    try {
      if (isNew) fs.chmodSync(file, 0o600);
      const db = this.connection;
      // Before any table: lets pruning give pages back to the file system (PRAGMA incremental_vacuum).
      db.exec('PRAGMA auto_vacuum = INCREMENTAL');
      db.exec('PRAGMA journal_mode = WAL');
      // A committed tick survives the process being killed; only an OS crash may lose the last ones.
      db.exec('PRAGMA synchronous = NORMAL');
      const check = db.prepare('PRAGMA quick_check').get();
      if (!check || check['quick_check'] !== 'ok') throw new Error(`history store failed its check: ${JSON.stringify(check)}`);
      const version = Number(db.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0);
      if (version > SCHEMA_VERSION) throw new Error(`history store is from a newer version (${version})`);
      db.exec(SCHEMA);
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    } catch (error) {
      this.connection.close();
      throw error;
    }
    const db = this.connection;
    this.insertPoint = db.prepare('INSERT OR REPLACE INTO system_1s (t, n, point) VALUES (?, 1, ?)');
    this.insertSample = db.prepare(
      'INSERT OR REPLACE INTO sample VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertIdentity = db.prepare(
      'INSERT INTO identity (pid, start_ms, name, user, command_line, exe_path, description, publisher, last_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (pid, start_ms) DO UPDATE SET last_ms = excluded.last_ms RETURNING id',
    );
    this.findIdentity = db.prepare('SELECT id FROM identity WHERE pid = ? AND start_ms = ?');
    this.touchIdentity = db.prepare('UPDATE identity SET last_ms = ? WHERE id = ?');
    this.insertEvent = db.prepare('INSERT INTO event (t, id, kind) VALUES (?, ?, ?)');
    this.insertMinuteList = db.prepare('INSERT OR REPLACE INTO minute_list (t, apps) VALUES (?, ?)');
    this.usage = new HistoryUsageDb(db);
    this.notes = new HistoryNotes(db);
    this.settings = new HistorySettingsStore(db);
  }

  /** Deletes history (history-delete.ts) and forgets what this connection held of it. */
  deleteHistory(scope: 'everything' | 'usage'): void {
    deleteHistoryRows(this.connection, scope);
    this.usage.forget();
    if (scope === 'everything') this.ids.clear();
  }

  /** Writes one tick (a batch of one). */
  write(tick: TickRecord): void {
    this.writeAll([tick]);
  }

  /**
   * Writes ticks (oldest first) one transaction per minute they span: each commit writes the pages
   * it touched to the WAL once, so a few ticks a commit write a fraction of the bytes of one each.
   * At a new minute, first rolls up what ended and prunes.
   */
  writeAll(ticks: readonly TickRecord[]): void {
    let i = 0;
    while (i < ticks.length) {
      const first = ticks[i];
      if (!first) break;
      const minute = stepStart(first.t, MINUTE_MS);
      if (minute !== this.lastRolledMinute) {
        this.rollUpBefore(minute);
        this.prune();
        this.lastRolledMinute = minute;
      }
      let end = i + 1;
      while (end < ticks.length && stepStart(ticks[end]?.t ?? Number.NaN, MINUTE_MS) === minute) end += 1;
      const db = this.connection;
      db.exec('BEGIN');
      try {
        for (const tick of ticks.slice(i, end)) this.insertTick(tick);
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
      i = end;
    }
  }

  private insertTick(tick: TickRecord): void {
    this.insertPoint.run(tick.t, JSON.stringify(tick.point));
    for (const identity of tick.identities) {
      const row = this.insertIdentity.get(identity.pid, identity.startTimeMs, identity.name, identity.user, this.settings.commandLineOf(identity), identity.exePath, identity.description, identity.publisher, tick.t);
      const id = Number(row?.['id']);
      this.ids.set(`${identity.pid}:${identity.startTimeMs}`, id);
      if (tick.areStarts) this.insertEvent.run(tick.t, id, 'start');
    }
    for (const exit of tick.exits) {
      const id = this.idOf(exit.pid, exit.startTimeMs);
      if (id !== null) this.insertEvent.run(tick.t, id, 'exit');
      this.ids.delete(`${exit.pid}:${exit.startTimeMs}`);
    }
    if (tick.isComplete) this.insertMinuteList.run(tick.t, JSON.stringify(tick.apps ?? []));
    const complete = tick.isComplete ? 1 : 0;
    for (const r of tick.rows) {
      const id = this.idOf(r.pid, r.startTimeMs);
      if (id === null) continue;
      if (tick.isComplete) this.touchIdentity.run(tick.t, id);
      this.insertSample.run(
        tick.t, id, complete, r.ppid, r.state, r.cpuPercent, r.memoryBytes, r.residentBytes, r.commitBytes, r.threads, r.handles,
        r.ioReadBytesPerSec, r.ioWriteBytesPerSec, r.netRxBytesPerSec, r.netTxBytesPerSec, r.gpuPercent, r.gpuMemoryBytes,
        r.priority, r.isEfficiencyMode === null ? null : r.isEfficiencyMode ? 1 : 0, r.services === null ? null : JSON.stringify(r.services),
      );
    }
    this.notes.addTick(tick);
    this.usage.addTick(tick);
  }

  /** A known identity's row id (a writer started again finds those of the file). */
  private idOf(pid: number, startTimeMs: number): number | null {
    const key = `${pid}:${startTimeMs}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const row = this.findIdentity.get(pid, startTimeMs);
    if (!row) return null;
    const id = Number(row['id']);
    this.ids.set(key, id);
    return id;
  }

  /**
   * Rolls up every whole minute before `minuteMs` not rolled yet (all of them after a restart or a
   * crash), then every whole hour of those minutes.
   */
  rollUpBefore(minuteMs: number): void {
    this.rollTier('system_1s', 'system_1m', MINUTE_MS, minuteMs);
    this.rollTier('system_1m', 'system_1h', HOUR_MS, stepStart(minuteMs, HOUR_MS));
  }

  private rollTier(from: string, to: string, stepMs: number, beforeMs: number): void {
    const db = this.connection;
    const last = db.prepare(`SELECT max(t) AS t FROM ${to}`).get()?.['t'];
    const sinceMs = typeof last === 'number' ? last + stepMs : 0;
    if (sinceMs >= beforeMs) return;
    const rows = db.prepare(`SELECT n, point FROM ${from} WHERE t >= ? AND t < ? ORDER BY t`).all(sinceMs, beforeMs);
    if (rows.length === 0) return;
    const points: WeightedPoint[] = rows.map((row) => ({ point: JSON.parse(String(row['point'])) as SystemPoint, weight: Number(row['n']) }));
    const insert = db.prepare(`INSERT OR REPLACE INTO ${to} (t, n, point) VALUES (?, ?, ?)`);
    db.exec('BEGIN');
    for (const rolled of rollUpBySteps(points, stepMs)) insert.run(rolled.point.takenAtMs, rolled.weight, JSON.stringify(rolled.point));
    db.exec('COMMIT');
  }

  /**
   * Deletes what is past its tier's retention; then, while the store is over its cap, the oldest
   * hour of the bulkiest data first: the 1 s process samples, then the minute lists (with their
   * samples, events and identities), and only then the system figures, whose year of hours is a
   * few MB: a busy machine loses its oldest seconds of detail before its long graphs.
   */
  prune(): void {
    const db = this.connection;
    const cut = retentionCutoffs(this.now());
    db.exec('BEGIN');
    for (const tier of SYSTEM_TIERS) db.prepare(`DELETE FROM ${tier.table} WHERE t < ?`).run(cut.system[tier.table]);
    db.prepare('DELETE FROM sample WHERE t < ? AND is_complete = 0').run(cut.activeSamples);
    this.deleteProcessesBefore(cut.minuteLists);
    this.usage.prune(this.now());
    this.notes.prune(this.now());
    db.exec('COMMIT');
    const stages: { oldest: () => number | null; deleteBefore: (ms: number) => void }[] = [
      {
        oldest: () => num(db.prepare('SELECT min(t) AS t FROM sample WHERE is_complete = 0').get()?.['t']),
        deleteBefore: (ms) => db.prepare('DELETE FROM sample WHERE t < ? AND is_complete = 0').run(ms),
      },
      { oldest: () => num(db.prepare('SELECT min(t) AS t FROM minute_list').get()?.['t']), deleteBefore: (ms) => this.deleteProcessesBefore(ms) },
      // Then the usage behind App history and top consumers (history-usage-db.ts), before the long graphs.
      { oldest: () => this.usage.oldestMs(), deleteBefore: (ms) => this.usage.deleteBefore(ms) },
      {
        oldest: () => this.oldestMs(),
        deleteBefore: (ms) => {
          for (const tier of SYSTEM_TIERS) db.prepare(`DELETE FROM ${tier.table} WHERE t < ?`).run(ms);
          this.deleteProcessesBefore(ms);
        },
      },
    ];
    for (const stage of stages) {
      for (let guard = 0; guard < 10_000 && this.usedBytes() > this.maxBytes; guard++) {
        const oldest = stage.oldest();
        if (oldest === null) break;
        db.exec('BEGIN');
        stage.deleteBefore(stepStart(oldest, HOUR_MS) + HOUR_MS);
        db.exec('COMMIT');
      }
    }
    db.exec('PRAGMA incremental_vacuum');
  }

  /** Every process sample, minute list and event before `ms`, and the identities last seen before it. */
  private deleteProcessesBefore(ms: number): void {
    const db = this.connection;
    for (const table of ['sample', 'minute_list', 'event']) db.prepare(`DELETE FROM ${table} WHERE t < ?`).run(ms);
    db.prepare('DELETE FROM identity WHERE last_ms < ?').run(ms);
  }

  /** Pages in use (free pages are reused before the file grows), bytes. */
  usedBytes(): number {
    const db = this.connection;
    const pages = Number(db.prepare('PRAGMA page_count').get()?.['page_count'] ?? 0);
    const free = Number(db.prepare('PRAGMA freelist_count').get()?.['freelist_count'] ?? 0);
    const size = Number(db.prepare('PRAGMA page_size').get()?.['page_size'] ?? 0);
    return (pages - free) * size;
  }

  /** The file and its WAL, bytes. */
  fileBytes(): number {
    let total = 0;
    for (const suffix of ['', '-wal']) {
      try {
        total += fs.statSync(this.file + suffix).size;
      } catch {
        // No WAL right after a checkpoint: nothing to add.
      }
    }
    return total;
  }

  /**
   * The oldest moment held. An hour's roll-up is stamped with the hour's start, earlier than its
   * first second: it counts only once it is a whole hour older than everything finer.
   */
  oldestMs(): number | null {
    const min = (table: string) => num(this.connection.prepare(`SELECT min(t) AS t FROM ${table}`).get()?.['t']);
    const finer = [min('system_1s'), min('system_1m'), min('minute_list')].filter((t): t is number => t !== null);
    const finest = finer.length > 0 ? Math.min(...finer) : null;
    const hourly = min('system_1h');
    if (hourly !== null && (finest === null || hourly + HOUR_MS <= finest)) return hourly;
    return finest;
  }

  newestMs(): number | null {
    return num(this.connection.prepare('SELECT max(t) AS t FROM system_1s').get()?.['t']);
  }

  close(): void {
    if (!this.connection.isOpen) return;
    try {
      this.usage.flush(this.now());
    } catch {
      // The disk refused the last minute's usage: it is lost, as after a kill; the file stays whole.
    }
    this.connection.close();
  }
}

function num(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}
