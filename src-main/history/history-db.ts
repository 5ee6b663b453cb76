/**
 * The history store on `node:sqlite`: one file, WAL, one connection, used by one thread (the
 * writer, history-worker.ts; tests use it directly with a fake clock); another instance on the
 * same folder opens it read-only (`openHistoryDbReadOnly`, history-lock.ts). Writes a few ticks per
 * transaction (the writer commits every few seconds); rolls the system figures up to 1 min and 1 h as minutes and hours end; prunes by age and
 * by size, oldest first. Reads: history-reads.ts.
 *
 * The format (history-blobs.ts) is made for few bytes written: every table is appended to in time
 * order, one row per tick at most, each value deflated. A system point is JSON (its lists are the
 * machine's: logical CPUs, disks, interfaces, GPUs; the roll-ups work on the same shape). A tick's
 * process samples are one value (sample-codec.ts), each figure that did not move since the
 * minute's complete list one tag: `tick_sample` holds the active rows of each second,
 * `minute_list` every row of each minute's first tick with its apps. So a tick is read back from
 * its minute's list and the ticks after it (history-reads.ts), and ticks are only ever deleted
 * before a whole minute. Version 1 kept a row per process per second and wrote 10 times the bytes
 * (bench/history-bench.ts): such a file is set aside, not converted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { TickRecord } from './history-recorder.ts';
import { appsBlob, samplesBlob } from './history-blobs.ts';
import { deleteHistoryRows } from './history-delete.ts';
import { HistoryNotes } from './history-events.ts';
import { HistorySettingsStore } from './history-settings.ts';
import { HistoryUsageDb } from './history-usage-db.ts';
import { SystemPoints, type SystemTable } from './system-points.ts';
import { DEFAULT_RETENTION, HOUR_MS, MINUTE_MS, retentionCutoffs, rollUpBySteps, stepStart, SYSTEM_TIERS, type HistoryRetention, type WeightedPoint } from './history-rollup.ts';
import type { Figures, IdFigures } from './sample-codec.ts';

export const HISTORY_FILE = 'history.sqlite';
/** The store's size cap by default: past it the oldest data goes first. */
export const DEFAULT_MAX_BYTES = 1024 ** 3;
const SCHEMA_VERSION = 2;
/**
 * An identity's `last_ms` is moved on when it is this much older than the tick that sees it, not
 * each minute (500 updates a minute rewrote pages all over the table); pruning keeps identities
 * this much longer than what names them.
 */
const IDENTITY_TOUCH_MS = HOUR_MS;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS system_1s (t INTEGER PRIMARY KEY, n INTEGER NOT NULL, shape INTEGER, point BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS system_1m (t INTEGER PRIMARY KEY, n INTEGER NOT NULL, shape INTEGER, point TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS system_1h (t INTEGER PRIMARY KEY, n INTEGER NOT NULL, shape INTEGER, point TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS point_shape (id INTEGER PRIMARY KEY, shape BLOB NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS identity (
  id INTEGER PRIMARY KEY, pid INTEGER NOT NULL, start_ms INTEGER NOT NULL, name TEXT NOT NULL, user TEXT,
  command_line TEXT, exe_path TEXT, description TEXT, publisher TEXT, last_ms INTEGER NOT NULL, UNIQUE (pid, start_ms));
CREATE TABLE IF NOT EXISTS minute_list (t INTEGER PRIMARY KEY, apps BLOB NOT NULL, samples BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS tick_sample (t INTEGER PRIMARY KEY, samples BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS event (t INTEGER NOT NULL, id INTEGER NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS event_t ON event (t);
`;

export interface HistoryDbOptions {
  dir: string;
  /** Wall clock, ms since the epoch (tests pass a fake one). */
  now: () => number;
  maxBytes?: number;
  /** How long each kind is kept (history-rollup.ts; DEFAULT_RETENTION when left out), already checked by `retentionProblem`. */
  retention?: HistoryRetention;
  /** Reads another instance's store (history-lock.ts): no schema, no writes, nothing set aside. */
  isReadOnly?: boolean;
}

/** A file that was not opened as the store and was renamed aside for a new one. */
export interface SetAside {
  file: string;
  /** `damaged`: it failed its check or is not SQLite; `older`: an earlier version's format. */
  why: 'damaged' | 'older';
}

class OlderFormatError extends Error {}

interface KnownIdentity {
  startTimeMs: number;
  id: number;
  touchedMs: number;
}

/** Opens (creating) the store in `dir`; a file that is not a sound store of this version is renamed aside and a new one started. */
export function openHistoryDb(options: HistoryDbOptions): { db: HistoryDb; setAside: SetAside | null } {
  fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const file = path.join(options.dir, HISTORY_FILE);
  try {
    return { db: new HistoryDb(file, options), setAside: null };
  } catch (error) {
    if (!fs.existsSync(file)) throw error;
    const why = error instanceof OlderFormatError ? 'older' : 'damaged';
    const stamp = new Date(options.now()).toISOString().replace(/[:.]/g, '-');
    const aside = path.join(options.dir, why === 'older' ? `history.older-${stamp}.sqlite` : `history.corrupt-${stamp}.sqlite`);
    fs.renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    return { db: new HistoryDb(file, options), setAside: { file: aside, why } };
  }
}

/** Opens the store another instance writes in `dir`, to read it; throws when there is none or it is not of this version. */
export function openHistoryDbReadOnly(options: Omit<HistoryDbOptions, 'isReadOnly'>): HistoryDb {
  return new HistoryDb(path.join(options.dir, HISTORY_FILE), { ...options, isReadOnly: true });
}

export class HistoryDb {
  readonly file: string;
  readonly connection: DatabaseSync;
  private readonly now: () => number;
  private readonly maxBytes: number;
  readonly retention: HistoryRetention;
  /** The live identity of each pid: its start, row id and the `last_ms` it holds (by pid: no key strings on the tick's path). */
  private readonly ids = new Map<number, KnownIdentity>();
  private readonly points: SystemPoints;
  private readonly insertTickSamples: StatementSync;
  private readonly insertIdentity: StatementSync;
  private readonly findIdentity: StatementSync;
  private readonly touchIdentity: StatementSync;
  private readonly insertEvent: StatementSync;
  private readonly insertMinuteList: StatementSync;
  private lastRolledMinute = Number.NaN;
  /**
   * Each identity's figures as last written since the latest complete list: what a tick's samples
   * are encoded against, as the reader decodes them. Null until a complete list is written (a new
   * writer, or one whose transaction failed): ticks until then stand alone.
   */
  private chain: Map<number, Figures> | null = null;
  /** Per-minute usage (history-usage-db.ts), notes (history-events.ts), settings (history-settings.ts). */
  readonly usage: HistoryUsageDb;
  readonly notes: HistoryNotes;
  readonly settings: HistorySettingsStore;
  private readonly isReadOnly: boolean;

  constructor(file: string, options: HistoryDbOptions) {
    this.file = file;
    this.now = options.now;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.retention = options.retention ?? DEFAULT_RETENTION;
    const isNew = !fs.existsSync(file);
    const isReadOnly = options.isReadOnly === true;
    if (isReadOnly && isNew) throw new Error(`there is no history store in ${path.dirname(file)} yet`);
    this.connection = new DatabaseSync(file, { readOnly: isReadOnly });
    try {
      if (isReadOnly) this.checkVersion();
      else this.setUp(isNew);
    } catch (error) {
      this.connection.close();
      throw error;
    }
    const db = this.connection;
    this.points = new SystemPoints(db);
    this.insertTickSamples = db.prepare('INSERT OR REPLACE INTO tick_sample (t, samples) VALUES (?, ?)');
    this.insertIdentity = db.prepare(
      'INSERT INTO identity (pid, start_ms, name, user, command_line, exe_path, description, publisher, last_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (pid, start_ms) DO UPDATE SET last_ms = excluded.last_ms RETURNING id',
    );
    this.findIdentity = db.prepare('SELECT id, last_ms FROM identity WHERE pid = ? AND start_ms = ?');
    this.touchIdentity = db.prepare('UPDATE identity SET last_ms = ? WHERE id = ?');
    this.insertEvent = db.prepare('INSERT INTO event (t, id, kind) VALUES (?, ?, ?)');
    this.insertMinuteList = db.prepare('INSERT OR REPLACE INTO minute_list (t, apps, samples) VALUES (?, ?, ?)');
    this.isReadOnly = isReadOnly;
    this.usage = new HistoryUsageDb(db);
    this.notes = new HistoryNotes(db);
    this.settings = new HistorySettingsStore(db);
  }

  /** Deletes history (history-delete.ts) and forgets what this connection held of it. */
  deleteHistory(scope: 'everything' | 'usage'): void {
    deleteHistoryRows(this.connection, scope);
    this.usage.forget();
    if (scope === 'everything') {
      // The ticks to come stand alone until the next complete list: the one they would be read against is gone.
      this.chain = null;
      this.ids.clear();
      this.points.forget();
    }
  }

  private setUp(isNew: boolean): void {
    const db = this.connection;
    if (isNew) fs.chmodSync(this.file, 0o600);
    // Before any table (a new file only). Small pages: a commit every few seconds rewrites the
    // last, partly filled page of each table it appends to, and the pages above it. Measured
    // (bench/history-bench.ts, 500 processes): 4 KiB pages wrote 530 MB a day, 1 KiB 270, 512 B
    // 215, with reads as quick (a moment at 2,000 rows, a 24 h chart: under 25 ms).
    db.exec('PRAGMA page_size = 512');
    // Lets pruning give pages back to the file system (PRAGMA incremental_vacuum).
    db.exec('PRAGMA auto_vacuum = INCREMENTAL');
    db.exec('PRAGMA journal_mode = WAL');
    // A committed tick survives the process being killed; only an OS crash may lose the last ones.
    db.exec('PRAGMA synchronous = NORMAL');
    const check = db.prepare('PRAGMA quick_check').get();
    if (!check || check['quick_check'] !== 'ok') throw new Error(`history store failed its check: ${JSON.stringify(check)}`);
    const version = Number(db.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0);
    if (version > SCHEMA_VERSION) throw new Error(`history store is from a newer version (${version})`);
    if (version !== 0 && version < SCHEMA_VERSION) throw new OlderFormatError(`history store is from an older version (${version})`);
    db.exec(SCHEMA);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
  }

  /** A reader can't set a file aside: it reads this version's or says why not. */
  private checkVersion(): void {
    const version = Number(this.connection.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0);
    if (version !== SCHEMA_VERSION) throw new Error(`the history store is of version ${version}; this app reads version ${SCHEMA_VERSION}`);
  }

  /** Writes one tick (a batch of one). */
  write(tick: TickRecord): void {
    this.writeAll([tick]);
  }

  /**
   * Writes ticks (oldest first) one transaction per minute they span: each commit writes the pages
   * it touched to the WAL once, so a few ticks a commit write a fraction of the bytes of one each.
   * At a new minute, first rolls up what ended and prunes. A failed write (the disk is full) is
   * rolled back whole and thrown; the ticks after it are written standalone until the next
   * complete list.
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
      const batch = ticks.slice(i, end);
      try {
        this.transaction(() => {
          for (const tick of batch) {
            this.insertTick(tick);
            // Gaps and recording started (history-events.ts); the minute's usage (history-usage-db.ts).
            this.notes.addTick(tick);
            this.usage.addTick(tick);
          }
        });
      } catch (error) {
        // What the rolled-back ticks wrote is gone: forget the ids and figures they added.
        this.chain = null;
        this.ids.clear();
        this.points.forget();
        throw error;
      }
      i = end;
    }
  }

  /** Runs `write` in one transaction: committed whole, or rolled back and the error thrown. */
  private transaction(write: () => void): void {
    const db = this.connection;
    db.exec('BEGIN');
    try {
      write();
      db.exec('COMMIT');
    } catch (error) {
      // A failed COMMIT (SQLITE_FULL) may have ended the transaction already.
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  private insertTick(tick: TickRecord): void {
    this.points.insert('system_1s', tick.t, 1, tick.point);
    for (const identity of tick.identities) {
      const row = this.insertIdentity.get(identity.pid, identity.startTimeMs, identity.name, identity.user, this.settings.commandLineOf(identity), identity.exePath, identity.description, identity.publisher, tick.t);
      const id = Number(row?.['id']);
      this.ids.set(identity.pid, { startTimeMs: identity.startTimeMs, id, touchedMs: tick.t });
      if (tick.areStarts) this.insertEvent.run(tick.t, id, 'start');
    }
    for (const exit of tick.exits) {
      const known = this.idOf(exit.pid, exit.startTimeMs);
      if (known !== null) this.insertEvent.run(tick.t, known.id, 'exit');
      // Not the pid's new identity, when it was reused this tick.
      if (this.ids.get(exit.pid)?.startTimeMs === exit.startTimeMs) this.ids.delete(exit.pid);
    }
    const samples: IdFigures[] = [];
    for (const r of tick.rows) {
      const known = this.idOf(r.pid, r.startTimeMs);
      if (known === null) continue;
      if (tick.isComplete && tick.t - known.touchedMs >= IDENTITY_TOUCH_MS) {
        this.touchIdentity.run(tick.t, known.id);
        known.touchedMs = tick.t;
      }
      // A sample's figures as they are (its pid and start time are the identity's: not read).
      samples.push({ id: known.id, figures: r });
    }
    if (tick.isComplete) {
      this.insertMinuteList.run(tick.t, appsBlob(tick.apps ?? []), samplesBlob(samples, null));
      this.chain = new Map(samples.map((s) => [s.id, s.figures]));
      return;
    }
    if (samples.length === 0) return;
    this.insertTickSamples.run(tick.t, samplesBlob(samples, this.chain));
    this.chain ??= new Map();
    for (const s of samples) this.chain.set(s.id, s.figures);
  }

  /** A known identity's row id and `last_ms` (a writer started again finds those of the file). */
  private idOf(pid: number, startTimeMs: number): KnownIdentity | null {
    const known = this.ids.get(pid);
    if (known?.startTimeMs === startTimeMs) return known;
    const row = this.findIdentity.get(pid, startTimeMs);
    if (!row) return null;
    const found = { startTimeMs, id: Number(row['id']), touchedMs: Number(row['last_ms']) };
    this.ids.set(pid, found);
    return found;
  }

  /**
   * Rolls up every whole minute before `minuteMs` not rolled yet (all of them after a restart or a
   * crash), then every whole hour of those minutes.
   */
  rollUpBefore(minuteMs: number): void {
    this.rollTier('system_1s', 'system_1m', MINUTE_MS, minuteMs);
    this.rollTier('system_1m', 'system_1h', HOUR_MS, stepStart(minuteMs, HOUR_MS));
  }

  private rollTier(from: SystemTable, to: SystemTable, stepMs: number, beforeMs: number): void {
    const last = this.connection.prepare(`SELECT max(t) AS t FROM ${to}`).get()?.['t'];
    const sinceMs = typeof last === 'number' ? last + stepMs : 0;
    if (sinceMs >= beforeMs) return;
    const points = this.points.read(from, sinceMs, beforeMs);
    if (points.length === 0) return;
    this.transaction(() => {
      for (const rolled of rollUpBySteps(points, stepMs)) this.points.insert(to, rolled.point.takenAtMs, rolled.weight, rolled.point);
    });
  }

  /** The points of a system tier from `fromMs` (inclusive) to `toMs` (exclusive), oldest first. */
  readPoints(table: SystemTable, fromMs: number, toMs: number): WeightedPoint[] {
    return this.points.read(table, fromMs, toMs);
  }

  /**
   * Deletes what is past its tier's retention; then, while the store is over its cap, the oldest
   * hour of the bulkiest data first: the 1 s process samples, then the minute lists (with their
   * samples, events and identities), and only then the system figures, whose year of hours is a
   * few MB: a busy machine loses its oldest seconds of detail before its long graphs.
   */
  prune(): void {
    const db = this.connection;
    const cut = retentionCutoffs(this.now(), this.retention);
    this.transaction(() => {
      for (const tier of SYSTEM_TIERS) db.prepare(`DELETE FROM ${tier.table} WHERE t < ?`).run(cut.system[tier.table]);
      // A tick is read from its minute's list on: ticks go a whole minute at a time.
      db.prepare('DELETE FROM tick_sample WHERE t < ?').run(stepStart(cut.activeSamples, MINUTE_MS));
      this.deleteProcessesBefore(cut.minuteLists);
      this.usage.prune(this.now(), this.retention);
      this.notes.prune(this.now(), this.retention);
    });
    const stages: { oldest: () => number | null; deleteBefore: (ms: number) => void }[] = [
      {
        oldest: () => num(db.prepare('SELECT min(t) AS t FROM tick_sample').get()?.['t']),
        deleteBefore: (ms) => db.prepare('DELETE FROM tick_sample WHERE t < ?').run(ms),
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
        this.transaction(() => stage.deleteBefore(stepStart(oldest, HOUR_MS) + HOUR_MS));
      }
    }
    db.exec('PRAGMA incremental_vacuum');
  }

  /**
   * Every process sample, minute list and event before the minute of `ms`, and the identities last
   * seen well before it (`last_ms` moves on only hourly).
   */
  private deleteProcessesBefore(ms: number): void {
    const db = this.connection;
    const minuteMs = stepStart(ms, MINUTE_MS);
    for (const table of ['tick_sample', 'minute_list', 'event']) db.prepare(`DELETE FROM ${table} WHERE t < ?`).run(minuteMs);
    db.prepare('DELETE FROM identity WHERE last_ms < ?').run(minuteMs - IDENTITY_TOUCH_MS);
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
    if (!this.isReadOnly) {
      try {
        this.usage.flush(this.now());
      } catch {
        // The disk refused the last minute's usage: it is lost, as after a kill; the file stays whole.
      }
    }
    this.connection.close();
  }
}

function num(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}
